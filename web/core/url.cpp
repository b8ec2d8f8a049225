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
std::string shorten(const std::string& v) { return v.size() > 24 ? v.substr(0, 24) + "..." : v; }
}  // namespace

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
  char buf[160];
  errno = 0;
  char* end = nullptr;
  const double v = std::strtod(p.value.c_str(), &end);
  if (p.value.empty() || !end || *end != '\0' || errno == ERANGE || !std::isfinite(v)) {
    std::snprintf(buf, sizeof buf, "%s=%s is not a number; expected %g to %g.", p.key.c_str(),
                  shorten(p.value).c_str(), lo, hi);
    return buf;
  }
  if (v < lo || v > hi) {
    std::snprintf(buf, sizeof buf, "%s=%g is out of range; expected %g to %g.", p.key.c_str(), v, lo, hi);
    return buf;
  }
  out = v;
  return "";
}

std::string parse_int(const Param& p, long long lo, long long hi, long long& out) {
  char buf[160];
  errno = 0;
  char* end = nullptr;
  const long long v = std::strtoll(p.value.c_str(), &end, 10);
  if (p.value.empty() || !end || *end != '\0' || errno == ERANGE) {
    std::snprintf(buf, sizeof buf, "%s=%s is not a whole number; expected %lld to %lld.", p.key.c_str(),
                  shorten(p.value).c_str(), lo, hi);
    return buf;
  }
  if (v < lo || v > hi) {
    std::snprintf(buf, sizeof buf, "%s=%lld is out of range; expected %lld to %lld.", p.key.c_str(), v, lo, hi);
    return buf;
  }
  out = v;
  return "";
}

std::string parse_choice(const Param& p, const std::vector<const char*>& names, int& out) {
  for (size_t i = 0; i < names.size(); ++i)
    if (p.value == names[i]) { out = static_cast<int>(i); return ""; }
  std::string msg = p.key + "=" + shorten(p.value) + " is not one of:";
  for (const char* n : names) msg += std::string(" ") + n;
  return msg + ".";
}

}  // namespace web
