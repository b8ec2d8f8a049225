// settings.cpp: formatting, parsing and JSON of one setting value (see settings.hpp).
#include "settings.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace web {

namespace {

// The shortest %g text that reads back to the same float: 0.05f prints "0.05", not
// "0.0500000007". Stored floats are float, so a link reproduces them bit for bit.
// Exponents only where plain digits would be long: "20", not "2e+01"; "1e-05", not "0.00001".
std::string shortest_float(double v) {
  const float f = static_cast<float>(v);
  const double a = std::fabs(static_cast<double>(f));
  const bool plain = a == 0 || (a >= 1e-4 && a < 1e7);
  char buf[48];
  for (int prec = 1; prec <= 9; ++prec) {
    std::snprintf(buf, sizeof buf, "%.*g", prec, static_cast<double>(f));
    if (std::strtof(buf, nullptr) == f && (!plain || !std::strchr(buf, 'e'))) return buf;
  }
  std::snprintf(buf, sizeof buf, "%.9g", static_cast<double>(f));
  return buf;
}

std::string whole(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(v));
  return buf;
}

}  // namespace

std::string setting_format(const SettingSpec& spec, SettingValue v) {
  switch (spec.kind) {
    case SettingKind::Int:
    case SettingKind::Seed: return whole(v.number);
    case SettingKind::Float: return shortest_float(v.number);
    case SettingKind::Flag: return v.number != 0 ? "1" : "0";
    case SettingKind::Choice: {
      const auto i = static_cast<size_t>(v.number);
      return i < spec.names.size() ? spec.names[i] : whole(v.number);
    }
    case SettingKind::Text: return v.text;
    case SettingKind::ChoiceSet: {
      std::string s;
      for (size_t k = 0; k < spec.names.size() && k < 64; ++k)
        if ((v.bits >> k) & 1u) {
          if (!s.empty()) s += ',';
          s += spec.names[k];
        }
      return s;
    }
    case SettingKind::IndexSet: {
      std::string s;
      for (int k = 0; k < 64; ++k)
        if ((v.bits >> k) & 1u) {
          if (!s.empty()) s += ',';
          s += std::to_string(k + 1);
        }
      return s;
    }
  }
  return "";
}

std::string setting_parse(const SettingSpec& spec, const std::string& text, SettingValue& out) {
  const Param p{spec.key, text};
  switch (spec.kind) {
    case SettingKind::Int:
    case SettingKind::Seed: {
      long long i = 0;
      std::string msg = parse_int(p, static_cast<long long>(spec.lo), static_cast<long long>(spec.hi), i);
      if (msg.empty()) out.number = static_cast<double>(i);
      return msg;
    }
    case SettingKind::Float: {
      double d = 0;
      std::string msg = parse_number(p, spec.lo, spec.hi, d);
      if (msg.empty()) out.number = static_cast<double>(static_cast<float>(d));
      return msg;
    }
    case SettingKind::Flag: {
      if (text == "1" || text == "true" || text == "on" || text.empty()) { out.number = 1; return ""; }
      if (text == "0" || text == "false" || text == "off") { out.number = 0; return ""; }
      return std::string(spec.key) + "=" + link_text(text) +
             " is not on or off; expected 1 or 0.";
    }
    case SettingKind::Choice: {
      int c = 0;
      std::string msg = parse_choice(p, std::vector<const char*>(spec.names.begin(), spec.names.end()), c);
      if (msg.empty()) out.number = c;
      return msg;
    }
    case SettingKind::Text: {
      if (spec.validate) {
        std::string why = spec.validate(text);
        if (!why.empty()) return std::string(spec.key) + ": " + why;
      }
      out.text = text;
      return "";
    }
    case SettingKind::ChoiceSet: {
      uint64_t bits = 0;
      const std::vector<const char*> names(spec.names.begin(), spec.names.end());
      size_t i0 = 0;
      while (i0 < text.size()) {
        size_t e = text.find(',', i0);
        if (e == std::string::npos) e = text.size();
        int c = 0;
        if (std::string msg = parse_choice({spec.key, text.substr(i0, e - i0)}, names, c); !msg.empty()) return msg;
        bits |= uint64_t{1} << c;
        i0 = e + 1;
      }
      out.bits = bits;
      return "";
    }
    case SettingKind::IndexSet: {
      uint64_t bits = 0;
      const long long hi = static_cast<long long>(std::min(64.0, spec.hi));
      size_t i0 = 0;
      while (i0 < text.size()) {
        size_t e = text.find(',', i0);
        if (e == std::string::npos) e = text.size();
        long long k = 0;
        if (std::string msg = parse_int({spec.key, text.substr(i0, e - i0)}, 1, hi, k); !msg.empty()) return msg;
        bits |= uint64_t{1} << (k - 1);
        i0 = e + 1;
      }
      out.bits = bits;
      return "";
    }
  }
  return "";
}

nlohmann::json setting_json(const SettingSpec& spec, SettingValue v) {
  switch (spec.kind) {
    case SettingKind::Int:
    case SettingKind::Seed: return static_cast<long long>(v.number);
    case SettingKind::Float: return std::strtod(shortest_float(v.number).c_str(), nullptr);  // 0.05, not 0.0500000007
    case SettingKind::Flag: return v.number != 0;
    case SettingKind::Choice:
    case SettingKind::Text: return setting_format(spec, v);
    case SettingKind::ChoiceSet: {
      nlohmann::json a = nlohmann::json::array();
      for (size_t k = 0; k < spec.names.size() && k < 64; ++k)
        if ((v.bits >> k) & 1u) a.push_back(spec.names[k]);
      return a;
    }
    case SettingKind::IndexSet: {
      nlohmann::json a = nlohmann::json::array();
      for (int k = 0; k < 64; ++k)
        if ((v.bits >> k) & 1u) a.push_back(k + 1);
      return a;
    }
  }
  return nullptr;
}

bool setting_valid(const SettingSpec& spec, SettingValue v) {
  switch (spec.kind) {
    case SettingKind::Int:
    case SettingKind::Seed:
      return std::isfinite(v.number) && v.number == std::floor(v.number) && v.number >= spec.lo && v.number <= spec.hi;
    case SettingKind::Float:  // stored as float: compare with the float-rounded bounds
      return std::isfinite(v.number) && v.number >= static_cast<float>(spec.lo) && v.number <= static_cast<float>(spec.hi);
    case SettingKind::Flag: return v.number == 0 || v.number == 1;
    case SettingKind::Choice:
      return v.number >= 0 && v.number == std::floor(v.number) && v.number < static_cast<double>(spec.names.size());
    case SettingKind::IndexSet: return spec.hi >= 64 || (v.bits >> static_cast<int>(spec.hi)) == 0;
    case SettingKind::Text: return !spec.validate || spec.validate(v.text).empty();
    case SettingKind::ChoiceSet: return spec.names.size() >= 64 || (v.bits >> spec.names.size()) == 0;
  }
  return false;
}

}  // namespace web
