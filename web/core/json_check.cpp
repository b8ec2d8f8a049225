// json_check.cpp: see json_check.hpp.
#include "json_check.hpp"

#include <cmath>

namespace web {

namespace {
void walk(const nlohmann::json& j, const std::string& at, size_t limit, std::vector<std::string>& out) {
  if (out.size() >= limit) return;
  if (j.is_number_float()) {
    if (!std::isfinite(j.get<double>())) out.push_back(at.empty() ? "(root)" : at);
  } else if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) walk(it.value(), at.empty() ? it.key() : at + "." + it.key(), limit, out);
  } else if (j.is_array()) {
    for (size_t i = 0; i < j.size(); ++i) walk(j[i], at + "[" + std::to_string(i) + "]", limit, out);
  }
}
}  // namespace

std::vector<std::string> nonfinite_numbers(const nlohmann::json& j, size_t limit) {
  std::vector<std::string> out;
  walk(j, "", limit, out);
  return out;
}

}  // namespace web
