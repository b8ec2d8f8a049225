// boltzmann.hpp: fully connected Boltzmann machines with hidden units (Ackley, Hinton &
// Sejnowski 1985): stochastic binary units at temperature T, Gibbs sweeps with simulated
// annealing, the clamped/free two-phase learning rule stepped by a budget of unit updates, and
// exact quantities by enumeration for small machines (log Z, P(v), <s_i s_j>, KL). The bridge
// from Hopfield networks (same energy, T = 0) to RBMs (restricted connectivity). No UI here.
//
// Conventions used throughout:
//   units      s_i in {0, 1} (ACH 1985 and the RBM code use {0,1}; Hopfield uses {-1,+1}, the
//              map is s = (x + 1) / 2). With {0,1}, s_i^2 = s_i, so the diagonal of a
//              co-occurrence matrix <s_i s_j> holds the unit means <s_i> that drive the biases.
//   layout     n = nv + nh units, visible first: units [0, nv) visible, [nv, n) hidden.
//   state idx  for enumeration, a joint state is the integer whose bit i is s_i; its visible
//              part is idx & (2^nv - 1), its hidden part idx >> nv.
//   energy     E(s) = -1/2 s^T W s - b^T s = -sum_{i<j} w_ij s_i s_j - sum_i b_i s_i, with W
//              (n, n) row-major, symmetric, zero diagonal.
//   model      P(s) = exp(-E(s)) / Z: exact quantities are for temperature 1 (a temperature T
//              only scales the weights, W / T). Samplers take T as a parameter.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "hopfield_dynamics.hpp"  // Schedule, schedule_temperature: the annealing schedules
#include "result.hpp"
#include "rng.hpp"

