// url.cpp: query strings and value parsing (see url.hpp).
#include "url.hpp"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace web {

namespace {
std::string decode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
               std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}
std::string encode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == ',') out += static_cast<char>(c);
    else { char b[4]; std::snprintf(b, sizeof b, "%%%02X", c); out += b; }
  }
  return out;
}
std::string shorten(const std::string& v) { return link_text(v); }
// At most two numbers into a short message ("%g" of a double needs at most 24 characters).
std::string fmt(const char* f, double a, double b) {
  char buf[96];
  std::snprintf(buf, sizeof buf, f, a, b);
  return buf;
}
std::string fmt(const char* f, long long a, long long b) {
  char buf[96];
  std::snprintf(buf, sizeof buf, f, a, b);
  return buf;
}
}  // namespace

std::string link_text(const std::string& s) {
  // Walks UTF-8 code points: a byte that does not start a valid sequence becomes '?', so the
  // message is valid UTF-8 (it reaches ebm_query()'s JSON) and is never cut inside a character.
  std::string out;
  size_t i = 0;
  int shown = 0;
  while (i < s.size() && shown < 24) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool ok = len > 0 && i + len <= s.size();
    for (size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (ok && len == 2) ok = c >= 0xC2;  // no overlong forms
    if (ok && len == 3) {
      const unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);  // no overlong forms, no surrogates
    }
    if (ok && len == 4) {
      const unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
      ok = c <= 0xF4 && !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
    }
    if (!ok) {
      out += '?';
      i += 1;
    } else {
      if (len == 1 && (c < 0x20 || c == 0x7f)) out += '?';
      else out.append(s, i, len);
      i += len;
    }
    ++shown;
  }
  return i < s.size() ? out + "..." : out;
}

std::vector<Param> parse_query(const std::string& query) {
  std::vector<Param> out;
  size_t i = (!query.empty() && (query[0] == '?' || query[0] == '#')) ? 1 : 0;
  while (i < query.size()) {
    size_t amp = query.find('&', i);
    if (amp == std::string::npos) amp = query.size();
    const std::string part = query.substr(i, amp - i);
    if (!part.empty()) {
      const size_t eq = part.find('=');
      if (eq == std::string::npos) out.push_back({decode(part), ""});
      else out.push_back({decode(part.substr(0, eq)), decode(part.substr(eq + 1))});
    }
    i = amp + 1;
  }
  return out;
}

std::string build_query(const std::vector<Param>& params) {
  std::string s;
  for (const Param& p : params) {
    if (!s.empty()) s += '&';
    s += encode(p.key) + "=" + encode(p.value);
  }
  return s;
}

std::string parse_number(const Param& p, double lo, double hi, double& out) {
  errno = 0;
  char* end = nullptr;
  const double v = std::strtod(p.value.c_str(), &end);
  // The whole value must be the number (a NUL inside it ends strtod early: refused too).
  if (p.value.empty() || !end || end != p.value.c_str() + p.value.size() || errno == ERANGE || !std::isfinite(v))
    return link_text(p.key) + "=" + shorten(p.value) + fmt(" is not a number; expected %g to %g.", lo, hi);
  if (v < lo || v > hi)
    return link_text(p.key) + "=" + fmt("%g is out of range; expected %g", v, lo) + fmt(" to %g.", hi, 0.0);
  out = v;
  return "";
}

std::string parse_int(const Param& p, long long lo, long long hi, long long& out) {
  errno = 0;
  char* end = nullptr;
  const long long v = std::strtoll(p.value.c_str(), &end, 10);
  if (p.value.empty() || !end || end != p.value.c_str() + p.value.size() || errno == ERANGE)
    return link_text(p.key) + "=" + shorten(p.value) + fmt(" is not a whole number; expected %lld to %lld.", lo, hi);
  if (v < lo || v > hi)
    return link_text(p.key) + "=" + std::to_string(v) + fmt(" is out of range; expected %lld to %lld.", lo, hi);
  out = v;
  return "";
}

std::string parse_choice(const Param& p, const std::vector<const char*>& names, int& out) {
  for (size_t i = 0; i < names.size(); ++i)
    if (p.value == names[i]) { out = static_cast<int>(i); return ""; }
  std::string msg = link_text(p.key) + "=" + shorten(p.value) + " is not one of:";
  for (const char* n : names) msg += std::string(" ") + n;
  return msg + ".";
}

}  // namespace web
