// patterns.cpp: text-art letters and random patterns (see patterns.hpp).
#include "patterns.hpp"

#include <array>

#include "check.hpp"

namespace ebm {

Pattern pattern_from_art(std::span<const std::string_view> rows) {
  Pattern p;
  const size_t cols = rows.empty() ? 0 : rows[0].size();
  for (auto r : rows) {
    EBM_ASSERT(r.size() == cols, "all art rows must have the same length");
    for (char c : r) p.push_back((c == '#' || c == 'X') ? 1 : -1);
  }
  return p;
}

std::vector<Pattern> letters_5x5() {
  static constexpr std::array<std::string_view, 5> a = {".###.", "#...#", "#####", "#...#", "#...#"};
  static constexpr std::array<std::string_view, 5> b = {"####.", "#...#", "####.", "#...#", "####."};
  static constexpr std::array<std::string_view, 5> c = {".####", "#....", "#....", "#....", ".####"};
  return {pattern_from_art(a), pattern_from_art(b), pattern_from_art(c)};
}

std::vector<Pattern> letters_10x10(int count) {
  using Art = std::array<std::string_view, 10>;
  static constexpr std::array<Art, 6> art = {{
      {"...####...", "..##..##..", ".##....##.", ".##....##.", ".########.",
       ".########.", ".##....##.", ".##....##.", ".##....##.", ".........."},
      {".######...", ".##...##..", ".##...##..", ".######...", ".##....##.",
       ".##....##.", ".##....##.", ".#######..", "..........", ".........."},
      {"...#####..", "..##...##.", ".##.......", ".##.......", ".##.......",
       ".##.......", "..##...##.", "...#####..", "..........", ".........."},
      {".#####....", ".##..##...", ".##...##..", ".##....##.", ".##....##.",
       ".##....##.", ".##...##..", ".######...", "..........", ".........."},
      {".#######..", ".##.......", ".##.......", ".######...", ".######...",
       ".##.......", ".##.......", ".#######..", "..........", ".........."},
      {".##....##.", ".##....##.", ".##....##.", ".########.", ".########.",
       ".##....##.", ".##....##.", ".##....##.", "..........", ".........."},
  }};
  EBM_ASSERT(count >= 0 && count <= static_cast<int>(art.size()), "at most 6 letters");
  std::vector<Pattern> out;
  for (int i = 0; i < count; ++i) out.push_back(pattern_from_art(art[i]));
  return out;
}

Pattern random_pattern(int n, Rng& rng) {
  Pattern p(n);
  for (auto& v : p) v = (rng.next() >> 63) ? 1 : -1;
  return p;
}

}  // namespace ebm
