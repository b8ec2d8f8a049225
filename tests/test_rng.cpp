// test_rng.cpp: the generator is pinned (same bits on every platform) and its derived
// draws have the right ranges and moments.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "rng.hpp"

using ebm::Rng;

TEST_CASE("rng: raw output is pinned for seed 42 (same on native and wasm)") {
  // Values from an independent Python transcription of SplitMix64 + xoshiro256+; a change
  // here changes every seeded run of the project.
  Rng r(42);
  CHECK(r.next() == 0x15f414253e365229ull);
  CHECK(r.next() == 0x4f771f08f4211387ull);
  CHECK(r.next() == 0x100492bd8828891eull);
  Rng q(42);
  CHECK(q.uniform() == static_cast<float>(0x15f414) / 16777216.0f);  // top 24 bits
  Rng d(43);
  CHECK(d.next() != 0x15f414253e365229ull);
}

TEST_CASE("rng: uniform in [0,1) with mean 1/2 and variance 1/12") {
  Rng r(7);
  const int n = 200000;
  double sum = 0, sq = 0, lo = 1, hi = 0;
  for (int i = 0; i < n; ++i) {
    const double u = r.uniform();
    sum += u; sq += u * u; lo = std::min(lo, u); hi = std::max(hi, u);
  }
  const double mean = sum / n, var = sq / n - mean * mean;
  CHECK(lo >= 0.0);
  CHECK(hi < 1.0);
  CHECK(mean == doctest::Approx(0.5).epsilon(0.01));
  CHECK(var == doctest::Approx(1.0 / 12).epsilon(0.02));
}

TEST_CASE("rng: normal has mean 0 and variance 1") {
  Rng r(9);
  const int n = 200000;
  double sum = 0, sq = 0;
  for (int i = 0; i < n; ++i) { const double z = r.normal(); sum += z; sq += z * z; }
  CHECK(std::abs(sum / n) < 0.01);
  CHECK(sq / n == doctest::Approx(1.0).epsilon(0.02));
}

TEST_CASE("rng: below(n) is uniform over [0,n) and shuffle is a permutation") {
  Rng r(3);
  std::vector<int> counts(7, 0);
  for (int i = 0; i < 70000; ++i) {
    const uint32_t k = r.below(7);
    REQUIRE(k < 7u);
    ++counts[k];
  }
  for (int c : counts) CHECK(std::abs(c - 10000) < 400);
  std::vector<int> idx(50);
  std::iota(idx.begin(), idx.end(), 0);
  r.shuffle(idx.data(), idx.size());
  std::vector<int> sorted = idx;
  std::sort(sorted.begin(), sorted.end());
  for (int i = 0; i < 50; ++i) CHECK(sorted[i] == i);
  CHECK(idx != sorted);
}
