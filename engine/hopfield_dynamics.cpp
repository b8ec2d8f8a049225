// hopfield_dynamics.cpp: synchronous, Glauber and annealed dynamics (see hopfield_dynamics.hpp).
// All state lives in the caller's SyncRun / HopfieldRun / AnnealRun; nothing global here.
#include "hopfield_dynamics.hpp"

#include <algorithm>
#include <cmath>

#include "check.hpp"

namespace ebm {

// [SECTION] Synchronous dynamics -------------------------------------------------------------

int sync_update(const HopfieldNet& net, std::span<const int8_t> in, std::span<int8_t> out) {
  const int n = net.n;
  EBM_ASSERT(static_cast<int>(in.size()) == n && static_cast<int>(out.size()) == n,
             "states must have n units");
  EBM_ASSERT(in.data() != out.data(), "synchronous update needs separate in and out buffers");
  int changes = 0;
  for (int i = 0; i < n; ++i) {
    const float h = hopfield_field(net, in, i);
    // Tie rule: a zero field keeps the unit, as in run_async.
    const int8_t v = h > 0.0f ? int8_t{1} : (h < 0.0f ? int8_t{-1} : in[i]);
    changes += v != in[i];
    out[i] = v;
  }
  return changes;
}

const char* sync_status_name(SyncStatus status) {
  switch (status) {
    case SyncStatus::Moving: return "moving";
    case SyncStatus::FixedPoint: return "fixed point";
    case SyncStatus::TwoCycle: return "2-cycle";
  }
  return "?";
}

void sync_reset(const HopfieldNet& net, SyncRun& run, std::span<const int8_t> s) {
  EBM_ASSERT(static_cast<int>(s.size()) == net.n, "state size must equal the number of units");
  run.s.assign(s.begin(), s.end());
  run.prev.clear();
  run.prev2.clear();
  run.steps = 0;
  run.last_changes = 0;
  run.energy = hopfield_energy(net, run.s);
  run.status = SyncStatus::Moving;
}

int sync_run(const HopfieldNet& net, SyncRun& run, int max_steps) {
  int done = 0;
  Pattern next(net.n);
  while (done < max_steps && run.status == SyncStatus::Moving) {
    run.last_changes = sync_update(net, run.s, next);
    // Rotate: prev2 <- prev <- s <- next, reusing the buffers.
    std::swap(run.prev2, run.prev);
    std::swap(run.prev, run.s);
    std::swap(run.s, next);
    if (next.size() != static_cast<size_t>(net.n)) next.resize(net.n);
    ++run.steps;
    ++done;
    if (run.last_changes == 0)
      run.status = SyncStatus::FixedPoint;
    else if (!run.prev2.empty() && run.s == run.prev2)
      run.status = SyncStatus::TwoCycle;
  }
  if (done > 0) run.energy = hopfield_energy(net, run.s);
  return done;
}

// [SECTION] Glauber dynamics at temperature T ------------------------------------------------

float glauber_prob_up(float h, float temperature) {
  if (!(temperature > 0.0f)) return h > 0.0f ? 1.0f : (h < 0.0f ? 0.0f : 0.5f);
  // x may overflow to +-inf for tiny T; clamping first keeps exp() finite. Beyond |x| = 40
  // the float probability is 0 or 1 to within 4e-18, so round it to exactly that.
  const float x = 2.0f * h / temperature;
  if (x > 40.0f) return 1.0f;
  if (x < -40.0f) return 0.0f;
  if (!(x == x)) return 0.5f;  // NaN from non-finite inputs (inf h at inf T): no preference
  return 1.0f / (1.0f + std::exp(-x));
}

int64_t run_glauber(const HopfieldNet& net, HopfieldRun& run, Rng& rng, float temperature,
                    int64_t max_updates) {
  const int n = net.n;
  const bool deterministic = !(temperature > 0.0f);
  int64_t done = 0;
  while (done < max_updates && !(deterministic && run_converged(net, run))) {
    if (run.pos >= n) {
      rng.shuffle(run.order.data(), run.order.size());
      run.pos = 0;
    }
    const int i = run.order[run.pos++];
    bool flip;
    if (deterministic) {
      flip = run.s[i] * run.field[i] < 0.0f;  // tie keeps s_i, as in run_async
    } else {
      const int8_t v = rng.uniform() < glauber_prob_up(run.field[i], temperature) ? 1 : -1;
      flip = v != run.s[i];
    }
    run_record_update(net, run, i, flip);
    ++done;
  }
  return done;
}

// [SECTION] Annealing schedules ------------------------------------------------------------

float schedule_temperature(const Schedule& schedule, int64_t step) {
  const Schedule& s = schedule;
  if (s.kind == ScheduleKind::Constant) return std::max(s.t_start, 0.0f);
  if (s.steps <= 0 || step >= s.steps) return std::max(s.t_end, 0.0f);
  const double f = static_cast<double>(std::max<int64_t>(step, 0)) / static_cast<double>(s.steps);
  double t;
  if (s.kind == ScheduleKind::Exponential && s.t_start > 0.0f && s.t_end > 0.0f)
    t = s.t_start * std::pow(static_cast<double>(s.t_end) / s.t_start, f);
  else  // linear, and exponential without positive endpoints (log of 0 is undefined)
    t = s.t_start + (static_cast<double>(s.t_end) - s.t_start) * f;
  return static_cast<float>(std::max(t, 0.0));
}

std::vector<float> schedule_sample(const Schedule& schedule, int points) {
  EBM_ASSERT(points >= 2, "a schedule plot needs at least two points");
  std::vector<float> out(points);
  for (int k = 0; k < points; ++k) {
    const int64_t step = schedule.steps * k / (points - 1);
    out[k] = schedule_temperature(schedule, step);
  }
  return out;
}

void anneal_reset(const HopfieldNet& net, AnnealRun& anneal, std::span<const int8_t> s,
                  const Schedule& schedule, bool quench) {
  run_reset(net, anneal.run, s);
  anneal.schedule = schedule;
  anneal.quench = quench;
  anneal.temperature = schedule_temperature(schedule, 0);
}

namespace {
int64_t schedule_updates(const HopfieldNet& net, const AnnealRun& a) {
  return std::max<int64_t>(a.schedule.steps, 0) * net.n;
}
}  // namespace

bool anneal_done(const HopfieldNet& net, const AnnealRun& anneal) {
  if (anneal.run.updates < schedule_updates(net, anneal)) return false;
  return !anneal.quench || run_converged(net, anneal.run);
}

int64_t anneal_step(const HopfieldNet& net, AnnealRun& anneal, Rng& rng, int64_t max_updates) {
  const int n = net.n;
  const int64_t total = schedule_updates(net, anneal);
  HopfieldRun& run = anneal.run;
  int64_t done = 0;
  while (done < max_updates && run.updates < total) {
    // One temperature per sweep: run up to the end of the current sweep.
    const int64_t sweep = run.updates / n;
    const int64_t left_in_sweep = n - run.updates % n;
    anneal.temperature = schedule_temperature(anneal.schedule, sweep);
    done += run_glauber(net, run, rng, anneal.temperature,
                        std::min(max_updates - done, left_in_sweep));
    if (run.updates >= total) {
      // quiet counted non-flips at T > 0, which do not prove a fixed point: the quench
      // must see a full sweep of its own before calling the state converged.
      run.quiet = 0;
    }
  }
  if (anneal.quench && run.updates >= total && done < max_updates) {
    anneal.temperature = 0.0f;
    done += run_glauber(net, run, rng, 0.0f, max_updates - done);
  }
  return done;
}

}  // namespace ebm
