// hopfield_dense.hpp: dense associative memories (Krotov & Hopfield 2016) over binary units
// s_i in {-1,+1}, energy E(s) = -sum_mu F(xi_mu . s) with polynomial or exponential F, run by
// exact asynchronous updates that step by a budget; and the continuous modern Hopfield update
// xi <- X softmax(beta X^T xi) (Ramsauer et al. 2020) with its softmax weights over memories.
// Not here: the classical weight-matrix network (hopfield.hpp), the capacity experiment
// (hopfield_analysis), any UI. No weight matrix: memories are kept as patterns.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "hopfield.hpp"
#include "result.hpp"
#include "rng.hpp"

namespace ebm {

// [SECTION] Binary dense associative memory ---------------------------------------------------

/// The separation function F of the energy.
enum class DenseKind {
  Polynomial,   // F(x) = (N / n) (x / N)^n, n >= 2 (n = 2 is the classical Hebbian network)
  Exponential,  // F(x) = exp(beta (x - N)) (Demircigil et al. 2017 with beta = 1)
};

/// Largest polynomial degree: (1/4096)^64 = 1e-231 is still a normal double, so no term of
/// the update underflows to 0 at any size the engine accepts.
inline constexpr int kDenseMaxDegree = 64;

/// Which F, and its parameter. Both scalings only multiply E by a positive constant, so the
/// dynamics are those of F(x) = x^n and F(x) = exp(beta x); they keep |F| <= N/n and <= 1 per
/// memory, so no energy overflows (exp(784) would).
struct DenseOptions {
  DenseKind kind = DenseKind::Polynomial;  // polynomial or exponential F
  int degree = 3;                          // n of the polynomial, in [2, kDenseMaxDegree]
  float beta = 1.0f;                       // exponential: inverse temperature per unit of
                                           // overlap, in (0, 100]
};

/// Checks user-set options (degree range, beta finite and in range).
Status dense_validate(const DenseOptions& options);

/// Short display name: "dense-3" (degree 3), "exp" (exponential).
std::string dense_name(const DenseOptions& options);

/// P memories of N units and the tables the exact update reads. Build with dense_make.
struct DenseMemory {
  int n = 0;                    // units N
  int p = 0;                    // memories P
  DenseOptions options;         // F
  std::vector<int8_t> xt;       // (N, P) row-major: xt[i * P + mu] = xi_mu_i in {-1,+1}, so a
                                // unit's column over all memories is contiguous
  std::vector<double> f;        // (2N + 1): f[x + N] = F(x) (normalized as in DenseKind), x in [-N, N]
  std::vector<double> gain;     // (2N + 1) polynomial: gain[a + N] = G(a) = F(a + 1) - F(a - 1)
                                // up to a positive factor (see dense_make), a in [-N, N];
                                // exponential: gain[d + 2N] = exp(beta d), d in [-2N, 0]
  bool exact = false;           // gain holds exact integers and sums of them stay below 2^53
};

/// Stores patterns (each N values in {-1,+1}, all one size, N in [1, 4096], P >= 0, P N <=
/// 2^26) for the dense energy. Errors (sizes, options) are user errors. O(P N).
/// Polynomial gain: G(a) = (a + 1)^n - (a - 1)^n as exact integers when max|G| P < 2^53
/// (exact = true: every update decision equals the true sign of the energy difference), else
/// ((a + 1)/N)^n - ((a - 1)/N)^n in double (relative error ~1e-16).
Result<DenseMemory> dense_make(std::span<const Pattern> patterns, const DenseOptions& options);

/// E(s) = -sum_mu F(xi_mu . s) with F as normalized in DenseKind, from scratch in double.
/// For n = 2 this is the Hebbian energy -1/2 s^T W s (W = (1/N) sum xi xi^T, zero diagonal)
/// minus P/2. s: N values in {-1,+1}. O(P N).
double dense_energy(const DenseMemory& mem, std::span<const int8_t> s);

/// The dynamic state of a run (the same bookkeeping as HopfieldRun, so the same rng gives the
/// same sweep order as run_async).
struct DenseRun {
  Pattern s;                    // (N) current state in {-1,+1}
  std::vector<int32_t> m;       // (P) overlaps xi_mu . s in [-N, N], kept incrementally
  double energy = 0;            // E(s), recomputed from m after every flip (O(P))
  std::vector<int> order;       // (N) permutation for the current sweep
  int pos = 0;                  // next index into order
  int64_t updates = 0;          // unit updates made so far
  int64_t flips = 0;            // of which changed the unit
  int64_t quiet = 0;            // consecutive updates without a flip
  int last_unit = -1;           // unit visited by the last update, -1 before any
  bool last_flipped = false;    // whether that update flipped it
};

/// Starts a run at state s (N values in {-1,+1}): overlaps and energy from scratch. O(P N).
void dense_run_reset(const DenseMemory& mem, DenseRun& run, std::span<const int8_t> s);

/// True when a whole sweep of N updates changed nothing: s is a fixed point.
inline bool dense_run_converged(const DenseMemory& mem, const DenseRun& run) {
  return run.quiet >= mem.n;
}

/// The exact energy change E(s with s_i flipped) - E(s), from the overlaps. O(P).
double dense_flip_delta(const DenseMemory& mem, const DenseRun& run, int i);

/// The update decision for unit i (Krotov & Hopfield 2016, eq. 3):
///   s_i <- sign( sum_mu [F(xi_mu_i + a_mu) - F(-xi_mu_i + a_mu)] ),  a_mu = sum_{j != i} xi_mu_j s_j,
/// i.e. the value of s_i with the lower energy; a tie keeps s_i. Returns true when s_i should
/// flip. Exponential: the sum is taken as sum_mu xi_mu_i exp(beta (a_mu - max a)) (log-space
/// shift), so it is finite for every N and beta. O(P), no allocation.
bool dense_wants_flip(const DenseMemory& mem, const DenseRun& run, int i);

/// Asynchronous zero-temperature dynamics: a fresh random permutation of the N units per sweep
/// (the same rng draws as run_async), each visited unit set by dense_wants_flip. The energy
/// never rises. Makes at most max_updates updates, stops early at a fixed point; returns the
/// number made. No allocation. O(P) per update.
int64_t dense_step(const DenseMemory& mem, DenseRun& run, Rng& rng, int64_t max_updates);

/// Normalized overlaps m_mu / N in [-1, 1] of the run, into out (P values).
void dense_overlaps(const DenseMemory& mem, const DenseRun& run, std::span<float> out);

/// Outcome of one recall attempt (the fields of hopfield_analysis' RecallResult).
struct DenseRecall {
  float overlap = 0.0f;     // final overlap with the memory, in [-1, 1]
  bool success = false;     // overlap >= threshold
  bool converged = false;   // reached a fixed point within max_sweeps
  int64_t updates = 0;      // unit updates made
};

/// Recall as recall_noisy does for the classical network: flip exactly round(noise N) units
/// of memory `index` (corrupt_count), run dense_step until a fixed point or max_sweeps, and
/// compare the final overlap with threshold. The fields of RecallOptions come as plain values
/// so this file does not depend on hopfield_analysis. run is reused (no allocation once sized).
DenseRecall dense_recall_noisy(const DenseMemory& mem, int index, Rng& rng, float noise,
                               float threshold, int max_sweeps, DenseRun& scratch);

/// Memory mu as a pattern (N values in {-1,+1}).
Pattern dense_memory_pattern(const DenseMemory& mem, int mu);

// [SECTION] Continuous modern Hopfield network -------------------------------------------------

/// Memories as real columns of X (Ramsauer et al. 2020), stored (P, N) row-major: row mu is
/// memory x_mu. Patterns in {-1,+1} or any real values.
struct ModernHopfield {
  int n = 0;                  // dimension N
  int p = 0;                  // memories P
  std::vector<float> x;       // (P, N) row-major
  float max_norm = 0;         // M = max_mu ||x_mu|| (for the energy's constant)
};

/// From {-1,+1} patterns (all one size N >= 1).
ModernHopfield modern_make(std::span<const Pattern> patterns);

/// From real memories: rows (P, N) row-major, finite values.
ModernHopfield modern_make(std::span<const float> rows, int n);

/// One update xi_new = X softmax(beta X^T xi) (Ramsauer et al. 2020, eq. 3). xi: N values;
/// out: N values (may alias xi); weights: P values receive softmax(beta X^T xi), the
/// attention over memories (sum 1, each in [0, 1]). Stable for any finite beta >= 0: the
/// largest logit is subtracted before exp. P = 0 gives out = 0. O(P N).
void modern_update(const ModernHopfield& mem, float beta, std::span<const float> xi,
                   std::span<float> out, std::span<float> weights);

/// E(xi) = -lse(beta, X^T xi) + 1/2 xi^T xi + beta^-1 log P + 1/2 M^2 (Ramsauer et al. 2020,
/// eq. 2), with lse(beta, z) = beta^-1 log sum_mu exp(beta z_mu). beta > 0. E >= 0 and the
/// update never raises it. O(P N).
double modern_energy(const ModernHopfield& mem, float beta, std::span<const float> xi);

/// An iterated run of modern_update, readable by a view: the state, the weights of its last
/// update and whether it stopped moving.
struct ModernRun {
  std::vector<float> xi;        // (N) current state
  std::vector<float> weights;   // (P) softmax weights of the last update (empty before one)
  std::vector<float> next;      // (N) scratch for the update
  int steps = 0;                // updates made
  float last_change = 0;        // max_i |xi_new - xi| of the last update
  bool converged = false;       // the last update moved no component by more than tol
  double energy = 0;            // E(xi) at the current state for the run's beta
};

/// Starts a run at xi0 (N values) and sizes every buffer (no allocation in modern_step).
void modern_reset(const ModernHopfield& mem, ModernRun& run, float beta, std::span<const float> xi0);

/// After the reader moves beta: clears `converged` and recomputes the energy for the new beta,
/// keeping the state (a converged run would otherwise ignore the new beta).
void modern_set_beta(const ModernHopfield& mem, ModernRun& run, float beta);

/// Makes up to max_steps updates at inverse temperature beta; stops once an update changes no
/// component by more than tol (converged). Returns the updates made.
int modern_step(const ModernHopfield& mem, ModernRun& run, float beta, int max_steps,
                float tol = 1e-6f);

}  // namespace ebm
