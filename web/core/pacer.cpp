// pacer.cpp: budget -> units, rate credit and cost estimates (see pacer.hpp).
#include "pacer.hpp"

#include <algorithm>
#include <cmath>

namespace web {

namespace {
// Cost estimates never drop below this (a unit measured at 0 ms would make any budget infinite).
constexpr double kMinMsPerUnit = 1e-5;
}  // namespace

int64_t pacer_fit(const Pacer& p, double budget_ms, int64_t max_units) {
  const double fit = std::max(0.0, budget_ms) / std::max(kMinMsPerUnit, p.ms_per_unit);
  return std::clamp<int64_t>(static_cast<int64_t>(std::min(fit, 9e15)), 1, std::max<int64_t>(1, max_units));
}

int64_t pacer_due(Pacer& p, double rate_per_s, double dt_s, double budget_ms, int64_t max_units) {
  if (!(rate_per_s > 0) || !(dt_s > 0)) return 0;
  const double per_frame = rate_per_s * dt_s;
  // The cap never cuts a fraction below two units, so slow rates keep their exact pace.
  p.credit = std::min(p.credit + per_frame, std::max(2.0, per_frame * kPacerMaxCreditFrames));
  if (p.credit < 1.0) return 0;
  const int64_t n = std::min(static_cast<int64_t>(p.credit), pacer_fit(p, budget_ms, max_units));
  p.credit -= static_cast<double>(n);
  return n;
}

void pacer_record(Pacer& p, int64_t units, double ms) {
  if (units <= 0 || !std::isfinite(ms) || ms < 0) return;
  const double per = std::max(kMinMsPerUnit, ms / static_cast<double>(units));
  p.ms_per_unit = (1.0 - kPacerCostSmoothing) * p.ms_per_unit + kPacerCostSmoothing * per;
  const double rate = 1000.0 / per;
  p.units_per_s = p.units_per_s == 0 ? rate : (1.0 - kPacerRateSmoothing) * p.units_per_s + kPacerRateSmoothing * rate;
}

}  // namespace web
