// test_rbm_metrics.cpp: exact log Z by hidden enumeration equals full joint enumeration; AIS
// (Salakhutdinov & Murray 2008) lands within 0.5 nats of it at nh = 12; PLL equals its
// scikit-learn definition computed directly; reconstruction error, free-energy gap, histograms.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <vector>

#include "datasets.hpp"
#include "rbm_metrics.hpp"
#include "rbm_test_util.hpp"
#include "rbm_train.hpp"

using namespace ebm;
using namespace ebm_test;

TEST_CASE("log_z_exact: hidden enumeration equals full joint enumeration") {
  double worst = 0;
  for (uint64_t seed = 1; seed <= 4; ++seed) {
    Rng rng(seed);
    const int nv = 3 + static_cast<int>(seed), nh = 2 + 3 * static_cast<int>(seed) % 9;
    const Rbm r = random_rbm(nv, nh, 1.0f, 1.0f, rng);
    worst = std::max(worst, std::fabs(log_z_exact(r) - log_z_joint(r)));
  }
  std::printf("log Z hidden-enumeration vs joint: max diff %.3g\n", worst);
  CHECK(worst < 1e-4);
}

TEST_CASE("log_z_exact: Gray-code drift stays small with 2^16 states and wide layers") {
  Rng rng(17);
  const Rbm r = random_rbm(3, 16, 1.0f, 0.5f, rng);
  // With nv = 3, enumerating the visible side in double is exact and cheap.
  std::vector<double> terms;
  for (unsigned sv = 0; sv < 8; ++sv) terms.push_back(-rbm_free_energy_one(r, bits(sv, 3).data()));
  const double ref = log_sum_exp(terms);
  std::printf("log Z nh=16: gray %.6f, visible enumeration %.6f\n", log_z_exact(r), ref);
  CHECK(log_z_exact(r) == doctest::Approx(ref).epsilon(1e-6));
}

TEST_CASE("exact log-likelihood: probabilities of all visible states sum to 1") {
  Rng rng(3);
  const Rbm r = random_rbm(6, 5, 1.0f, 0.5f, rng);
  const double lz = log_z_exact(r);
  std::vector<float> all;
  for (unsigned s = 0; s < 64; ++s) {
    const auto v = bits(s, 6);
    all.insert(all.end(), v.begin(), v.end());
  }
  MetricScratch sc;
  double total = 0;
  for (unsigned s = 0; s < 64; ++s) total += std::exp(mean_log_likelihood(r, all.data() + s * 6, 1, lz, sc));
  CHECK(total == doctest::Approx(1.0).epsilon(1e-4));
}

TEST_CASE("AIS: log Z within 0.5 nats of exact for nh = 12, with a spread that contains it") {
  // A model with structure: trained briefly on the 12 shapes downsampled to 4x4 (nv = 16).
  const Dataset d = shapes_16x16();
  std::vector<float> small;
  for (int n = 0; n < d.count; ++n)
    for (int y = 0; y < 4; ++y)
      for (int x = 0; x < 4; ++x) {
        int on = 0;
        for (int yy = 0; yy < 4; ++yy)
          for (int xx = 0; xx < 4; ++xx) on += d.pixels[n * 256 + (y * 4 + yy) * 16 + x * 4 + xx] > 0;
        small.push_back(on >= 6 ? 1.0f : 0.0f);
      }
  Rng rng(12);
  Rbm r = rbm_make(16, 12, 4, 4);
  rbm_init(r, rng, small);
  auto t = rbm_trainer_make(r, small, RbmTrainConfig{.batch_size = 12, .k = 1, .learning_rate = 0.1f,
                                                     .momentum = 0.5f});
  REQUIRE(t.ok());
  rbm_train_step(t.value(), rng, 400);
  const Rbm& m = t.value().rbm;
  const double exact = log_z_exact(m);
  const auto base = ais_base_bias(small.data(), d.count, 16);
  // Stepped in slices, as the page does.
  AisRun run = ais_start(m, base, AisConfig{.runs = 100, .betas = 1000}, rng);
  int slices = 0;
  while (!ais_done(run)) {
    ais_step(run, rng, 64);
    ++slices;
  }
  const AisEstimate e = ais_estimate(run);
  std::printf("AIS nh=12: exact %.4f, AIS %.4f [%.4f, %.4f], std(log w) %.3f, %d slices\n", exact,
              e.log_z, e.log_z_low, e.log_z_high, e.log_w_std, slices);
  CHECK(std::fabs(e.log_z - exact) < 0.5);
  CHECK(e.log_z_high > e.log_z);
  CHECK(slices == 16);
  // The base model alone (beta = 0 everywhere) is exact: Z_A = 2^nh prod(1 + e^bA).
  Rbm zero = rbm_make(16, 12);
  zero.b = base;
  const AisEstimate e0 = ais_log_z(zero, base, AisConfig{.runs = 10, .betas = 50}, rng);
  CHECK(e0.log_z == doctest::Approx(log_z_exact(zero)).epsilon(1e-6));
}

