// test_rbm.cpp: the RBM core against brute-force enumeration on tiny models (conditionals,
// energy, free energy), and the fast kernels (sigmoid, softplus, uniforms, Bernoulli draws)
// against libm with stated tolerances.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <vector>

#include "datasets.hpp"
#include "rbm.hpp"
#include "rbm_test_util.hpp"

using namespace ebm;
using namespace ebm_test;

TEST_CASE("rbm kernels: sigmoid and softplus match libm") {
  double worst_sig = 0, worst_sp = 0;
  std::vector<float> x;
  for (int i = -20000; i <= 20000; ++i) x.push_back(i * 0.005f);  // [-100, 100]
  std::vector<float> y = x;
  sigmoid_inplace(y.data(), y.size());
  double worst_tail = 0, worst_abs = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    const double ref = 1.0 / (1.0 + std::exp(-double(x[i])));
    worst_abs = std::max(worst_abs, std::fabs(y[i] - ref));
    if (std::fabs(x[i]) <= 87.0f)
      worst_sig = std::max(worst_sig, std::fabs(y[i] - ref) / ref);
    else
      worst_tail = std::max(worst_tail, std::fabs(y[i] - ref));
    const double sp = std::max(double(x[i]), 0.0) + std::log1p(std::exp(-std::fabs(double(x[i]))));
    worst_sp = std::max(worst_sp, std::fabs(softplus_fast(x[i]) - sp) / std::max(1.0, sp));
  }
  std::printf("sigmoid max abs err %.3g, max rel err %.3g (|x| <= 87), abs err beyond %.3g; "
              "softplus max err %.3g\n", worst_abs, worst_sig, worst_tail, worst_sp);
  CHECK(worst_abs < 1e-7);
  CHECK(worst_sig < 1e-6);
  CHECK(worst_tail < 1e-37);
  CHECK(worst_sp < 1e-6);
  // Saturation without NaN at the extremes.
  float ext[4] = {-1e30f, 1e30f, -INFINITY, INFINITY};
  sigmoid_inplace(ext, 4);
  CHECK(ext[0] >= 0.0f);
  CHECK(ext[0] < 1e-30f);
  CHECK(ext[1] == 1.0f);
  CHECK(ext[2] >= 0.0f);
  CHECK(ext[3] == 1.0f);
  CHECK(std::isfinite(softplus_fast(1e30f)));
  CHECK(softplus_fast(-1e30f) >= 0.0f);
  CHECK(softplus_fast(-1e30f) < 1e-30f);
}

TEST_CASE("rbm kernels: uniforms have the right moments and Bernoulli draws the right rates") {
  Rng rng(3);
  const size_t n = 400000;
  std::vector<float> u(n);
  fill_uniform(u.data(), n, rng);
  double sum = 0, sq = 0, lo = 1, hi = 0;
  for (float x : u) {
    sum += x;
    sq += double(x) * x;
    lo = std::min(lo, double(x));
    hi = std::max(hi, double(x));
  }
  const double mean = sum / n, var = sq / n - mean * mean;
  CHECK(lo >= 0.0);
  CHECK(hi < 1.0);
  CHECK(mean == doctest::Approx(0.5).epsilon(0.005));
  CHECK(var == doctest::Approx(1.0 / 12).epsilon(0.01));
  std::vector<float> p(n), out(n);
  for (size_t i = 0; i < n; ++i) p[i] = (i % 5) * 0.25f;  // 0, .25, .5, .75, 1
  sample_bernoulli(p.data(), out.data(), n, rng);
  double cnt[5] = {};
  for (size_t i = 0; i < n; ++i) cnt[i % 5] += out[i];
  CHECK(cnt[0] == 0);          // p = 0 never fires
  CHECK(cnt[4] == n / 5.0);    // p = 1 always fires
  for (int c = 1; c < 4; ++c) CHECK(cnt[c] / (n / 5.0) == doctest::Approx(c * 0.25).epsilon(0.02));
  // Same rng state, same draws (determinism across calls).
  Rng a(9), b(9);
  std::vector<float> ua(37), ub(37);
  fill_uniform(ua.data(), 37, a);
  fill_uniform(ub.data(), 37, b);
  CHECK(ua == ub);
}

