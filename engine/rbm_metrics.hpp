// rbm_metrics.hpp: honest monitoring of an RBM: reconstruction error (cheap, known to mislead),
// free energy on training vs held-out rows (the overfitting gap), scikit-learn's
// pseudo-log-likelihood, the exact log-likelihood for nh <= 20 (log Z by enumerating hidden
// states), and annealed importance sampling of log Z (Salakhutdinov & Murray 2008) stepped by a
// budget, plus histograms. Read-only on the model; no training and no drawing here.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "rbm.hpp"
#include "rng.hpp"

namespace ebm {

/// Growable work arrays so repeated metric calls do not allocate.
struct MetricScratch {
  std::vector<float> rows;    // up to chunk * nv
  std::vector<float> hidden;  // up to chunk * nh
};

/// Mean over all n * nv units of (v - P(v | P(h|v)))^2: one deterministic mean-field
/// reconstruction (hidden probabilities, not samples). v is (n, nv) in [0, 1]. This is the
/// figure the CLI prints as seed 000's reconstr_sq_error (evaluated after each epoch).
/// softmax_tail > 0: the last softmax_tail visible units are one softmax group and are
/// reconstructed by rbm_softmax_tail (a DBN's top layer with its labels).
double reconstruction_error(const Rbm& rbm, const float* v, int n, MetricScratch& s, int softmax_tail = 0);

/// Mean free energies of two sets and their difference (held_out - train). A gap that keeps
/// growing means the model is overfitting the training rows (Hinton 2010, section 6).
struct FreeEnergyGap {
  double train = 0;     // mean F(v) over the training rows given
  double held_out = 0;  // mean F(v) over the held-out rows
  double gap = 0;       // held_out - train
};
FreeEnergyGap free_energy_gap(const Rbm& rbm, const float* train, int n_train, const float* held,
                              int n_held, MetricScratch& s);

/// Pseudo-log-likelihood per row, defined as scikit-learn's BernoulliRBM.score_samples: flip
/// one uniformly chosen unit i of each row (v~_i = 1 - v_i) and return
/// nv * log sigmoid(F(v~) - F(v)). v is (n, nv) (binary for the definition to make sense);
/// out has n entries (nats). Units are drawn with rng.below(nv), row by row.
void pseudo_log_likelihood_rows(const Rbm& rbm, const float* v, int n, Rng& rng, double* out,
                                MetricScratch& s);
/// Mean of pseudo_log_likelihood_rows.
double pseudo_log_likelihood(const Rbm& rbm, const float* v, int n, Rng& rng, MetricScratch& s);

/// Largest nh for exact log Z (2^20 hidden states, about a second for nv = 784 natively).
inline constexpr int kExactMaxHidden = 20;

/// log Z = log sum_h exp(c.h + sum_i softplus(b_i + W_i.h)), enumerating all 2^nh hidden
/// states in Gray-code order (one column update per state, re-synchronized every 1024 states)
/// with a streaming log-sum-exp in double. Requires nh <= kExactMaxHidden.
double log_z_exact(const Rbm& rbm);

/// Mean log P(v) = -F(v) - log Z over n rows, given log Z.
double mean_log_likelihood(const Rbm& rbm, const float* v, int n, double log_z, MetricScratch& s);

// ---- Annealed importance sampling (Salakhutdinov & Murray 2008, section 4) ---------------
// Intermediate distributions p_k(v) ∝ exp((1 - beta_k) bA.v + beta_k b.v)
//                                      * prod_j (1 + exp(beta_k (c_j + W_j.v)))
// from the base-rate model A (W = 0, visible biases bA from the data; Z_A = 2^nh prod(1 + e^bA))
// at beta = 0 to the RBM at beta = 1; each transition is one Gibbs sweep at beta_k.

struct AisConfig {
  int runs = 100;     // independent annealing runs (M)
  int betas = 10000;  // intermediate temperatures K; S&M used 14,500 (500 / 4,000 / 10,000 in
                      // [0, .5), [.5, .9), [.9, 1]), this keeps those proportions
};

/// The K + 1 inverse temperatures 0 = beta_0 < ... < beta_K = 1 in S&M's three spacings.
std::vector<double> ais_betas(int k);

/// Base-rate visible biases bA_i = log(p_i / (1 - p_i)) from data (n, nv), p_i smoothed as
/// (count_i + 1) / (n + 2) so no bias is infinite.
std::vector<float> ais_base_bias(const float* data, int n, int nv);
/// The same from rows kept as bytes (value = byte / 255).
std::vector<float> ais_base_bias(const uint8_t* levels, int n, int nv);

/// One AIS computation in progress. It keeps its own copy of the model: the estimate is for
/// the model as it was at ais_start, whatever happens to the live model afterwards.
struct AisRun {
  Rbm rbm;                    // snapshot of the model
  AisConfig config;
  std::vector<float> base_b;  // (nv) bA
  std::vector<double> beta;   // (K + 1)
  int next = 1;               // index of the next temperature to visit, K + 1 when done
  std::vector<float> v;       // (runs, nv) current samples
  std::vector<float> x;       // (runs, nh) c + v W for the current samples
  std::vector<float> h;       // (runs, nh)
  std::vector<float> pv;      // (runs, nv)
  std::vector<double> log_w;  // (runs) log importance weights so far
  RbmPacked packed;           // the snapshot's W, packed once
  double log_z_base = 0;      // log Z_A
};

/// Starts AIS: samples v ~ p_A for every run. base_b has nv entries.
AisRun ais_start(const Rbm& rbm, std::span<const float> base_b, AisConfig config, Rng& rng);

/// Advances every run through up to max_betas temperatures (2 sgemms each). Returns how many.
int ais_step(AisRun& run, Rng& rng, int max_betas);

/// True when all K temperatures have been visited.
inline bool ais_done(const AisRun& run) { return run.next > static_cast<int>(run.beta.size()) - 1; }

/// log Z estimate with S&M's spread: log(mean w ± 3 std(w)/sqrt(M)) (low is -inf when the
/// interval reaches 0); valid once ais_done.
struct AisEstimate {
  double log_z = 0;        // log Z_A + log mean(w)
  double log_z_low = 0;    // log Z_A + log(mean w - 3 sigma)
  double log_z_high = 0;   // log Z_A + log(mean w + 3 sigma)
  double log_w_std = 0;    // standard deviation of log w across runs (how unequal the runs are)
  int runs = 0;
  int betas = 0;
};
AisEstimate ais_estimate(const AisRun& run);

/// Convenience: ais_start + ais_step to the end + ais_estimate.
AisEstimate ais_log_z(const Rbm& rbm, std::span<const float> base_b, AisConfig config, Rng& rng);

// ---- Histograms -----------------------------------------------------------------------------

struct Histogram {
  float lo = 0, hi = 0;       // range covered by the bins
  std::vector<int> counts;    // (bins) values in [lo + i w, lo + (i+1) w); outside go to the ends
};

/// Histogram of x over [lo, hi] with `bins` bins (values outside are counted in the end bins;
/// NaN is skipped).
Histogram histogram(std::span<const float> x, int bins, float lo, float hi);

/// Histogram over the symmetric range [-m, m], m = max |x| (1 when x is all zero): the form
/// used for weights and updates.
Histogram histogram_symmetric(std::span<const float> x, int bins);

}  // namespace ebm
