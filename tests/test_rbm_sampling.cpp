// test_rbm_sampling.cpp: block Gibbs chains sample the model's distribution (checked against
// enumeration), clamped units stay clamped, and recorded traces hold v0, h0, v1, h1, ...
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "rbm_sampling.hpp"
#include "rbm_test_util.hpp"

using namespace ebm;
using namespace ebm_test;

TEST_CASE("fantasy chains: visit visible states with the model's probabilities") {
  Rng rng(51);
  const Rbm r = random_rbm(4, 3, 1.0f, 0.5f, rng);
  const auto p = p_visible(r);
  FantasyChains fc = fantasy_make(r, 2000);
  fantasy_from_noise(fc, r, rng);
  fantasy_step(fc, r, rng, 20);  // burn-in
  std::vector<double> freq(16, 0.0);
  const int rounds = 25;
  for (int t = 0; t < rounds; ++t) {
    fantasy_step(fc, r, rng, 2);
    for (int c = 0; c < fc.n; ++c) {
      unsigned s = 0;
      for (int i = 0; i < 4; ++i) s |= (fc.v[c * 4 + i] > 0.5f ? 1u : 0u) << i;
      freq[s] += 1.0 / (rounds * fc.n);
    }
  }
  double tv = 0;  // total variation distance
  for (int s = 0; s < 16; ++s) tv += 0.5 * std::fabs(freq[s] - p[s]);
  std::printf("Gibbs chains vs exact P(v): total variation %.4f\n", tv);
  CHECK(tv < 0.02);
  CHECK(fc.sweeps == 20 + 2 * rounds);
}

TEST_CASE("inpainting: clamped units keep their values, free units move") {
  Rng rng(52);
  const Rbm r = random_rbm(10, 6, 1.0f, 0.0f, rng);
  FantasyChains fc = fantasy_make(r, 3);
  std::vector<float> data(30, 0.0f);
  fantasy_from_data(fc, r, data.data(), 3);
  std::vector<uint8_t> mask(30, 0);
  std::vector<float> values(30, 0.0f);
  for (int c = 0; c < 3; ++c)
    for (int i = 0; i < 5; ++i) {
      mask[c * 10 + i] = 1;
      values[c * 10 + i] = (i + c) % 2 ? 1.0f : 0.0f;
    }
  const Clamp clamp{mask, values};
  int free_changes = 0;
  for (int t = 0; t < 50; ++t) {
    const auto before = fc.v;
    fantasy_step(fc, r, rng, 1, &clamp);
    for (int i = 0; i < 30; ++i) {
      if (mask[i]) {
        REQUIRE(fc.v[i] == values[i]);
        REQUIRE(fc.pv[i] == values[i]);
      } else if (fc.v[i] != before[i]) {
        ++free_changes;
      }
    }
  }
  CHECK(free_changes > 50);
  // A mask painted between sweeps holds at once, without a sweep; free units are untouched.
  mask[9] = 1;
  values[9] = 1.0f;
  fc.v[9] = fc.pv[9] = 0.0f;
  const auto free_before = fc.v[8];
  fantasy_apply_clamp(fc, clamp);
  CHECK(fc.v[9] == 1.0f);
  CHECK(fc.pv[9] == 1.0f);
  CHECK(fc.v[8] == free_before);
  CHECK(fc.sweeps == 50);
}

TEST_CASE("gibbs trace: records v0 as given and fills k steps, then stops") {
  Rng rng(53);
  const Rbm r = random_rbm(8, 5, 1.0f, 0.0f, rng);
  const std::vector<float> v0 = {1, 0, 1, 1, 0, 0, 1, 0};
  GibbsTrace tr = gibbs_trace(r, v0.data(), 6, rng);
  CHECK(tr.steps == 6);
  CHECK(std::vector<float>(tr.v.begin(), tr.v.begin() + 8) == v0);
  std::vector<float> ph0(5);
  rbm_hidden_probs(r, v0.data(), 1, ph0.data());
  CHECK(max_abs_diff(ph0.data(), tr.ph.data(), 5) == 0.0);
  for (float x : tr.v) CHECK((x == 0.0f || x == 1.0f));
  for (float x : tr.h) CHECK((x == 0.0f || x == 1.0f));
  // P(v_1 | h_0) is what row 1 of pv holds.
  std::vector<float> pv1(8);
  rbm_visible_probs(r, tr.h.data(), 1, pv1.data());
  CHECK(max_abs_diff(pv1.data(), tr.pv.data() + 8, 8) == 0.0);
  CHECK(!gibbs_trace_step(tr, r, rng));
  CHECK(tr.steps == 6);
}

TEST_CASE("gibbs trace: keeping the last rows lets a long chain run on in a small buffer, unchanged") {
  Rng init(57);
  const Rbm r = random_rbm(8, 5, 1.0f, 0.0f, init);
  const std::vector<float> v0 = {1, 0, 1, 1, 0, 0, 1, 0};
  Rng a(3), b(3);
  GibbsTrace big, small;
  gibbs_trace_start(big, r, v0.data(), 300, a);
  gibbs_trace_start(small, r, v0.data(), 20, b);
  while (gibbs_trace_step(big, r, a)) {
  }
  for (int i = 0; i < 300; ++i)
    if (!gibbs_trace_step(small, r, b)) {
      gibbs_trace_keep_last(small, r, 4);
      CHECK(small.steps == 3);
      REQUIRE(gibbs_trace_step(small, r, b));
    }
  CHECK(small.v.size() == 21u * 8u);  // the buffer never grew
  CHECK(small.first + small.steps == 300);
  CHECK(small.first > 0);
  // Every kept row is the same state as in the uncapped chain (the same draws, in order).
  for (int t = 0; t <= small.steps; ++t) {
    const size_t row = static_cast<size_t>(small.first + t);
    CHECK(std::equal(small.v.begin() + t * 8, small.v.begin() + (t + 1) * 8, big.v.begin() + row * 8));
    CHECK(std::equal(small.pv.begin() + t * 8, small.pv.begin() + (t + 1) * 8, big.pv.begin() + row * 8));
    CHECK(std::equal(small.h.begin() + t * 5, small.h.begin() + (t + 1) * 5, big.h.begin() + row * 5));
    CHECK(std::equal(small.ph.begin() + t * 5, small.ph.begin() + (t + 1) * 5, big.ph.begin() + row * 5));
  }
  GibbsTrace few = gibbs_trace(r, v0.data(), 2, a);
  gibbs_trace_keep_last(few, r, 4);  // fewer rows than asked: unchanged
  CHECK(few.steps == 2);
  CHECK(few.first == 0);
}
