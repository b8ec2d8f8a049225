// pacer.hpp: how every scene turns a frame's time budget into work. The engine steps by a
// budget of units (updates, minibatches, sweeps) and owns no clock; a Pacer keeps a running
// estimate of one unit's cost, converts a wall-time budget into a unit count, and, for scenes
// that animate at a chosen rate (updates per second), carries fractional credit between frames
// without ever bursting to catch up. UI-free; Stopwatch is the only clock a scene model reads.
#pragma once
#include <chrono>
#include <cstdint>

namespace web {

/// Weight of the newest measurement in the running cost estimate (ms per unit).
inline constexpr double kPacerCostSmoothing = 0.3;
/// Weight of the newest measurement in the smoothed throughput (units per second of work).
inline constexpr double kPacerRateSmoothing = 0.1;
/// Owed units never exceed this many frames' worth: a slow frame slows the animation down
/// instead of queueing a burst of catch-up work (as sokol clamps frame time).
inline constexpr double kPacerMaxCreditFrames = 2.0;

struct Pacer {
  double ms_per_unit = 1.0;  // running estimate of one unit's wall time, ms (> 0)
  double units_per_s = 0;    // smoothed throughput while working, units per second of work
  double credit = 0;         // units owed by a rate and not yet made (fractional, >= 0)
};

/// Units that fit in budget_ms at the current cost estimate, clamped to [1, max_units]: at least
/// one, so a scene always progresses and keeps measuring its cost. max_units >= 1.
int64_t pacer_fit(const Pacer& p, double budget_ms, int64_t max_units);

/// Units due at rate_per_s (units per second of wall time) after dt_s seconds, no more than fit
/// in budget_ms (and max_units). Credit left over is capped at kPacerMaxCreditFrames frames.
/// Returns 0 when less than one unit is owed.
int64_t pacer_due(Pacer& p, double rate_per_s, double dt_s, double budget_ms, int64_t max_units);

/// Records that `units` (>= 0) took `ms` of wall time; updates the cost and throughput estimates.
void pacer_record(Pacer& p, int64_t units, double ms);

/// Forgets owed credit (after a pause or a restart).
inline void pacer_clear_credit(Pacer& p) { p.credit = 0; }

/// Milliseconds since construction, from the monotonic clock (works natively and in wasm).
class Stopwatch {
 public:
  Stopwatch() : t0_(std::chrono::steady_clock::now()) {}
  double ms() const { return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0_).count(); }

 private:
  std::chrono::steady_clock::time_point t0_;
};

}  // namespace web
