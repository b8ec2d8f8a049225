// url.hpp: the query string of a shareable link: splitting, joining and percent-coding
// "key=value" pairs, and parsing one value with a message a reader can act on. Never throws,
// never returns NaN: a bad value leaves the setting unchanged and explains why. UI-free (it is
// compiled into the native test suite); what the keys mean is each scene's settings table.
#pragma once
#include <string>
#include <vector>

namespace web {

/// A URL/share parameter: key=value as in "?scene=hopfield&noise=20".
struct Param {
  std::string key, value;
};

/// Splits "?a=1&b=two" (leading '?' or '#' optional) into decoded key/value pairs.
std::vector<Param> parse_query(const std::string& query);

/// Joins parameters into "a=1&b=two", percent-encoding what needs it.
std::string build_query(const std::vector<Param>& params);

/// A key or value as messages show it: valid UTF-8 (control bytes and invalid sequences as
/// '?'), at most 24 characters, then "..." when cut.
std::string link_text(const std::string& s);

/// Parses a finite number in [lo, hi] into out; returns "" or a message naming the key.
std::string parse_number(const Param& p, double lo, double hi, double& out);

/// Parses an integer in [lo, hi] into out; returns "" or a message naming the key.
std::string parse_int(const Param& p, long long lo, long long hi, long long& out);

/// Parses one of the given names into out (its index); returns "" or a message listing them.
std::string parse_choice(const Param& p, const std::vector<const char*>& names, int& out);

}  // namespace web
