// rbm.hpp: the Bernoulli-Bernoulli restricted Boltzmann machine (Smolensky 1986, Hinton 2002):
// parameters, the two conditionals for minibatches, Bernoulli sampling, energy and free energy,
// plus the fast elementwise kernels (sigmoid, softplus, uniforms) the rest of the RBM code uses.
// Training lives in rbm_train, monitoring in rbm_metrics, chains in rbm_sampling, files in
// model_io. No allocation here except where a function takes a scratch vector to grow.
#pragma once
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "gemm.hpp"
#include "rng.hpp"

namespace ebm {

/// Energy E(v, h) = -b.v - c.h - v^T W h over v in {0,1}^nv, h in {0,1}^nh.
struct Rbm {
  int nv = 0;             // visible units
  int nh = 0;             // hidden units
  int width = 0;          // visible layer as an image: width * height == nv, or 0 when not an image
  int height = 0;         //   (rows of the image; row-major pixels)
  std::vector<float> w;   // (nv, nh) row-major: w[i * nh + j] couples visible i and hidden j
  std::vector<float> b;   // (nv) visible biases
  std::vector<float> c;   // (nh) hidden biases
};

/// An RBM with all parameters 0. nv, nh >= 1; width * height must be nv or both 0.
Rbm rbm_make(int nv, int nh, int width = 0, int height = 0);

/// True when the arrays have the sizes nv and nh promise (and the image shape fits).
bool rbm_shapes_ok(const Rbm& rbm);

/// Hinton's practical guide (2010, section 8): W ~ N(0, sigma^2) with sigma = 0.01, c = 0, and
/// b_i = log(p_i / (1 - p_i)) where p_i is the mean of visible unit i over data (n, nv) in
/// [0,1]; p_i is clamped to [kBiasPClamp, 1 - kBiasPClamp] so a pixel that is never on gets a
/// large negative but finite bias. Normals come from rng's raw bits (Box-Muller).
void rbm_init(Rbm& rbm, Rng& rng, std::span<const float> data, float sigma = 0.01f);
/// The same from rows kept as bytes (value = byte / 255, see dataset_to_levels).
void rbm_init(Rbm& rbm, Rng& rng, std::span<const uint8_t> levels, float sigma = 0.01f);
inline constexpr float kBiasPClamp = 1e-3f;  // b_i in [-6.9, 6.9]

// ---- Elementwise kernels (written as plain loops that clang/GCC vectorize for SIMD128/AVX) ---

/// x[i] = 1 / (1 + exp(-x[i])) in place, n values. exp by Cody-Waite reduction and Cephes
/// expf's polynomial; relative error < 1e-6 and absolute < 1e-7 for |x| <= 87; beyond, x is
/// clamped to +-87 (within 2e-38 of the true value; never NaN for finite or infinite x).
void sigmoid_inplace(float* x, size_t n);

/// softplus(x) = log(1 + exp(x)) computed stably as max(x, 0) + log1p(exp(-|x|)); absolute
/// error < 1e-6. Scalar version of the kernel used by the free energy.
float softplus_fast(float x);

/// Sum over i of softplus(x[i]) in float, n values (vectorizable: 8 partial sums).
float softplus_sum(const float* x, size_t n);

/// Sum over i of softplus(beta1 x[i]) - softplus(beta0 x[i]): the AIS weight increment, summed
/// term by term so nearby betas lose no precision to cancellation.
float softplus_diff_sum(const float* x, size_t n, float beta1, float beta0);

/// Fills u[0..n) with uniforms in [0, 1) (24-bit resolution). Eight xoshiro128+ lanes are seeded
/// from rng's raw bits on each call, so the loop vectorizes and the result depends only on rng.
void fill_uniform(float* u, size_t n, Rng& rng);

/// out[i] = 1 if u_i < p[i] else 0, with u_i from fill_uniform's generator: a Bernoulli(p[i])
/// sample per entry, p in [0,1]. out may alias p.
void sample_bernoulli(const float* p, float* out, size_t n, Rng& rng);

// ---- Conditionals for minibatches (rows are samples) -------------------------------------

/// ph = P(h = 1 | v) = sigmoid(v W + c). v is (n, nv) row-major, ph is (n, nh).
void rbm_hidden_probs(const Rbm& rbm, const float* v, int n, float* ph);

/// pv = P(v = 1 | h) = sigmoid(h W^T + b). h is (n, nh) row-major, pv is (n, nv).
void rbm_visible_probs(const Rbm& rbm, const float* h, int n, float* pv);

/// Pre-activations x = v W + c without the sigmoid, (n, nh).
void rbm_hidden_input(const Rbm& rbm, const float* v, int n, float* x);

/// W packed for the two products the conditionals need, v W (w) and h W^T (wt). Pack after each
/// parameter change, then reuse for every chain step until the next one (a CD-10 minibatch
/// multiplies by W 11 times and by W^T 10 times).
struct RbmPacked {
  PackedMatrix w;   // op(B) = W, (nv, nh)
  PackedMatrix wt;  // op(B) = W^T, (nh, nv)
};

/// Packs both layouts of rbm.w into p (buffers grow once).
void rbm_pack(const Rbm& rbm, RbmPacked& p);

/// The three functions above with a pre-packed W; p must come from rbm_pack of the same weights.
void rbm_hidden_input(const Rbm& rbm, const RbmPacked& p, const float* v, int n, float* x);
void rbm_hidden_probs(const Rbm& rbm, const RbmPacked& p, const float* v, int n, float* ph);
void rbm_visible_probs(const Rbm& rbm, const RbmPacked& p, const float* h, int n, float* pv);

// ---- A softmax group among the visible units (a DBN's label units) -------------------------

/// Replaces the last `tail` columns of pv (n, nv) by the softmax group's conditional: for each
/// row, P(v_l = 1 | h) = exp(x_l) / sum_k exp(x_k) over l in [nv - tail, nv), with
/// x_l = b_l + sum_j W_lj h_j (Hinton, Osindero & Teh 2006: the label units form one
/// categorical). h is (n, nh) as given to rbm_visible_probs; the other columns are untouched.
/// Stable for any finite input (the largest x is subtracted). tail in [2, nv]; O(n tail nh).
void rbm_softmax_tail(const Rbm& rbm, const float* h, int n, int tail, float* pv);

/// Samples the last `tail` columns of v (n, nv) as one categorical per row from the
/// probabilities in the same columns of p (n, nv), each row's group summing to 1: exactly one
/// unit becomes 1. One rng.uniform() per row. v may alias p.
void sample_softmax_tail(const float* p, float* v, int n, int nv, int tail, Rng& rng);

// ---- Energies -----------------------------------------------------------------------------

/// E(v, h) = -b.v - c.h - v^T W h in double, for one v (nv) and h (nh) with entries in [0,1].
double rbm_energy(const Rbm& rbm, const float* v, const float* h);

/// Free energy of one visible vector in double with std::log1p (the reference path):
/// F(v) = -b.v - sum_j softplus(c_j + sum_i v_i W_ij), so P(v) = exp(-F(v)) / Z.
double rbm_free_energy_one(const Rbm& rbm, const float* v);

/// Free energies of n rows of v (n, nv) into f (n), via one sgemm and softplus_sum; scratch
/// grows to n * nh floats. Absolute error about 1e-6 * (nv + nh) against the double path.
void rbm_free_energy(const Rbm& rbm, const float* v, int n, double* f, std::vector<float>& scratch);

/// Mean free energy over n rows of v (n, nv).
double rbm_mean_free_energy(const Rbm& rbm, const float* v, int n, std::vector<float>& scratch);

}  // namespace ebm
