// patterns.cpp: text-art letters and random patterns (see patterns.hpp).
#include "patterns.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

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
  // Bold letters chosen so the first four overlap pairwise by |m| <= 0.24; T and H add
  // correlated memories on purpose (crowding shows up when 5 or 6 are stored).
  static constexpr std::array<Art, 6> art = {{
      {"..######..", ".########.", "###....###", "###....###", "##########",
       "##########", "###....###", "###....###", "###....###", "###....###"},  // A
      {"..#######.", ".#########", "####......", "###.......", "###.......",
       "###.......", "###.......", "####......", ".#########", "..#######."},  // C
      {"###....###", ".###..###.", "..######..", "...####...", "...####...",
       "..######..", ".###..###.", "###....###", "##......##", "#........#"},  // X
      {"##########", "##########", "......###.", ".....###..", "....###...",
       "...###....", "..###.....", ".###......", "##########", "##########"},  // Z
      {"##########", "##########", "...####...", "...####...", "...####...",
       "...####...", "...####...", "...####...", "...####...", "...####..."},  // T
      {"###....###", "###....###", "###....###", "###....###", "##########",
       "##########", "###....###", "###....###", "###....###", "###....###"},  // H
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

std::vector<Pattern> random_pattern_set(int count, int n, Rng& rng) {
  std::vector<Pattern> out;
  out.reserve(std::max(count, 0));
  for (int i = 0; i < count; ++i) out.push_back(random_pattern(n, rng));
  return out;
}

std::vector<Pattern> correlated_pattern_set(int count, int n, float q, Rng& rng) {
  const Pattern proto = random_pattern(n, rng);
  std::vector<Pattern> out;
  out.reserve(std::max(count, 0));
  for (int i = 0; i < count; ++i) out.push_back(corrupt(proto, q, rng));
  return out;
}

Pattern corrupt_count(std::span<const int8_t> x, int k, Rng& rng) {
  const int n = static_cast<int>(x.size());
  EBM_ASSERT(k >= 0 && k <= n, "can flip between 0 and n units");
  Pattern out(x.begin(), x.end());
  // Partial Fisher-Yates: the first k entries of idx become a uniform k-subset.
  std::vector<int> idx(n);
  std::iota(idx.begin(), idx.end(), 0);
  for (int i = 0; i < k; ++i) {
    const int j = i + static_cast<int>(rng.below(static_cast<uint32_t>(n - i)));
    std::swap(idx[i], idx[j]);
    out[idx[i]] = static_cast<int8_t>(-out[idx[i]]);
  }
  return out;
}

Pattern blank_center(std::span<const int8_t> x, int rows, int cols, float frac, int8_t value) {
  EBM_ASSERT(static_cast<int>(x.size()) == rows * cols, "pattern must be rows x cols");
  EBM_ASSERT(frac >= 0.0f && frac <= 1.0f, "blank fraction must be in [0, 1]");
  EBM_ASSERT(value == 1 || value == -1, "units are -1 or +1");
  Pattern out(x.begin(), x.end());
  const int h = static_cast<int>(std::lround(frac * rows));
  const int w = static_cast<int>(std::lround(frac * cols));
  const int r0 = (rows - h) / 2, c0 = (cols - w) / 2;
  for (int r = r0; r < r0 + h; ++r)
    for (int c = c0; c < c0 + w; ++c) out[static_cast<size_t>(r) * cols + c] = value;
  return out;
}

}  // namespace ebm
