// hopfield_analysis.hpp: observables of a Hopfield network: overlaps with the stored
// patterns, what a converged state is (stored, inverted, spurious), recall from noise, and
// the capacity experiment (recall rate vs load alpha = P/N) stepping by a work budget, for the
// classical rules and for dense associative memories (hopfield_dense). Not here: learning rules (hopfield_rules), update rules (hopfield_dynamics), plotting.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "hopfield.hpp"
#include "hopfield_dense.hpp"
#include "hopfield_rules.hpp"
#include "result.hpp"
#include "rng.hpp"

namespace ebm {

// [SECTION] Overlaps and classification ------------------------------------------------------

/// m_k = (1/n) sum_i x^k_i s_i for every pattern k (Amit, Gutfreund & Sompolinsky 1985).
/// patterns: P patterns of n values; s: n values; all in {-1,+1}. Returns (P) values in [-1, 1].
std::vector<float> overlaps(std::span<const Pattern> patterns, std::span<const int8_t> s);

/// What a (converged) state is, relative to the stored patterns.
enum class RecallKind {
  Stored,    // m_k >= threshold for the nearest pattern k
  Inverted,  // m_k <= -threshold: the mirror image -x^k (also a minimum, since E(-s) = E(s))
  Spurious,  // neither: a mixture or spin-glass state
};

/// Display name of a RecallKind ("stored", "inverted", "spurious").
const char* recall_kind_name(RecallKind kind);

/// Classification of one state.
struct Classification {
  RecallKind kind = RecallKind::Spurious;
  int index = -1;        // nearest pattern k (largest |m_k|, lowest k on ties); -1 if P = 0
  float overlap = 0.0f;  // its signed overlap m_k
};

/// Classifies s against the patterns by the overlap with the nearest one. threshold = 1
/// (default) demands an exact match (m = +-1); the capacity experiment's recall criterion
/// uses 0.95, which also accepts retrieval states a few units off the pattern, as in the
/// theory of retrieval near capacity. threshold in (0, 1].
Classification classify_state(std::span<const Pattern> patterns, std::span<const int8_t> s,
                              float threshold = 1.0f);

// [SECTION] Recall from a damaged pattern ----------------------------------------------------

/// How one recall attempt is made and judged.
struct RecallOptions {
  float noise = 0.10f;      // fraction of units flipped in the probe (exactly round(noise n))
  float threshold = 0.95f;  // success if the final overlap with the target is >= this
  int max_sweeps = 100;     // cap on asynchronous sweeps (n updates each) to converge
};

/// Outcome of one recall attempt.
struct RecallResult {
  float overlap = 0.0f;     // m between the final state and the target, in [-1, 1]
  bool success = false;     // overlap >= threshold
  bool converged = false;   // reached a fixed point within max_sweeps
  int64_t updates = 0;      // unit updates made
};

/// Runs asynchronous zero-temperature descent (run_async) from `start` until a fixed point
/// or max_sweeps, then compares with `target`. Both n values in {-1,+1}.
RecallResult recall_from(const HopfieldNet& net, std::span<const int8_t> target,
                         std::span<const int8_t> start, Rng& rng, const RecallOptions& options);

/// Damages target by flipping exactly round(noise n) units (corrupt_count), then recall_from.
RecallResult recall_noisy(const HopfieldNet& net, std::span<const int8_t> target, Rng& rng,
                          const RecallOptions& options);

/// Number of patterns recalled by recall_noisy (one attempt each).
int count_recalled(const HopfieldNet& net, std::span<const Pattern> patterns, Rng& rng,
                   const RecallOptions& options);

// [SECTION] Capacity experiment --------------------------------------------------------------

/// Largest load a dense capacity experiment accepts (capacity grows like N^(n-1) or faster).
inline constexpr float kDenseMaxAlpha = 1000.0f;

/// Settings of a capacity experiment: for each load alpha, train `trials` networks on
/// P = max(1, round(alpha n)) patterns and probe stored patterns with recall_noisy.
/// With `dense` set, each "network" is instead a dense associative memory of those patterns
/// (dense_make) probed with dense_recall_noisy; `rule` and `train` are then ignored. The
/// classical Rule enum and kRuleCount are unchanged: dense memories are not a Rule.
struct CapacityOptions {
  Rule rule = Rule::Hebbian;      // learning rule under test (classical network)
  std::optional<DenseOptions> dense{};  // set: measure this dense memory instead of `rule`
  int n = 200;                    // units (ignored when `patterns` is given)
  std::vector<float> alphas{};    // loads P/n to test, increasing; empty: 0.02 steps to max_alpha
                                  // (dense with max_alpha > 2: 4 geometric steps per doubling
                                  // from 0.05, dense_alpha_grid); each alpha in (0, 2] (dense:
                                  // (0, 1000])
  float max_alpha = 0.30f;        // end of the default grid of loads (dense: up to 1000)
  int trials = 4;                 // networks (fresh pattern sets) per load
  int probes = 0;                 // stored patterns probed per network; 0 = all P
  RecallOptions recall{};         // noise, success threshold, sweep cap
  TrainOptions train{};           // options of the rule
  std::vector<Pattern> patterns{};  // optional user set (all one size n): each network stores a
                                  // random subset of P of them; empty alphas then mean
                                  // P = 1, 2, ... up to the set size
};

/// Results at one load.
struct CapacityPoint {
  float alpha = 0;         // load P/n actually used
  int patterns = 0;        // P
  int trials_done = 0;     // networks trained and fully probed
  int probes = 0;          // recall attempts made
  int successes = 0;       // of which succeeded
  double overlap_sum = 0;  // sum of final overlaps (for the mean)
  float rate() const { return probes ? static_cast<float>(successes) / probes : 0.0f; }
  float mean_overlap() const { return probes ? static_cast<float>(overlap_sum / probes) : 0.0f; }
};

/// A capacity experiment in progress; advance it with capacity_step.
struct CapacityExperiment {
  CapacityOptions options;              // as given to capacity_begin (alphas filled in)
  int n = 0;                            // units
  std::vector<CapacityPoint> points;    // one per load, filled in as probes finish
  int point = 0;                        // cursor: load index
  int trial = 0;                        //   trial within the load
  int probe = 0;                        //   probe within the trial (valid once trained)
  bool trained = false;                 // the current trial's network is trained
  HopfieldNet net;                      // the current trial's network (classical rules)
  DenseMemory dense;                    // the current trial's memory (options.dense set)
  DenseRun dense_run;                   // scratch run of the dense probes
  std::vector<Pattern> stored;          // (P) its patterns
  std::vector<int> probe_order;         // indices of stored patterns to probe
  int64_t work_done = 0;                // work units done (about n^2 multiply-adds each)
  int64_t work_total = 0;               // estimated total
};

/// Validates options (user errors: sizes, ranges, loads) and starts the experiment.
Status capacity_begin(CapacityExperiment& exp, const CapacityOptions& options);

/// The default load grid of a dense experiment: alpha_k = 0.05 * 2^(k/4), k = 0, 1, ..., up to
/// max_alpha (evenly spaced on a log axis). max_alpha in (0, kDenseMaxAlpha].
std::vector<float> dense_alpha_grid(float max_alpha);

/// Advances by about `budget` work units (one unit is about n^2 multiply-adds): training one
/// pattern into a network costs ~1 (Storkey 3, Optimized 1 + epochs (parasite_steps + 1)), one
/// probe costs 1. A dense memory costs max(1, P/n) to build and max(1, P/n) per probe (an
/// update is O(P) instead of O(n)). A network is trained in one piece, so a call can
/// overshoot by one training. Returns units done.
int64_t capacity_step(CapacityExperiment& exp, Rng& rng, int64_t budget);

/// True when every load has all its trials.
bool capacity_done(const CapacityExperiment& exp);

/// Fraction of the estimated work done, in [0, 1].
float capacity_fraction_done(const CapacityExperiment& exp);

/// The load where the recall rate first drops below `level`: linear interpolation between
/// the last point at or above it and the next point below it. nullopt when the rate never
/// drops below level in the tested range, or is already below it at the first load.
/// Uses only loads whose trials are complete.
std::optional<float> capacity_crossing(const CapacityExperiment& exp, float level = 0.5f);

}  // namespace ebm
