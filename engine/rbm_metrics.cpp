// rbm_metrics.cpp: reconstruction error, free-energy gap, pseudo-log-likelihood, exact log Z,
// AIS and histograms (see rbm_metrics.hpp).
// [SECTION] Reconstruction and free energy
// [SECTION] Pseudo-log-likelihood
// [SECTION] Exact log Z
// [SECTION] Annealed importance sampling
// [SECTION] Histograms
#include "rbm_metrics.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

#include "check.hpp"
#include "gemm.hpp"

namespace ebm {

namespace {
constexpr int kChunk = 256;  // rows per pass, so scratch stays at kChunk * (nv + nh) floats

float* grow(std::vector<float>& v, size_t n) {
  if (v.size() < n) v.resize(n);
  return v.data();
}

// log sigmoid(x) = -softplus(-x), stable for any x.
double log_sigmoid(double x) { return -(std::max(-x, 0.0) + std::log1p(std::exp(-std::fabs(x)))); }
}  // namespace

// [SECTION] Reconstruction and free energy ----------------------------------------------------
double reconstruction_error(const Rbm& rbm, const float* v, int n, MetricScratch& s, int softmax_tail) {
  if (n <= 0) return 0.0;
  double sum = 0;
  for (int r0 = 0; r0 < n; r0 += kChunk) {
    const int m = std::min(kChunk, n - r0);
    const float* vr = v + static_cast<size_t>(r0) * rbm.nv;
    float* ph = grow(s.hidden, static_cast<size_t>(m) * rbm.nh);
    float* pv = grow(s.rows, static_cast<size_t>(m) * rbm.nv);
    rbm_hidden_probs(rbm, vr, m, ph);
    rbm_visible_probs(rbm, ph, m, pv);
    if (softmax_tail > 0) rbm_softmax_tail(rbm, ph, m, softmax_tail, pv);
    const size_t cnt = static_cast<size_t>(m) * rbm.nv;
    double part = 0;
    for (size_t i = 0; i < cnt; ++i) part += double(vr[i] - pv[i]) * (vr[i] - pv[i]);
    sum += part;
  }
  return sum / (double(n) * rbm.nv);
}

FreeEnergyGap free_energy_gap(const Rbm& rbm, const float* train, int n_train, const float* held,
                              int n_held, MetricScratch& s) {
  FreeEnergyGap g;
  g.train = rbm_mean_free_energy(rbm, train, n_train, s.hidden);
  g.held_out = rbm_mean_free_energy(rbm, held, n_held, s.hidden);
  g.gap = g.held_out - g.train;
  return g;
}

// [SECTION] Pseudo-log-likelihood ---------------------------------------------------------------
void pseudo_log_likelihood_rows(const Rbm& rbm, const float* v, int n, Rng& rng, double* out,
                                MetricScratch& s) {
  const int nv = rbm.nv, nh = rbm.nh;
  for (int r0 = 0; r0 < n; r0 += kChunk) {
    const int m = std::min(kChunk, n - r0);
    const float* vr = v + static_cast<size_t>(r0) * nv;
    float* x = grow(s.hidden, static_cast<size_t>(m) * nh);
    rbm_hidden_input(rbm, vr, m, x);  // x = c + v W
    for (int r = 0; r < m; ++r) {
      // F(v~) - F(v) for v~ = v with unit i flipped (d = v~_i - v_i):
      //   -b_i d - sum_j [softplus(x_j + d W_ij) - softplus(x_j)]
      // from the same x, so no two large free energies are subtracted.
      const int i = static_cast<int>(rng.below(static_cast<uint32_t>(nv)));
      const float vi = vr[static_cast<size_t>(r) * nv + i];
      const float d = (1.0f - vi) - vi;
      const float* xr = x + static_cast<size_t>(r) * nh;
      const float* wi = rbm.w.data() + static_cast<size_t>(i) * nh;
      double delta = -double(rbm.b[i]) * d;
      for (int j = 0; j < nh; ++j)
        delta -= double(softplus_fast(xr[j] + d * wi[j])) - double(softplus_fast(xr[j]));
      out[r0 + r] = nv * log_sigmoid(delta);
    }
  }
}

double pseudo_log_likelihood(const Rbm& rbm, const float* v, int n, Rng& rng, MetricScratch& s) {
  if (n <= 0) return 0.0;
  double sum = 0;
  double buf[kChunk];
  for (int r0 = 0; r0 < n; r0 += kChunk) {
    const int m = std::min(kChunk, n - r0);
    pseudo_log_likelihood_rows(rbm, v + static_cast<size_t>(r0) * rbm.nv, m, rng, buf, s);
    for (int r = 0; r < m; ++r) sum += buf[r];
  }
  return sum / n;
}

// [SECTION] Exact log Z ---------------------------------------------------------------------------
double log_z_exact(const Rbm& rbm) {
  EBM_ASSERT(rbm.nh <= kExactMaxHidden, "log_z_exact: nh > kExactMaxHidden");
  const int nv = rbm.nv, nh = rbm.nh;
  std::vector<float> wt(static_cast<size_t>(nh) * nv);  // W^T: column j of W is contiguous
  for (int i = 0; i < nv; ++i)
    for (int j = 0; j < nh; ++j) wt[static_cast<size_t>(j) * nv + i] = rbm.w[static_cast<size_t>(i) * nh + j];
  std::vector<float> a(nv);  // b + W h for the current h
  const int lo_bits = std::min(nh, 10);
  const uint32_t lo_count = 1u << lo_bits, hi_count = 1u << (nh - lo_bits);
  double m = -std::numeric_limits<double>::infinity(), sum = 0;
  for (uint32_t hi = 0; hi < hi_count; ++hi) {
    // Re-synchronize a from scratch for the high bits (low bits all 0), bounding float drift to
    // 1024 incremental column updates.
    uint32_t state = hi << lo_bits;
    std::copy(rbm.b.begin(), rbm.b.end(), a.begin());
    double ch = 0;
    for (int j = lo_bits; j < nh; ++j)
      if (state >> j & 1u) {
        const float* col = wt.data() + static_cast<size_t>(j) * nv;
        for (int i = 0; i < nv; ++i) a[i] += col[i];
        ch += rbm.c[j];
      }
    for (uint32_t g = 0; g < lo_count; ++g) {
      if (g > 0) {  // Gray code: going from g-1 to g flips bit ctz(g)
        const int j = std::countr_zero(g);
        state ^= 1u << j;
        const float* col = wt.data() + static_cast<size_t>(j) * nv;
        if (state >> j & 1u) {
          for (int i = 0; i < nv; ++i) a[i] += col[i];
          ch += rbm.c[j];
        } else {
          for (int i = 0; i < nv; ++i) a[i] -= col[i];
          ch -= rbm.c[j];
        }
      }
      const double val = ch + double(softplus_sum(a.data(), nv));
      if (val > m) {
        sum = sum * std::exp(m - val) + 1.0;
        m = val;
      } else {
        sum += std::exp(val - m);
      }
    }
  }
  return m + std::log(sum);
}

double mean_log_likelihood(const Rbm& rbm, const float* v, int n, double log_z, MetricScratch& s) {
  return -rbm_mean_free_energy(rbm, v, n, s.hidden) - log_z;
}

// [SECTION] Annealed importance sampling -----------------------------------------------------------
std::vector<double> ais_betas(int k) {
  EBM_ASSERT(k >= 1, "ais_betas: k >= 1");
  // S&M 2008: 500 steps in [0, 0.5), 4,000 in [0.5, 0.9), 10,000 in [0.9, 1] (of 14,500).
  int k1 = static_cast<int>(std::lround(k * 500.0 / 14500.0));
  int k2 = static_cast<int>(std::lround(k * 4000.0 / 14500.0));
  if (k < 3) k1 = k2 = 0;
  const int k3 = k - k1 - k2;
  std::vector<double> beta;
  beta.reserve(k + 1);
  for (int i = 0; i < k1; ++i) beta.push_back(0.5 * i / k1);
  for (int i = 0; i < k2; ++i) beta.push_back(0.5 + 0.4 * i / k2);
  const double start = k1 + k2 > 0 ? 0.9 : 0.0;
  for (int i = 0; i <= k3; ++i) beta.push_back(start + (1.0 - start) * i / k3);
  beta.front() = 0.0;
  beta.back() = 1.0;
  return beta;
}

namespace {
template <class T>
std::vector<float> base_bias(const T* data, int n, int nv, float scale) {
  std::vector<float> bA(nv);
  for (int i = 0; i < nv; ++i) {
    double cnt = 0;
    for (int r = 0; r < n; ++r) cnt += data[static_cast<size_t>(r) * nv + i] * scale;
    const double p = (cnt + 1.0) / (n + 2.0);
    bA[i] = static_cast<float>(std::log(p / (1.0 - p)));
  }
  return bA;
}
}  // namespace

std::vector<float> ais_base_bias(const float* data, int n, int nv) { return base_bias(data, n, nv, 1.0f); }

std::vector<float> ais_base_bias(const uint8_t* levels, int n, int nv) {
  return base_bias(levels, n, nv, 1.0f / 255.0f);  // byte * (1 / 255) as levels_to_float
}

namespace {
// x = c + v W for the run's current samples.
void ais_hidden_input(AisRun& run) {
  rbm_hidden_input(run.rbm, run.packed, run.v.data(), run.config.runs, run.x.data());
}
}  // namespace

AisRun ais_start(const Rbm& rbm, std::span<const float> base_b, AisConfig config, Rng& rng) {
  EBM_ASSERT(rbm_shapes_ok(rbm), "ais_start: bad model");
  EBM_ASSERT(static_cast<int>(base_b.size()) == rbm.nv, "ais_start: base_b must have nv entries");
  EBM_ASSERT(config.runs >= 1 && config.betas >= 1, "ais_start: runs and betas >= 1");
  AisRun run;
  run.rbm = rbm;
  run.config = config;
  run.base_b.assign(base_b.begin(), base_b.end());
  run.beta = ais_betas(config.betas);
  const size_t M = static_cast<size_t>(config.runs), nv = rbm.nv, nh = rbm.nh;
  run.v.resize(M * nv);
  run.pv.resize(M * nv);
  run.x.resize(M * nh);
  run.h.resize(M * nh);
  run.log_w.assign(M, 0.0);
  // v ~ p_A: independent Bernoulli(sigmoid(bA_i)).
  for (size_t r = 0; r < M; ++r) std::copy(base_b.begin(), base_b.end(), run.pv.begin() + r * nv);
  sigmoid_inplace(run.pv.data(), M * nv);
  sample_bernoulli(run.pv.data(), run.v.data(), M * nv, rng);
  rbm_pack(run.rbm, run.packed);
  run.log_z_base = nh * std::log(2.0);
  for (float b : base_b) run.log_z_base += std::max(double(b), 0.0) + std::log1p(std::exp(-std::fabs(double(b))));
  ais_hidden_input(run);
  return run;
}

int ais_step(AisRun& run, Rng& rng, int max_betas) {
  const Rbm& m = run.rbm;
  const int M = run.config.runs, nv = m.nv, nh = m.nh, K = static_cast<int>(run.beta.size()) - 1;
  int done = 0;
  while (done < max_betas && run.next <= K) {
    const int k = run.next;
    const float b1 = static_cast<float>(run.beta[k]), b0 = static_cast<float>(run.beta[k - 1]);
    // log w += log p*_k(v) - log p*_{k-1}(v) at the current samples (drawn by T_{k-1}).
    for (int r = 0; r < M; ++r) {
      const float* vr = run.v.data() + static_cast<size_t>(r) * nv;
      double dv = 0;  // (b - bA) . v
      for (int i = 0; i < nv; ++i) dv += double(m.b[i] - run.base_b[i]) * vr[i];
      run.log_w[r] += (double(b1) - double(b0)) * dv +
                      softplus_diff_sum(run.x.data() + static_cast<size_t>(r) * nh, nh, b1, b0);
    }
    if (k < K) {
      // Transition T_k: one Gibbs sweep that leaves p_k invariant.
      //   h_j ~ sigmoid(beta_k x_j);  v_i ~ sigmoid((1 - beta_k) bA_i + beta_k (b_i + W_i.h)).
      const size_t mh = static_cast<size_t>(M) * nh, mv = static_cast<size_t>(M) * nv;
      for (size_t i = 0; i < mh; ++i) run.h[i] = b1 * run.x[i];
      sigmoid_inplace(run.h.data(), mh);
      sample_bernoulli(run.h.data(), run.h.data(), mh, rng);
      for (int r = 0; r < M; ++r) {
        float* pr = run.pv.data() + static_cast<size_t>(r) * nv;
        for (int i = 0; i < nv; ++i) pr[i] = (1.0f - b1) * run.base_b[i] + b1 * m.b[i];
      }
      sgemm_packed(false, M, b1, run.h.data(), nh, run.packed.wt, 1.0f, run.pv.data(), nv);
      sigmoid_inplace(run.pv.data(), mv);
      sample_bernoulli(run.pv.data(), run.v.data(), mv, rng);
      ais_hidden_input(run);
    }
    ++run.next;
    ++done;
  }
  return done;
}

AisEstimate ais_estimate(const AisRun& run) {
  AisEstimate e;
  const int M = run.config.runs;
  e.runs = M;
  e.betas = static_cast<int>(run.beta.size()) - 1;
  const double mx = *std::max_element(run.log_w.begin(), run.log_w.end());
  double mean = 0, lmean = 0;
  for (double lw : run.log_w) {
    mean += std::exp(lw - mx);
    lmean += lw;
  }
  mean /= M;
  lmean /= M;
  double var = 0, lvar = 0;
  for (double lw : run.log_w) {
    var += (std::exp(lw - mx) - mean) * (std::exp(lw - mx) - mean);
    lvar += (lw - lmean) * (lw - lmean);
  }
  var = M > 1 ? var / (M - 1) : 0.0;
  lvar = M > 1 ? lvar / (M - 1) : 0.0;
  const double sigma = std::sqrt(var / M);
  const double base = run.log_z_base + mx;
  e.log_z = base + std::log(mean);
  e.log_z_low = mean - 3 * sigma > 0 ? base + std::log(mean - 3 * sigma)
                                     : -std::numeric_limits<double>::infinity();
  e.log_z_high = base + std::log(mean + 3 * sigma);
  e.log_w_std = std::sqrt(lvar);
  return e;
}

AisEstimate ais_log_z(const Rbm& rbm, std::span<const float> base_b, AisConfig config, Rng& rng) {
  AisRun run = ais_start(rbm, base_b, config, rng);
  while (!ais_done(run)) ais_step(run, rng, 1 << 30);
  return ais_estimate(run);
}

// [SECTION] Histograms ---------------------------------------------------------------------------
Histogram histogram(std::span<const float> x, int bins, float lo, float hi) {
  EBM_ASSERT(bins >= 1 && hi > lo, "histogram: bins >= 1 and hi > lo");
  Histogram h;
  h.lo = lo;
  h.hi = hi;
  h.counts.assign(bins, 0);
  const float scale = bins / (hi - lo);
  for (float v : x) {
    if (std::isnan(v)) continue;
    const float t = (v - lo) * scale;
    const int b = t <= 0.0f ? 0 : t >= float(bins) ? bins - 1 : static_cast<int>(t);
    ++h.counts[b];
  }
  return h;
}

Histogram histogram_symmetric(std::span<const float> x, int bins) {
  float m = 0;
  for (float v : x)
    if (std::isfinite(v)) m = std::max(m, std::fabs(v));
  if (m == 0) m = 1;
  return histogram(x, bins, -m, m);
}

}  // namespace ebm
