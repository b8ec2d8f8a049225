// hopfield_dynamics.hpp: update rules for a trained HopfieldNet beyond asynchronous descent:
// synchronous (parallel) updates that detect fixed points and 2-cycles, stochastic Glauber
// updates at temperature T, and annealing schedules T(step). Every call steps by a budget.
// Not here: learning rules (hopfield_rules), observables (hopfield_analysis), any UI.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "hopfield.hpp"
#include "rng.hpp"

namespace ebm {

// [SECTION] Synchronous dynamics -------------------------------------------------------------

/// One synchronous step (Little 1974): out_i = sign(h_i(in)) for all i at once, with
/// h = W in + b. Tie rule: h_i == 0 keeps in_i, so no unit is ever 0. in, out: n values in
/// {-1,+1}, distinct buffers. Returns the number of units that changed. O(n^2).
int sync_update(const HopfieldNet& net, std::span<const int8_t> in, std::span<int8_t> out);

/// Where a synchronous run stands. With symmetric W, parallel dynamics always ends in a
/// fixed point or a 2-cycle (Goles et al. 1985), never a longer cycle.
enum class SyncStatus {
  Moving,      // the last step changed the state and no cycle is known yet
  FixedPoint,  // the last step changed nothing
  TwoCycle,    // the state equals the one two steps back and differs from the last one
};

/// Display name of a SyncStatus ("moving", "fixed point", "2-cycle").
const char* sync_status_name(SyncStatus status);

/// The state of a synchronous run and the two states before it (for 2-cycle detection).
struct SyncRun {
  Pattern s;                          // (n) current state
  Pattern prev;                       // (n) state one step back (empty before the first step)
  Pattern prev2;                      // (n) state two steps back (empty before the second)
  int steps = 0;                      // synchronous steps made
  int last_changes = 0;               // units changed by the last step
  double energy = 0;                  // E(s), recomputed after every step
  SyncStatus status = SyncStatus::Moving;
};

/// Starts a synchronous run at s (n values in {-1,+1}).
void sync_reset(const HopfieldNet& net, SyncRun& run, std::span<const int8_t> s);

/// Makes up to max_steps synchronous steps, stopping as soon as the run reaches a fixed
/// point or a 2-cycle (further calls then do nothing). Returns the steps made.
int sync_run(const HopfieldNet& net, SyncRun& run, int max_steps);

// [SECTION] Glauber dynamics at temperature T ------------------------------------------------

/// P(s_i = +1 | h_i) = sigmoid(2 h_i / T) = 1 / (1 + exp(-2 h_i / T)) (Glauber 1963), for
/// T > 0. For T <= 0 (or NaN) the limit: 1 if h > 0, 0 if h < 0, 0.5 if h == 0. Never NaN for
/// finite h: the exponent is clamped, so h = +-1e30 at T = 1e-30 gives exactly 1 or 0.
float glauber_prob_up(float h, float temperature);

/// Asynchronous Glauber dynamics: same sweep order as run_async (a fresh random permutation
/// of the n units per sweep), and each visited unit is set to +1 with glauber_prob_up(h_i, T).
/// T <= 0 is the deterministic rule of run_async exactly (s_i = sign(h_i), tie keeps s_i; no
/// random draw), and then the call stops early at a fixed point like run_async. For T > 0
/// it never stops early. Makes at most max_updates updates; returns the number made.
int64_t run_glauber(const HopfieldNet& net, HopfieldRun& run, Rng& rng, float temperature,
                    int64_t max_updates);

// [SECTION] Annealing schedules ------------------------------------------------------------

/// Shape of an annealing schedule.
enum class ScheduleKind {
  Constant,     // T = t_start throughout
  Linear,       // T falls linearly from t_start to t_end
  Exponential,  // T falls geometrically (needs t_start > 0 and t_end > 0, else linear)
};
/// Link names of ScheduleKind, indexed by its value.
inline constexpr const char* kScheduleKindNames[] = {"constant", "linear", "exponential"};

/// A temperature schedule over sweeps: step 0 has t_start, step `steps` and after have t_end.
struct Schedule {
  ScheduleKind kind = ScheduleKind::Linear;  // shape of the decay
  float t_start = 2.0f;                      // temperature at sweep 0, in units of the field
  float t_end = 0.0f;                        // temperature from sweep `steps` on
  int64_t steps = 100;                       // length of the decay, in sweeps (n updates)
};

/// Temperature at sweep `step` (clamped to [0, steps]); always finite and >= 0 for finite,
/// non-negative t_start and t_end. Linear: t_start + (t_end - t_start) step/steps.
/// Exponential: t_start (t_end / t_start)^(step/steps) (Kirkpatrick et al. 1983).
float schedule_temperature(const Schedule& schedule, int64_t step);

/// The schedule sampled at `points` >= 2 evenly spaced sweeps from 0 to steps, for plotting.
std::vector<float> schedule_sample(const Schedule& schedule, int points);

/// A simulated-annealing run: Glauber updates at T = schedule_temperature(sweep), where
/// sweep = updates / n, then (if quench) zero-temperature descent to a fixed point.
struct AnnealRun {
  HopfieldRun run;            // the state being annealed; energy is kept exact
  Schedule schedule;          // temperature per sweep
  bool quench = true;         // after the schedule, descend at T = 0 until converged
  float temperature = 0;      // temperature of the last update
};

/// Starts annealing from state s (n values in {-1,+1}).
void anneal_reset(const HopfieldNet& net, AnnealRun& anneal, std::span<const int8_t> s,
                  const Schedule& schedule, bool quench = true);

/// True when the schedule is over and (if quench) the state is a fixed point.
bool anneal_done(const HopfieldNet& net, const AnnealRun& anneal);

/// Makes up to max_updates unit updates of the annealing run; returns the number made.
int64_t anneal_step(const HopfieldNet& net, AnnealRun& anneal, Rng& rng, int64_t max_updates);

}  // namespace ebm
