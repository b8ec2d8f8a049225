// pattern_link.cpp: see pattern_link.hpp.
#include "pattern_link.hpp"

#include <cmath>

namespace web {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int sextet(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

}  // namespace

std::string patterns_to_link(std::span<const std::vector<int8_t>> patterns) {
  std::string out;
  for (const auto& p : patterns) {
    const int side = static_cast<int>(std::lround(std::sqrt(static_cast<double>(p.size()))));
    if (!out.empty()) out += ',';
    out += std::to_string(side) + '.';
    // Six units per character.
    for (size_t i = 0; i < p.size(); i += 6) {
      int v = 0;
      for (size_t b = 0; b < 6 && i + b < p.size(); ++b)
        if (p[i + b] > 0) v |= 1 << b;
      out += kAlphabet[v];
    }
  }
  return out;
}

ebm::Result<std::vector<std::vector<int8_t>>> patterns_from_link(std::string_view text) {
  std::vector<std::vector<int8_t>> out;
  size_t i0 = 0;
  while (i0 < text.size()) {
    size_t end = text.find(',', i0);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view part = text.substr(i0, end - i0);
    const std::string where = "pattern " + std::to_string(out.size() + 1) + ": ";
    if (static_cast<int>(out.size()) >= kLinkPatternMax)
      return ebm::Error{"more than " + std::to_string(kLinkPatternMax) + " patterns"};
    const size_t dot = part.find('.');
    if (dot == std::string_view::npos || dot == 0 || dot > 2) return ebm::Error{where + "expected <side>.<bits>"};
    int side = 0;
    for (size_t k = 0; k < dot; ++k) {
      if (part[k] < '0' || part[k] > '9') return ebm::Error{where + "the side is not a number"};
      side = side * 10 + (part[k] - '0');
    }
    if (side < 2 || side > kLinkPatternMaxSide)
      return ebm::Error{where + "side " + std::to_string(side) + " is not in 2.." + std::to_string(kLinkPatternMaxSide)};
    const size_t n = static_cast<size_t>(side) * side;
    const std::string_view bits = part.substr(dot + 1);
    if (bits.size() != (n + 5) / 6)
      return ebm::Error{where + "expected " + std::to_string((n + 5) / 6) + " characters for " + std::to_string(side) +
                        "x" + std::to_string(side) + ", got " + std::to_string(bits.size())};
    std::vector<int8_t> p(n, -1);
    for (size_t c = 0; c < bits.size(); ++c) {
      const int v = sextet(bits[c]);
      if (v < 0) return ebm::Error{where + "unexpected character"};
      for (size_t b = 0; b < 6; ++b) {
        const size_t u = c * 6 + b;
        if (u < n) p[u] = (v >> b) & 1 ? 1 : -1;
        else if ((v >> b) & 1) return ebm::Error{where + "bits beyond the last unit"};
      }
    }
    out.push_back(std::move(p));
    if (end == text.size()) break;
    i0 = end + 1;
    if (i0 == text.size()) return ebm::Error{"a trailing ',' with no pattern after it"};
  }
  return out;
}

std::string pattern_link_check(const std::string& text) {
  auto r = patterns_from_link(text);
  return r.ok() ? "" : r.error();
}

}  // namespace web