namespace ebm {

/// Most units a Boltzmann machine may have (sampling and training cost O(n) per unit update).
inline constexpr int kBmMaxUnits = 64;
/// Most units for exact enumeration: 2^20 joint states, a fraction of a second natively.
inline constexpr int kBmExactMaxUnits = 20;

// [SECTION] Model ----------------------------------------------------------------------------

/// A Boltzmann machine: weights, biases and its connectivity.
struct Boltzmann {
  int nv = 0;               // visible units, indices [0, nv)
  int nh = 0;               // hidden units, indices [nv, nv + nh)
  bool restricted = false;  // RBM connectivity: no visible-visible or hidden-hidden weights
  std::vector<double> w;    // (n, n) row-major, symmetric, zero diagonal (and zero intra-layer
                            // blocks when restricted)
  std::vector<double> b;    // (n) biases
};

/// n = nv + nh.
inline int bm_units(const Boltzmann& bm) { return bm.nv + bm.nh; }

/// True when units i and j may be connected (i != j, and not in the same layer if restricted).
bool bm_connected(const Boltzmann& bm, int i, int j);

/// A machine with zero weights and biases. Errors (for people): nv in [1, kBmMaxUnits - 1],
/// nh in [0, kBmMaxUnits - nv].
Result<Boltzmann> bm_make(int nv, int nh, bool restricted = false);

/// Weights w_ij ~ N(0, sigma^2) for every connected pair i < j (mirrored), biases 0. sigma >= 0.
void bm_init_random(Boltzmann& bm, Rng& rng, double sigma);

/// E(s) = -1/2 s^T W s - b^T s in double; s has n entries in {0,1} (ACH 1985, eq. 1).
double bm_energy(const Boltzmann& bm, std::span<const uint8_t> s);

/// Total input h_i = sum_j w_ij s_j + b_i of unit i, which equals the energy gap
/// E(s with s_i = 0) - E(s with s_i = 1). s has n entries in {0,1}.
double bm_field(const Boltzmann& bm, std::span<const uint8_t> s, int i);

/// P(s_i = 1 | rest) = sigmoid(h / T) = 1 / (1 + exp(-h / T)) (ACH 1985, eq. 2), for T > 0.
/// T <= 0 (or NaN) gives the zero-temperature limit: 1 if h > 0, 0 if h < 0, 0.5 if h == 0.
/// Never NaN for finite h: |h / T| beyond 40 rounds to exactly 0 or 1.
double bm_prob_on(double h, double temperature);

// [SECTION] Gibbs sampling -------------------------------------------------------------------

/// A Gibbs chain: the state and the random order of the current sweep over its free units.
struct BmChain {
  std::vector<uint8_t> s;     // (n) state in {0,1}
  bool clamped = false;       // visibles held fixed: only hidden units are updated
  std::vector<int> order;     // free units in this sweep's random order
  int pos = 0;                // next index into order; == order.size() between sweeps
  int64_t updates = 0;        // unit updates made
  int64_t sweeps = 0;         // completed sweeps (every free unit updated once)
  int last_unit = -1;         // unit of the last update, -1 before any
  double last_prob = 0;       // P(s_i = 1 | rest) the last update used
};

/// Starts a chain at s (n values in {0,1}). clamped = true keeps the visible units fixed at
/// s's visible values (the clamped phase); false samples every unit (the free phase).
void bm_chain_reset(const Boltzmann& bm, BmChain& chain, std::span<const uint8_t> s, bool clamped);

/// Updates one unit i in place at temperature T: s_i = 1 with probability bm_prob_on(h_i, T).
/// T <= 0 is deterministic: s_i = [h_i > 0], and a tie (h_i == 0) keeps s_i (no random draw).
/// Returns the probability used.
double bm_update_unit(const Boltzmann& bm, std::span<uint8_t> s, int i, double temperature, Rng& rng);

/// Asynchronous Gibbs sampling at temperature T: visits the chain's free units in a fresh random
/// permutation per sweep. Makes at most max_updates unit updates; returns the number made (0 if
/// the chain has no free unit). Deterministic for a given rng state, whatever the budgets.
int64_t bm_gibbs(const Boltzmann& bm, BmChain& chain, Rng& rng, double temperature, int64_t max_updates);

/// Runs `sweeps` whole sweeps (finishing a partial one first) at temperature T.
void bm_gibbs_sweeps(const Boltzmann& bm, BmChain& chain, Rng& rng, double temperature, int64_t sweeps);

// [SECTION] Exact quantities by enumeration (n <= kBmExactMaxUnits) --------------------------

/// Everything one enumeration of the 2^n joint states gives, at temperature 1.
struct BmExact {
  double log_z = 0;               // log Z = log sum_s exp(-E(s)), nats
  std::vector<double> log_pv;     // (2^nv) log P(v) = log sum_h exp(-E(v, h)) - log Z
  std::vector<double> free_stats; // (n, n) <s_i s_j>_free under P(s); diagonal = <s_i>
};

/// E(s) for all 2^n joint states (index bit i = s_i), by Gray-code order: one flip and an O(n)
/// field update per state. Requires n <= kBmExactMaxUnits (asserts).
std::vector<double> bm_all_energies(const Boltzmann& bm);

/// One enumeration: log Z, log P(v) for every visible vector, and the free-phase statistics.
/// Log-sum-exp in double, so huge weights (lr = 100 runs) stay finite. n <= kBmExactMaxUnits.
BmExact bm_exact(const Boltzmann& bm);

/// log Z alone (see bm_exact).
double bm_log_z(const Boltzmann& bm);

/// Exact clamped-phase statistics (n, n): the mean over data rows of E_{h ~ P(h|v)}[s_i s_j]
/// with the visibles clamped to the row, diagonal = means. data is (rows, nv) in {0,1}.
/// Enumerates 2^nh hidden states per row. n <= kBmExactMaxUnits.
std::vector<double> bm_exact_clamped_stats(const Boltzmann& bm, std::span<const uint8_t> data, int rows);

/// Empirical distribution of the rows over the 2^nv visible vectors (index bit i = v_i).
std::vector<double> bm_data_distribution(std::span<const uint8_t> data, int rows, int nv);

/// KL(P_data || P_model) = sum_v P_data(v) log(P_data(v) / P(v)) in nats, >= 0, from an
/// exact enumeration (log P(v) used directly, so no 0 * log 0 or log of an underflowed 0).
double bm_kl(const BmExact& exact, std::span<const double> p_data);

/// Mean log P(v) over the rows (nats per row) from an exact enumeration.
double bm_mean_log_likelihood(const BmExact& exact, std::span<const uint8_t> data, int rows, int nv);

// [SECTION] Learning: the two-phase rule -----------------------------------------------------

/// Hyper-parameters of Boltzmann learning. Each weight update runs, per data row, one clamped
/// run and, in the free phase, free_runs free runs. A run anneals for anneal.steps sweeps and
/// then collects <s_i s_j> for stat_sweeps sweeps at the final temperature.
struct BmTrainConfig {
  double learning_rate = 0.5;   // lr in dW_ij = lr (<s_i s_j>_clamped - <s_i s_j>_free), (0, 100]
  Schedule anneal{.kind = ScheduleKind::Exponential, .t_start = 8.0f, .t_end = 1.0f, .steps = 10};
                                // temperatures of a run's first sweeps; statistics are then
                                // collected at schedule_temperature(anneal, anneal.steps)
                                // (t_end, or t_start for Constant), each in [0, 1000]
  int stat_sweeps = 10;         // sweeps per run that collect statistics, [1, 100000]
  int free_runs = 0;            // free-phase runs per update; 0 = as many as data rows
  double weight_decay = 0.0;    // L2 shrink of W per update (W -= lr decay W), [0, 1)
  double weight_limit = 1e6;    // divergence guard: a |w| or |b| above stops training
};

/// Which phase a trainer is in.
enum class BmPhase {
  Clamped,  // visibles fixed to a data row, hiddens sampled ("positive" phase)
  Free,     // every unit sampled ("negative" phase)
};

/// "clamped" or "free".
const char* bm_phase_name(BmPhase phase);

/// Training state. The UI reads it by const reference and changes it only through bm_train_*.
struct BmTrainer {
  Boltzmann bm;                  // the model being trained
  BmTrainConfig config;
  int rows = 0;                  // data rows
  std::vector<uint8_t> data;     // (rows, nv) in {0,1}, a private copy
  // Where the current update stands.
  BmPhase phase = BmPhase::Clamped;
  int run = 0;                   // run index within the phase: the data row when clamped
  bool run_active = false;       // the current run's chain has been started
  int64_t run_sweep = 0;         // sweeps done in the current run (annealing, then collecting)
  double temperature = 0;        // temperature of the sweep in progress (or the next one)
  BmChain chain;                 // the current run's chain
  // Statistics of the current update, summed over collected sweeps.
  std::vector<double> sum_clamped;  // (n, n) sum of s_i s_j in the clamped phase
  std::vector<double> sum_free;     // (n, n) sum in the free phase
  int64_t samples_clamped = 0, samples_free = 0;
  // Results of the last completed update.
  std::vector<double> last_clamped;  // (n, n) <s_i s_j>_clamped, diagonal <s_i>
  std::vector<double> last_free;     // (n, n) <s_i s_j>_free
  double last_max_change = 0;        // max |dW_ij| and |db_i| of the last update
  // Progress.
  int64_t updates = 0;           // unit updates made
  int64_t sweeps = 0;            // sweeps completed (a clamped sweep updates nh units)
  int64_t weight_updates = 0;    // learning-rule applications
  Status status;                 // not ok once training stopped (divergence); says why
  // Last good parameters (guard.hpp): a copy of bm taken every kBmCheckpointEvery weight updates
  // while it is healthy (finite, every |w|, |b| <= weight_limit); see bm_trainer_restore_good.
  Boltzmann good;
  int64_t good_weight_updates = -1;  // weight_updates when `good` was taken; -1: none
};

/// Weight updates between two checkpoints of the last good parameters.
inline constexpr int64_t kBmCheckpointEvery = 10;

/// Validates the configuration (messages name the field: "learning rate must be in (0, 100],
/// got 150") and copies data, (rows, nv) values in {0,1}, rows >= 1. The model is taken as is.
Result<BmTrainer> bm_trainer_make(Boltzmann bm, std::span<const uint8_t> data, int rows,
                                  const BmTrainConfig& config);

/// Checks a configuration without building anything; "" when valid.
std::string bm_config_error(const BmTrainConfig& config);

/// Replaces the configuration mid-training (the model, progress and current run are kept; a run
/// whose new schedule is shorter ends at its next sweep). Invalid configs change nothing.
Status bm_trainer_set_config(BmTrainer& trainer, const BmTrainConfig& config);

/// Copies the model into `good` when it is healthy (bm_trainer_make and every
/// kBmCheckpointEvery weight updates call it).
void bm_trainer_checkpoint(BmTrainer& trainer);

/// After training stopped on divergence (or any time): puts back the last good parameters,
/// clears the error status and starts the current weight update over (clamped phase, first row),
/// so training can go on (with a lower learning rate, or it diverges again). Counters keep
/// counting. Fails, changing nothing, when there is no good copy.
Status bm_trainer_restore_good(BmTrainer& trainer);

/// Temperature at which the statistics are collected: the schedule's final value.
double bm_collect_temperature(const BmTrainConfig& config);

/// Sweeps in one run: anneal.steps + stat_sweeps.
int64_t bm_run_sweeps(const BmTrainConfig& config);

/// Free-phase runs per update (free_runs, or rows when 0).
int bm_free_runs(const BmTrainer& trainer);

/// Advances training by at most max_updates unit updates, crossing sweeps, runs, phases and
/// weight updates: each clamped run clamps the visibles to its row, starts the hiddens at random,
/// anneals and collects; each free run starts every unit at random. After the free phase,
/// w_ij += lr (<s_i s_j>_clamped - <s_i s_j>_free) for connected i != j and
/// b_i += lr (<s_i>_clamped - <s_i>_free) (ACH 1985, eq. 9; biases as weights from an always-on
/// unit). With an exact expectation this is lr times the gradient of the mean log-likelihood at
/// T = 1 (when statistics are collected at T = 1). Returns the updates made: fewer when training
/// stopped (status says why; the model keeps its last finite weights). No clock; deterministic
/// for a given rng state, however the budget is split. Sweeps of a clamped run with nh = 0
/// update no unit: they complete without using budget.
int64_t bm_train_step(BmTrainer& trainer, Rng& rng, int64_t max_updates);

/// Runs until `count` more weight updates are made (or training stops); returns updates made.
int64_t bm_train_updates(BmTrainer& trainer, Rng& rng, int64_t count);

// [SECTION] Toy datasets ---------------------------------------------------------------------

/// Small training sets for the figure and the tests, rows of nv values in {0,1}.
enum class BmDataset : int {
  Bars2x2 = 0,   // 2x2 images with one full bar: 1100, 0011, 1010, 0101 (nv = 4)
  Parity4 = 1,   // the 8 4-bit vectors of even parity: needs hidden units (nv = 4)
  OneHot4 = 2,   // exactly one of 4 units on: 1000, 0100, 0010, 0001 (nv = 4)
  People3 = 3,   // seed 003's toy: people A, B, C; rows 101, 010, 101, 101, 010, 101 (nv = 3)
  Encoder424 = 4,  // ACH 1985's 4-2-4 encoder: (e_k, e_k) for k = 0..3 (nv = 8)
};
inline constexpr int kBmDatasetCount = 5;
/// Link names of BmDataset, indexed by its value.
inline constexpr const char* kBmDatasetNames[kBmDatasetCount] = {"bars", "parity", "onehot", "people", "encoder"};
/// Display names of BmDataset, indexed by its value.
inline constexpr const char* kBmDatasetLabels[kBmDatasetCount] = {
    "2x2 bars (4 images)", "4-bit even parity (8 vectors)", "one of four on (4 vectors)",
    "people A B C (seed toy, 6 rows)", "4-2-4 encoder (8 visible)"};

/// Short id ("bars", "parity", "onehot", "people", "encoder"): kBmDatasetNames.
const char* bm_dataset_id(BmDataset d);
/// Display name ("2x2 bars (4 images)", ...): kBmDatasetLabels.
const char* bm_dataset_label(BmDataset d);
/// Visible units of the set.
int bm_dataset_nv(BmDataset d);
/// The rows, (rows, nv) row-major; rows = size / nv.
std::vector<uint8_t> bm_dataset_rows(BmDataset d);

}  // namespace ebm