TEST_CASE("AIS schedule: S&M's three spacings, from 0 to 1, increasing") {
  const auto b = ais_betas(14500);
  REQUIRE(b.size() == 14501);
  CHECK(b.front() == 0.0);
  CHECK(b.back() == 1.0);
  CHECK(b[500] == doctest::Approx(0.5));
  CHECK(b[4500] == doctest::Approx(0.9));
  for (size_t i = 1; i < b.size(); ++i) REQUIRE(b[i] > b[i - 1]);
  const auto s = ais_betas(2);
  CHECK(s == std::vector<double>{0.0, 0.5, 1.0});
}

TEST_CASE("PLL: equals scikit-learn's definition computed directly from free energies") {
  Rng rng(31);
  const Rbm r = random_rbm(20, 7, 0.7f, 0.5f, rng);
  std::vector<float> v(50 * 20);
  for (float& x : v) x = rng.uniform() < 0.3f ? 1.0f : 0.0f;
  Rng a(5), b(5);
  MetricScratch sc;
  std::vector<double> got(50);
  pseudo_log_likelihood_rows(r, v.data(), 50, a, got.data(), sc);
  double worst = 0;
  for (int s = 0; s < 50; ++s) {
    // sklearn: v_[ind] = 1 - v_[ind]; nv * log_logistic(F(v_) - F(v)).
    const int i = static_cast<int>(b.below(20));
    std::vector<float> flipped(v.begin() + s * 20, v.begin() + s * 20 + 20);
    flipped[i] = 1.0f - flipped[i];
    const double d = rbm_free_energy_one(r, flipped.data()) - rbm_free_energy_one(r, v.data() + s * 20);
    const double want = 20 * -std::log1p(std::exp(-d));
    worst = std::max(worst, std::fabs(got[s] - want));
  }
  std::printf("PLL vs direct: max diff %.3g\n", worst);
  CHECK(worst < 1e-4);
  Rng c(5);
  double mean = 0;
  for (double x : got) mean += x / 50;
  CHECK(pseudo_log_likelihood(r, v.data(), 50, c, sc) == doctest::Approx(mean).epsilon(1e-12));
}

TEST_CASE("reconstruction error, free-energy gap and histograms") {
  Rng rng(41);
  const Rbm r = random_rbm(6, 4, 1.0f, 0.5f, rng);
  std::vector<float> v = {1, 0, 1, 0, 1, 0, 0, 0, 1, 1, 0, 1};
  MetricScratch sc;
  // Direct: mean over units of (v - P(v | P(h|v)))^2.
  double want = 0;
  for (int s = 0; s < 2; ++s) {
    std::vector<float> ph(4), pv(6);
    rbm_hidden_probs(r, v.data() + s * 6, 1, ph.data());
    rbm_visible_probs(r, ph.data(), 1, pv.data());
    for (int i = 0; i < 6; ++i) want += (v[s * 6 + i] - pv[i]) * (v[s * 6 + i] - pv[i]) / 12.0;
  }
  CHECK(reconstruction_error(r, v.data(), 2, sc) == doctest::Approx(want).epsilon(1e-6));
  const FreeEnergyGap g = free_energy_gap(r, v.data(), 1, v.data() + 6, 1, sc);
  CHECK(g.train == doctest::Approx(rbm_free_energy_one(r, v.data())).epsilon(1e-5));
  CHECK(g.gap == doctest::Approx(g.held_out - g.train));
  const std::vector<float> x = {-2, -1, 0, 0.5f, 1, 3, NAN};
  const Histogram h = histogram(x, 4, -1, 1);
  CHECK(h.counts == std::vector<int>{2, 0, 1, 3});  // -2 clamps into bin 0; 1 and 3 into bin 3
  const Histogram hs = histogram_symmetric(x, 2);
  CHECK(hs.hi == 3.0f);
  CHECK(hs.counts[0] + hs.counts[1] == 6);
}
