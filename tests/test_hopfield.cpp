// test_hopfield.cpp: properties of Hebbian storage and asynchronous descent (Hopfield 1982).
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>

#include "hopfield.hpp"
#include "patterns.hpp"

using namespace ebm;

namespace {
std::vector<Pattern> random_patterns(int count, int n, Rng& rng) {
  std::vector<Pattern> ps;
  for (int i = 0; i < count; ++i) ps.push_back(random_pattern(n, rng));
  return ps;
}
}  // namespace

TEST_CASE("hebbian: weights are symmetric with a zero diagonal and 1/n scale") {
  Rng rng(1);
  const int n = 40;
  auto ps = random_patterns(5, n, rng);
  HopfieldNet net = hopfield_make(n);
  train_hebbian(net, ps);
  for (int i = 0; i < n; ++i) {
    CHECK(net.w[i * n + i] == 0.0f);
    for (int j = 0; j < n; ++j) {
      REQUIRE(net.w[i * n + j] == net.w[j * n + i]);
      float expect = 0;
      if (i != j)
        for (auto& p : ps) expect += float(p[i] * p[j]) / n;
      REQUIRE(net.w[i * n + j] == doctest::Approx(expect));
    }
  }
}

TEST_CASE("async: energy never rises at zero temperature (many states and seeds)") {
  int checked = 0;
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    Rng rng(seed);
    const int n = 30 + static_cast<int>(seed) * 3;
    HopfieldNet net = hopfield_make(n);
    // A non-trivial landscape: Hebbian patterns plus random symmetric noise and biases.
    train_hebbian(net, random_patterns(4, n, rng));
    for (int i = 0; i < n; ++i) {
      net.b[i] = 0.1f * rng.normal();
      for (int j = 0; j < i; ++j) {
        const float e = 0.05f * rng.normal();
        net.w[i * n + j] += e;
        net.w[j * n + i] += e;
      }
    }
    HopfieldRun run;
    run_reset(net, run, random_pattern(n, rng));
    double prev = run.energy;
    while (!run_converged(net, run)) {
      run_async(net, run, rng, 1);
      REQUIRE(run.energy <= prev + 1e-9);
      prev = run.energy;
      ++checked;
    }
    for (int8_t v : run.s) REQUIRE((v == 1 || v == -1));
  }
  CHECK(checked > 1000);
}

TEST_CASE("async: incremental energy equals full recomputation after every flip") {
  Rng rng(5);
  const int n = 64;
  HopfieldNet net = hopfield_make(n);
  train_hebbian(net, random_patterns(6, n, rng));
  HopfieldRun run;
  run_reset(net, run, random_pattern(n, rng));
  double max_diff = 0;
  for (int t = 0; t < 500; ++t) {
    run_flip(net, run, static_cast<int>(rng.below(n)));
    const double full = hopfield_energy(net, run.s);
    max_diff = std::max(max_diff, std::abs(full - run.energy));
    for (int i = 0; i < n; ++i)
      REQUIRE(run.field[i] == doctest::Approx(hopfield_field(net, run.s, i)).epsilon(1e-4));
  }
  std::printf("incremental vs full energy: max |diff| = %.3g over 500 flips\n", max_diff);
  CHECK(max_diff < 1e-3);
}

TEST_CASE("hebbian: stored patterns are fixed points at low load") {
  Rng rng(11);
  const int n = 200;
  auto ps = random_patterns(8, n, rng);  // alpha = 0.04, far below 0.138
  HopfieldNet net = hopfield_make(n);
  train_hebbian(net, ps);
  for (auto& p : ps) {
    for (int i = 0; i < n; ++i) REQUIRE(p[i] * hopfield_field(net, p, i) > 0.0f);
    HopfieldRun run;
    run_reset(net, run, p);
    run_async(net, run, rng, 10 * n);
    CHECK(run.flips == 0);
    CHECK(run_converged(net, run));
  }
}

TEST_CASE("hebbian: the 5x5 letters are recalled from one flipped pixel") {
  auto ls = letters_5x5();
  HopfieldNet net = hopfield_make(25);
  train_hebbian(net, ls);
  Rng rng(2);
  for (auto& p : ls) {
    Pattern x = p;
    x[12] = static_cast<int8_t>(-x[12]);
    HopfieldRun run;
    run_reset(net, run, x);
    run_async(net, run, rng, 1000);
    CHECK(run_converged(net, run));
    CHECK(overlap(run.s, p) == 1.0f);
  }
}

TEST_CASE("async: the same seed reproduces the same run, another seed differs") {
  auto go = [](uint64_t seed) {
    Rng rng(seed);
    const int n = 100;
    HopfieldNet net = hopfield_make(n);
    train_hebbian(net, random_patterns(10, n, rng));
    HopfieldRun run;
    run_reset(net, run, random_pattern(n, rng));
    std::vector<int> visits;
    while (!run_converged(net, run)) {
      run_async(net, run, rng, 1);
      visits.push_back(run.last_unit);
    }
    return std::make_pair(visits, run.s);
  };
  auto a = go(17), b = go(17), c = go(18);
  CHECK(a == b);
  CHECK(a.first != c.first);
}

TEST_CASE("patterns: 10x10 letters are 100 units and distinct") {
  auto ls = letters_10x10(6);
  REQUIRE(ls.size() == 6);
  for (auto& p : ls) CHECK(p.size() == 100);
  for (size_t i = 0; i < ls.size(); ++i)
    for (size_t j = i + 1; j < ls.size(); ++j) CHECK(ls[i] != ls[j]);
}
