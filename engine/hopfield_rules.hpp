// hopfield_rules.hpp: learning rules that set a HopfieldNet's weights from {-1,+1} patterns
// beyond plain Hebbian (hopfield.hpp): Storkey (1997), the pseudo-inverse (projection) rule,
// and the seed library's "optimized" rule as a trainer that steps by a budget of targets.
// All rules keep W symmetric with a zero diagonal and b = 0. No dynamics or UI here.
#pragma once
#include <span>
#include <string_view>
#include <vector>

#include "hopfield.hpp"
#include "result.hpp"
#include "rng.hpp"

namespace ebm {

// [SECTION] Rule names -----------------------------------------------------------------------

/// The learning rules this file offers (Hebbian itself is train_hebbian in hopfield.hpp).
enum class Rule { Hebbian, Storkey, PseudoInverse, Optimized };
inline constexpr int kRuleCount = 4;
/// Link and file names of Rule, indexed by its value (rule_name returns the same).
inline constexpr const char* kRuleNames[kRuleCount] = {"hebbian", "storkey", "pseudo-inverse", "optimized"};

/// Short stable name: "hebbian", "storkey", "pseudo-inverse", "optimized" (used by the CLI
/// and in JSON).
const char* rule_name(Rule rule);

/// Parses a rule name as printed by rule_name; also accepts "hebb", "pinv", "projection",
/// "opt". Unknown names come back as an Error listing the valid ones.
Result<Rule> rule_from_name(std::string_view name);

// [SECTION] Storkey and pseudo-inverse -------------------------------------------------------

/// Storkey (1997) incremental rule, one pattern x at a time from W = 0:
///   w_ij += (1/n) (x_i x_j - x_i h_ji - h_ij x_j),   h_ij = sum_{k != i, j} w_ik x_k,
/// using the weights from before this pattern. Local and incremental like Hebbian, but it
/// subtracts the crosstalk already present, so it stores about 2x more random patterns.
/// patterns: each n values in {-1,+1}. O(P n^2).
void train_storkey(HopfieldNet& net, std::span<const Pattern> patterns);

/// What train_pseudo_inverse did with the pattern set.
struct PseudoInverseInfo {
  int rank = 0;           // patterns used: linearly independent within the tolerance
  int dropped = 0;        // patterns left out as (near) combinations of the ones before them
  double min_pivot = 0;   // smallest accepted Cholesky pivot of C = X^T X / n, in (0, 1]
};

/// Pseudo-inverse (projection) rule (Personnaz, Guyon & Dreyfus 1985; Kanter & Sompolinsky
/// 1987): W = (1/n) X C^-1 X^T with C = X^T X / n, then w_ii = 0. X is (n, P), column p is
/// pattern p (values in {-1,+1}). W is the orthogonal projection onto span(X), so every
/// stored pattern has h = (1 - P_ii) x: it is a fixed point even for correlated patterns,
/// up to P < n. C is factored by Cholesky in double, pattern by pattern; when a pivot falls
/// below `tolerance` (relative to C_kk = 1) that pattern is (nearly) a combination of the
/// earlier ones and is dropped instead of dividing by ~0. The projection onto the span is
/// the same without it, so this fallback loses nothing; info.dropped reports it. O(n^2 P).
PseudoInverseInfo train_pseudo_inverse(HopfieldNet& net, std::span<const Pattern> patterns,
                                       double tolerance = 1e-9);

// [SECTION] Optimized rule (steppable) -------------------------------------------------------

/// Settings of the optimized rule.
struct OptimizedOptions {
  float lr = 0.5f;          // step size per target, in units of one Hebbian pattern (1/n)
  int parasite_steps = 2;   // synchronous steps from a target to reach its nearby parasite
  int epochs = 3;           // passes over the targets, each in a fresh random order
  float weight_limit = 1e4f;  // divergence guard: an update that would make any |w_ij| larger
                              // (or non-finite) stops training; Hebbian weights are <= P / n
};

/// Checks user-set options: lr finite and in (0, 100], parasite_steps in [1, 100],
/// epochs in [0, 100000], weight_limit finite and > 0.
Status optimized_validate(const OptimizedOptions& options);

/// Figures of one finished epoch.
struct OptimizedEpoch {
  int epoch = 0;                    // 0-based epoch index
  double mean_target_energy = 0;    // mean E(x) over targets, each measured before its update
  double mean_parasite_energy = 0;  // mean E(x'); a target that is its own parasite counts E(x)
  int parasites = 0;                // targets that had a parasite x' != x (and were updated)
};

/// The optimized rule (the seed's "memorize more"): start from Hebbian weights, then per
/// epoch visit the targets in random order; for target x find its nearby parasite x' by up
/// to parasite_steps synchronous steps from x (stopping at a fixed point; x' is the last
/// state on that path that differs from x, so a 2-cycle x -> y -> x still yields y), and
///   W += (lr / n) (x x^T - x' x'^T),  diagonal kept 0,
/// skipped when x is a fixed point (x' == x). This is gradient descent on
/// sum E(x) - sum E(x'): it digs the target's well and fills the parasite's.
struct OptimizedTrainer {
  OptimizedOptions options;             // as given to optimized_begin
  std::vector<Pattern> targets;         // (P) patterns being stored, each n values
  std::vector<int> order;               // (P) visiting order of the current epoch
  int pos = 0;                          // next index into order; == P at an epoch boundary
  int epoch = 0;                        // epochs completed
  double sum_target_energy = 0;         // running sums of the current epoch
  double sum_parasite_energy = 0;
  int visited = 0;                      // targets visited in the current epoch
  int parasites = 0;                    // of which had a parasite
  std::vector<OptimizedEpoch> history;  // one entry per completed epoch
  int last_target = -1;                 // index of the target visited last, -1 before any
  Pattern last_parasite;                // its parasite x' (== the target when it had none)
  bool last_had_parasite = false;       // whether the last target had a parasite
  int64_t targets_done = 0;             // target visits made in total
  Status status;                        // not ok once training stopped (divergence); says why
  std::vector<float> good_w;            // (n, n) last good weights: taken at each epoch start
                                        // while healthy (guard.hpp); see optimized_restore_good
  int good_epoch = -1;                  // the epoch whose start good_w holds; -1: none
};

/// Sets net to the Hebbian weights of targets (each n = net.n values in {-1,+1}) and starts
/// a trainer. Returns an error (and leaves net and trainer unchanged) for invalid options.
Status optimized_begin(OptimizedTrainer& trainer, HopfieldNet& net,
                       std::span<const Pattern> targets, const OptimizedOptions& options = {});

/// Visits up to max_targets targets (one weight update each, O(n^2 parasite_steps)).
/// Returns the number visited; 0 when all epochs are done or training stopped: an update that
/// would break the guard is refused (weights untouched) and status says why.
int optimized_step(OptimizedTrainer& trainer, HopfieldNet& net, Rng& rng, int max_targets);

/// After training stopped on divergence (or any time): puts back the weights from the start of
/// epoch good_epoch and clears the status; the visit order and counters go on. Fails, changing
/// nothing, when there is no good copy.
Status optimized_restore_good(OptimizedTrainer& trainer, HopfieldNet& net);

/// True when all epochs are complete.
bool optimized_done(const OptimizedTrainer& trainer);

/// Fraction of the target visits done, in [0, 1].
float optimized_fraction_done(const OptimizedTrainer& trainer);

/// Mean E(x) over the targets under the current weights, from scratch (seed's "done, E=").
double optimized_mean_target_energy(const OptimizedTrainer& trainer, const HopfieldNet& net);

/// Nearby parasite of x (n values in {-1,+1}) as the optimized rule defines it, by up to
/// `steps` synchronous steps. Returns false (and out = x) when x is a fixed point.
bool find_parasite(const HopfieldNet& net, std::span<const int8_t> x, int steps, Pattern& out);

// [SECTION] One call for any rule ------------------------------------------------------------

/// Settings for train().
struct TrainOptions {
  OptimizedOptions optimized{};    // used by Rule::Optimized
  double pinv_tolerance = 1e-9;    // pivot tolerance of Rule::PseudoInverse
};

/// What train() did, for display.
struct TrainReport {
  PseudoInverseInfo pinv;                 // Rule::PseudoInverse only
  std::vector<OptimizedEpoch> epochs;     // Rule::Optimized only
};

/// Sets net's weights from patterns (each net.n values in {-1,+1}) with the given rule, all
/// at once (Optimized runs all its epochs; rng is used only by Optimized). Errors are user
/// errors (invalid options) and leave net unchanged.
Result<TrainReport> train(Rule rule, HopfieldNet& net, std::span<const Pattern> patterns,
                          Rng& rng, const TrainOptions& options = {});

}  // namespace ebm
