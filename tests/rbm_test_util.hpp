// rbm_test_util.hpp: brute-force references for the RBM tests: full enumeration of the joint
// {0,1}^nv x {0,1}^nh (tiny models only), random tiny models and max-difference helpers.
// Test code only; deliberately naive so it shares nothing with the engine's fast paths.
#pragma once
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "rbm.hpp"
#include "rng.hpp"

namespace ebm_test {

/// Bit i of s as a float unit.
inline std::vector<float> bits(unsigned s, int n) {
  std::vector<float> v(n);
  for (int i = 0; i < n; ++i) v[i] = (s >> i) & 1u ? 1.0f : 0.0f;
  return v;
}

/// E(v, h) from the definition, double.
inline double energy(const ebm::Rbm& r, const std::vector<float>& v, const std::vector<float>& h) {
  double e = 0;
  for (int i = 0; i < r.nv; ++i) e -= r.b[i] * double(v[i]);
  for (int j = 0; j < r.nh; ++j) e -= r.c[j] * double(h[j]);
  for (int i = 0; i < r.nv; ++i)
    for (int j = 0; j < r.nh; ++j) e -= double(v[i]) * r.w[i * r.nh + j] * h[j];
  return e;
}

inline double log_sum_exp(const std::vector<double>& x) {
  const double m = *std::max_element(x.begin(), x.end());
  double s = 0;
  for (double v : x) s += std::exp(v - m);
  return m + std::log(s);
}

/// log Z by summing exp(-E) over every joint state.
inline double log_z_joint(const ebm::Rbm& r) {
  std::vector<double> terms;
  for (unsigned sv = 0; sv < (1u << r.nv); ++sv)
    for (unsigned sh = 0; sh < (1u << r.nh); ++sh) terms.push_back(-energy(r, bits(sv, r.nv), bits(sh, r.nh)));
  return log_sum_exp(terms);
}

/// P(v) for every visible state s (index = bits of v), by joint enumeration.
inline std::vector<double> p_visible(const ebm::Rbm& r) {
  const double lz = log_z_joint(r);
  std::vector<double> p(1u << r.nv);
  for (unsigned sv = 0; sv < p.size(); ++sv) {
    std::vector<double> terms;
    for (unsigned sh = 0; sh < (1u << r.nh); ++sh) terms.push_back(-energy(r, bits(sv, r.nv), bits(sh, r.nh)));
    p[sv] = std::exp(log_sum_exp(terms) - lz);
  }
  return p;
}

/// A random model: W ~ N(0, w_sd^2), biases ~ N(0, b_sd^2).
inline ebm::Rbm random_rbm(int nv, int nh, float w_sd, float b_sd, ebm::Rng& rng) {
  ebm::Rbm r = ebm::rbm_make(nv, nh);
  for (float& x : r.w) x = w_sd * rng.normal();
  for (float& x : r.b) x = b_sd * rng.normal();
  for (float& x : r.c) x = b_sd * rng.normal();
  return r;
}

inline double max_abs_diff(const float* a, const float* b, size_t n) {
  double m = 0;
  for (size_t i = 0; i < n; ++i) m = std::max(m, std::fabs(double(a[i]) - double(b[i])));
  return m;
}

}  // namespace ebm_test
