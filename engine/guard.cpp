// guard.cpp: parameter health checks (see guard.hpp).
#include "guard.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace ebm {

namespace {
template <class T>
ParamHealth health(std::span<const T> x) {
  ParamHealth h;
  for (T v : x) {
    if (!std::isfinite(v)) h.finite = false;
    else h.max_abs = std::max(h.max_abs, static_cast<double>(std::fabs(v)));
  }
  return h;
}
}  // namespace

ParamHealth param_health(std::span<const float> x) { return health(x); }
ParamHealth param_health(std::span<const double> x) { return health(x); }

ParamHealth merge(ParamHealth a, ParamHealth b) { return {a.finite && b.finite, std::max(a.max_abs, b.max_abs)}; }

std::string param_health_problem(const ParamHealth& h, double limit) {
  if (h.ok(limit)) return "";
  if (!h.finite) return "non-finite (NaN or infinity)";
  char buf[96];
  std::snprintf(buf, sizeof buf, "too large (max |w| = %.3g, limit %g)", h.max_abs, limit);
  return buf;
}

}  // namespace ebm
