// fuzz_url.cpp: libFuzzer target for the link parser (web/core/url) and the drawings a link
// carries (web/core/pattern_link). Input: any bytes, read as the query string of a link.
// Properties: parsing never crashes; build_query(parse_query(q)) parses back to the same
// parameters; parse_number / parse_int / parse_choice either refuse with a message naming the
// key or return a finite value inside the range; pattern lists that parse write back to text
// that parses to the same patterns.
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_check.hpp"
#include "pattern_link.hpp"
#include "url.hpp"

using namespace web;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string q(reinterpret_cast<const char*>(data), size);
  const std::vector<Param> ps = parse_query(q);
  // Round trip through link text: what we write reads back unchanged.
  const std::vector<Param> back = parse_query("?" + build_query(ps));
  FUZZ_CHECK(back.size() == ps.size());
  for (size_t j = 0; j < ps.size(); ++j) FUZZ_CHECK(back[j].key == ps[j].key && back[j].value == ps[j].value);
  const std::vector<const char*> names{"cd", "pcd", "hebbian", ""};
  for (const Param& p : ps) {
    double d = -7;
    const std::string md = parse_number(p, -1e3, 1e3, d);
    if (md.empty()) FUZZ_CHECK(std::isfinite(d) && d >= -1e3 && d <= 1e3);
    else FUZZ_CHECK(d == -7 && md.find(link_text(p.key) + "=") == 0);
    long long i = -7;
    const std::string mi = parse_int(p, 0, 1 << 20, i);
    if (mi.empty()) FUZZ_CHECK(i >= 0 && i <= (1 << 20));
    else FUZZ_CHECK(i == -7 && mi.find(link_text(p.key) + "=") == 0);
    int c = -7;
    const std::string mc = parse_choice(p, names, c);
    if (mc.empty()) FUZZ_CHECK(c >= 0 && c < static_cast<int>(names.size()) && p.value == names[c]);
    else FUZZ_CHECK(c == -7 && mc.find(link_text(p.key) + "=") == 0);
    // A value as a list of drawn patterns (the hopfield scene's "drawings").
    auto pats = patterns_from_link(p.value);
    FUZZ_CHECK(pattern_link_check(p.value).empty() == pats.ok());
    if (pats.ok()) {
      FUZZ_CHECK(pats.value().size() <= static_cast<size_t>(kLinkPatternMax));
      for (const auto& pat : pats.value()) {
        FUZZ_CHECK(pat.size() >= 4 && pat.size() <= size_t(kLinkPatternMaxSide) * kLinkPatternMaxSide);
        for (int8_t u : pat) FUZZ_CHECK(u == 1 || u == -1);
      }
      auto again = patterns_from_link(patterns_to_link(pats.value()));
      FUZZ_CHECK(again.ok() && again.value() == pats.value());
    } else {
      FUZZ_CHECK(!pats.error().empty());
    }
  }
  return 0;
}