TEST_CASE("rbm: conditionals equal ratios of the enumerated joint distribution") {
  Rng rng(5);
  const Rbm r = random_rbm(4, 3, 1.0f, 0.5f, rng);
  double worst = 0;
  // P(h_j = 1 | v) = sum_{h: h_j = 1} exp(-E(v,h)) / sum_h exp(-E(v,h)).
  for (unsigned sv = 0; sv < 16; ++sv) {
    const auto v = bits(sv, 4);
    std::vector<float> ph(3);
    rbm_hidden_probs(r, v.data(), 1, ph.data());
    for (int j = 0; j < 3; ++j) {
      double num = 0, den = 0;
      for (unsigned sh = 0; sh < 8; ++sh) {
        const double p = std::exp(-energy(r, v, bits(sh, 3)));
        den += p;
        if (sh >> j & 1u) num += p;
      }
      worst = std::max(worst, std::fabs(ph[j] - num / den));
    }
  }
  for (unsigned sh = 0; sh < 8; ++sh) {
    const auto h = bits(sh, 3);
    std::vector<float> pv(4);
    rbm_visible_probs(r, h.data(), 1, pv.data());
    for (int i = 0; i < 4; ++i) {
      double num = 0, den = 0;
      for (unsigned sv = 0; sv < 16; ++sv) {
        const double p = std::exp(-energy(r, bits(sv, 4), h));
        den += p;
        if (sv >> i & 1u) num += p;
      }
      worst = std::max(worst, std::fabs(pv[i] - num / den));
    }
  }
  std::printf("conditionals vs enumeration: max diff %.3g\n", worst);
  CHECK(worst < 1e-6);
}

TEST_CASE("rbm: energy and free energy match the definitions (batch and one-row paths)") {
  Rng rng(6);
  const Rbm r = random_rbm(5, 4, 1.5f, 1.0f, rng);
  double worst_e = 0, worst_f = 0, worst_fb = 0;
  std::vector<float> all_v;
  for (unsigned sv = 0; sv < 32; ++sv) {
    const auto v = bits(sv, 5);
    all_v.insert(all_v.end(), v.begin(), v.end());
    std::vector<double> terms;
    for (unsigned sh = 0; sh < 16; ++sh) {
      const auto h = bits(sh, 4);
      worst_e = std::max(worst_e, std::fabs(rbm_energy(r, v.data(), h.data()) - energy(r, v, h)));
      terms.push_back(-energy(r, v, h));
    }
    // F(v) = -log sum_h exp(-E(v,h)).
    worst_f = std::max(worst_f, std::fabs(rbm_free_energy_one(r, v.data()) + log_sum_exp(terms)));
  }
  std::vector<double> f(32);
  std::vector<float> scratch;
  rbm_free_energy(r, all_v.data(), 32, f.data(), scratch);
  for (unsigned sv = 0; sv < 32; ++sv)
    worst_fb = std::max(worst_fb, std::fabs(f[sv] - rbm_free_energy_one(r, all_v.data() + sv * 5)));
  std::printf("energy max diff %.3g, free energy (double) %.3g, free energy (batch float) %.3g\n",
              worst_e, worst_f, worst_fb);
  CHECK(worst_e < 1e-5);
  CHECK(worst_f < 1e-9);
  CHECK(worst_fb < 1e-4);
}

TEST_CASE("rbm: free energy is stable for huge pre-activations") {
  Rbm r = rbm_make(2, 2);
  r.w = {500, -500, 500, -500};
  r.c = {300, -300};
  const float v[2] = {1, 1};
  std::vector<double> f(1);
  std::vector<float> scratch;
  rbm_free_energy(r, v, 1, f.data(), scratch);
  // softplus(1300) = 1300, softplus(-1300) = 0.
  CHECK(f[0] == doctest::Approx(-1300.0).epsilon(1e-6));
  CHECK(rbm_free_energy_one(r, v) == doctest::Approx(-1300.0).epsilon(1e-9));
}

TEST_CASE("rbm_init: Hinton's visible bias log(p/(1-p)) and small weights") {
  Rng rng(8);
  Rbm r = rbm_make(3, 200);
  const std::vector<float> data = {1, 0, 1, 0, 0, 1, 1, 0, 1, 1, 0, 1};  // p = .75, 0, 1
  rbm_init(r, rng, data);
  CHECK(r.b[0] == doctest::Approx(std::log(3.0)));
  CHECK(r.b[1] == doctest::Approx(std::log(kBiasPClamp / (1 - kBiasPClamp))));
  CHECK(r.b[2] == doctest::Approx(std::log((1 - kBiasPClamp) / kBiasPClamp)));
  double sq = 0;
  for (float w : r.w) sq += double(w) * w;
  CHECK(std::sqrt(sq / r.w.size()) == doctest::Approx(0.01).epsilon(0.1));
}

TEST_CASE("toy model of seed 003 reproduces the tutorial's scores") {
  const Rbm r = toy_people_model();
  auto score = [&](std::vector<float> v, std::vector<float> h) { return -rbm_energy(r, v.data(), h.data()); };
  CHECK(score({0, 1, 0}, {0, 1}) == 7);   // BE
  CHECK(score({1, 0, 1}, {1, 0}) == 8);   // ACD
  CHECK(score({0, 1, 0}, {1, 0}) == -1);  // BD
  CHECK(score({1, 0, 1}, {0, 1}) == -1);  // ACE
  CHECK(toy_people_rows().size() == 18);
}
