// pattern_link.hpp: +-1 patterns (a reader's drawings) as link text, so a shared link carries
// what the reader drew. Each square pattern is "<side>.<base64url of its bits>" (bit i set:
// unit i is +1, row-major, least significant bit first), patterns joined by ','. Only the
// characters a URL keeps unescaped are used. UI-free; the parser refuses anything else with a
// message.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "result.hpp"

namespace web {

inline constexpr int kLinkPatternMax = 64;     // patterns a link may carry
inline constexpr int kLinkPatternMaxSide = 64; // largest side (64 x 64 units)

/// Link text of the patterns (each of side*side values in {-1, +1}, side <= 64); "" for none.
std::string patterns_to_link(std::span<const std::vector<int8_t>> patterns);

/// The patterns in link text, or a message saying what is wrong ("pattern 2: ...").
ebm::Result<std::vector<std::vector<int8_t>>> patterns_from_link(std::string_view text);

/// "" when text is a valid pattern list, else why not (a settings-table validator).
std::string pattern_link_check(const std::string& text);

}  // namespace web
