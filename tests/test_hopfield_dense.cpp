// test_hopfield_dense.cpp: dense associative memories and the modern Hopfield update
// (hopfield_dense.hpp): degree 2 is the classical Hebbian network update by update, the energy
// never rises for any F, degree 3 stores far beyond the classical capacity (Krotov & Hopfield
// 2016), no NaN or infinity at extreme degrees and sizes, and the modern update retrieves in one
// step (Ramsauer et al. 2020). Also the dense capacity experiment.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <vector>

#include "hopfield.hpp"
#include "hopfield_analysis.hpp"
#include "hopfield_dense.hpp"
#include "patterns.hpp"

using namespace ebm;

namespace {
DenseMemory make_dense(const std::vector<Pattern>& ps, DenseOptions o) {
  auto m = dense_make(ps, o);
  REQUIRE_MESSAGE(m.ok(), m.error());
  return std::move(m.value());
}

// Brute-force energy difference of flipping unit i, from the definition E = -sum F(xi . s).
double brute_delta(const DenseMemory& mem, const Pattern& s, int i) {
  Pattern t = s;
  t[i] = static_cast<int8_t>(-t[i]);
  return dense_energy(mem, t) - dense_energy(mem, s);
}
}  // namespace

TEST_CASE("dense: degree 2 runs exactly the classical Hebbian dynamics, update by update") {
  // N = 128: the Hebbian weights k/128 are exact floats, so both networks see the same exact
  // fields, ties included. N = 100 with P odd: fields are never 0, far from rounding.
  for (auto [n, p] : {std::pair{128, 20}, std::pair{128, 9}, std::pair{100, 13}}) {
    Rng prng(40 + n + p);
    const auto ps = random_pattern_set(p, n, prng);
    HopfieldNet net = hopfield_make(n);
    train_hebbian(net, ps);
    const DenseMemory mem = make_dense(ps, {.kind = DenseKind::Polynomial, .degree = 2});
    CHECK(mem.exact);
    for (int trial = 0; trial < 5; ++trial) {
      const Pattern start = trial < 3 ? corrupt_count(ps[trial], n / 4, prng) : random_pattern(n, prng);
      HopfieldRun a;
      DenseRun b;
      run_reset(net, a, start);
      dense_run_reset(mem, b, start);
      Rng ra(7 + trial), rb(7 + trial);
      int mismatches = 0;
      double max_energy_diff = 0;
      for (int u = 0; u < 20 * n; ++u) {
        const int64_t da = run_async(net, a, ra, 1);
        const int64_t db = dense_step(mem, b, rb, 1);
        if (da != db || a.s != b.s || a.last_unit != b.last_unit) ++mismatches;
        // E_dense = E_hebbian - P/2 (the diagonal terms the Hebbian rule leaves out).
        max_energy_diff = std::max(max_energy_diff, std::fabs(b.energy - (a.energy - p / 2.0)));
        if (da == 0) break;
      }
      CHECK(mismatches == 0);
      CHECK(a.updates == b.updates);
      CHECK(a.flips == b.flips);
      CHECK(run_converged(net, a) == dense_run_converged(mem, b));
      std::printf("dense n=2 vs Hebbian (N=%d, P=%d, trial %d): %lld updates, %lld flips, max |dE| %.2e\n",
                  n, p, trial, static_cast<long long>(a.updates), static_cast<long long>(a.flips),
                  max_energy_diff);
      CHECK(max_energy_diff < 1e-3);
    }
  }
}

TEST_CASE("dense: the update picks the lower energy and the energy never rises, for every F") {
  const int n = 60;
  Rng rng(5);
  const auto ps = random_pattern_set(40, n, rng);
  const DenseOptions fs[] = {{.degree = 2}, {.degree = 3}, {.degree = 4}, {.degree = 7}, {.degree = 30},
                             {.kind = DenseKind::Exponential, .beta = 1.0f},
                             {.kind = DenseKind::Exponential, .beta = 0.05f}};
  for (const DenseOptions& o : fs) {
    const DenseMemory mem = make_dense(ps, o);
    DenseRun run;
    int rises = 0, wrong_choice = 0, checked = 0;
    double max_delta_err = 0;
    for (int start = 0; start < 6; ++start) {
      dense_run_reset(mem, run, start < 3 ? corrupt_count(ps[start], 20, rng) : random_pattern(n, rng));
      while (!dense_run_converged(mem, run)) {
        const double before = run.energy;
        // Before each update, check the decision against the brute-force energy difference.
        if (checked < 400) {
          const int i = static_cast<int>(rng.below(n));
          const double d = brute_delta(mem, run.s, i);
          const double scale = std::fabs(before) + 1e-300;
          max_delta_err = std::max(max_delta_err, std::fabs(dense_flip_delta(mem, run, i) - d) / scale);
          // A flip is wanted exactly when it lowers the energy (beyond rounding of E).
          if (std::fabs(d) > 1e-9 * scale && dense_wants_flip(mem, run, i) != (d < 0)) ++wrong_choice;
          ++checked;
        }
        dense_step(mem, run, rng, 1);
        if (run.energy > before + 1e-12 * (std::fabs(before) + 1e-300)) ++rises;
        CHECK(std::isfinite(run.energy));
      }
      CHECK(run.energy == doctest::Approx(dense_energy(mem, run.s)).epsilon(1e-12));
    }
    std::printf("dense %s: %d checked decisions, max relative delta error %.2e\n", dense_name(o).c_str(),
                checked, max_delta_err);
    CHECK(rises == 0);
    CHECK(wrong_choice == 0);
    CHECK(max_delta_err < 1e-9);
  }
}

TEST_CASE("dense: degree 3 stores P = 150 patterns at N = 100, where Hebbian recalls none") {
  const int n = 100, p = 150;
  Rng rng(12);
  const auto ps = random_pattern_set(p, n, rng);
  const DenseMemory mem = make_dense(ps, {.kind = DenseKind::Polynomial, .degree = 3});
  HopfieldNet net = hopfield_make(n);
  train_hebbian(net, ps);
  DenseRun run;
  int dense_ok = 0, hebb_ok = 0;
  for (int k = 0; k < p; ++k) {
    const DenseRecall d = dense_recall_noisy(mem, k, rng, 0.10f, 1.0f, 100, run);
    dense_ok += d.success;  // threshold 1: exact recall
    hebb_ok += recall_noisy(net, ps[k], rng, {.noise = 0.10f, .threshold = 1.0f}).success;
  }
  std::printf("P = 150, N = 100, 10%% flipped: degree 3 recalls %d exactly, Hebbian %d\n", dense_ok, hebb_ok);
  CHECK(dense_ok >= 135);  // 90%
  CHECK(hebb_ok == 0);
}

TEST_CASE("dense: no NaN or infinity at degree 30 and for exp at N = 784") {
  const int n = 784;
  Rng rng(30);
  const auto ps = random_pattern_set(40, n, rng);
  for (const DenseOptions& o : {DenseOptions{.degree = 30}, DenseOptions{.degree = kDenseMaxDegree},
                                DenseOptions{.kind = DenseKind::Exponential, .beta = 1.0f},
                                DenseOptions{.kind = DenseKind::Exponential, .beta = 100.0f}}) {
    const DenseMemory mem = make_dense(ps, o);
    for (double g : mem.gain) CHECK(std::isfinite(g));
    for (double f : mem.f) CHECK(std::isfinite(f));
    DenseRun run;
    // From a pattern (huge overlap), from its inverse and from noise (overlaps near 0).
    Pattern inv = ps[3];
    for (auto& v : inv) v = static_cast<int8_t>(-v);
    for (const Pattern& start : {corrupt_count(ps[3], 250, rng), inv, random_pattern(n, rng)}) {
      dense_run_reset(mem, run, start);
      dense_step(mem, run, rng, 20 * n);
      CHECK(std::isfinite(run.energy));
      CHECK(std::isfinite(dense_energy(mem, run.s)));
      CHECK(std::isfinite(dense_flip_delta(mem, run, 0)));
      CHECK(dense_run_converged(mem, run));
    }
    // 250 of 784 flipped (m = 0.36) still returns to the memory under every F here.
    dense_run_reset(mem, run, corrupt_count(ps[5], 250, rng));
    dense_step(mem, run, rng, 20 * n);
    CHECK(run.m[5] == n);
  }
}

TEST_CASE("dense: options and sizes are checked with a message") {
  Rng rng(1);
  const auto ps = random_pattern_set(3, 10, rng);
  CHECK_FALSE(dense_make(ps, {.degree = 1}).ok());
  CHECK_FALSE(dense_make(ps, {.degree = kDenseMaxDegree + 1}).ok());
  CHECK_FALSE(dense_make(ps, {.kind = DenseKind::Exponential, .beta = 0.0f}).ok());
  CHECK_FALSE(dense_make(ps, {.kind = DenseKind::Exponential, .beta = NAN}).ok());
  CHECK_FALSE(dense_make({}, {}).ok());
  std::vector<Pattern> bad = ps;
  bad[1].pop_back();
  CHECK(dense_make(bad, {}).error().find("same size") != std::string::npos);
  bad = ps;
  bad[2][0] = 0;
  CHECK(dense_make(bad, {}).error().find("-1 or +1") != std::string::npos);
  CHECK(dense_name({.degree = 4}) == "dense-4");
  CHECK(dense_name({.kind = DenseKind::Exponential}) == "exp");
}

TEST_CASE("modern Hopfield: one step retrieves a stored pattern at large beta") {
  const int n = 64, p = 10;
  Rng rng(77);
  const auto ps = random_pattern_set(p, n, rng);  // random: pairwise overlaps ~ 1/sqrt(64)
  const ModernHopfield mem = modern_make(ps);
  CHECK(mem.max_norm == doctest::Approx(8.0f));
  std::vector<float> xi(n), out(n), w(p);
  const Pattern start = corrupt_count(ps[4], 12, rng);  // m = 0.625
  for (int i = 0; i < n; ++i) xi[i] = start[i];
  // Large beta: separation (64 - 2*12) - max other overlap >= ~16 units, times beta = 1.
  modern_update(mem, 1.0f, xi, out, w);
  double max_err = 0, wsum = 0;
  for (int i = 0; i < n; ++i) max_err = std::max(max_err, std::fabs(double(out[i]) - ps[4][i]));
  for (float v : w) wsum += v;
  std::printf("modern update, beta = 1: max |xi_new - x_4| = %.2e, weight on x_4 = %.6f\n", max_err, w[4]);
  CHECK(max_err < 1e-4);
  CHECK(w[4] > 0.9999f);
  CHECK(wsum == doctest::Approx(1.0));
  // Small beta averages all memories: the weights are nearly uniform.
  modern_update(mem, 1e-4f, xi, out, w);
  for (float v : w) CHECK(v == doctest::Approx(1.0 / p).epsilon(0.05));
  // beta = 0 is exactly the mean.
  modern_update(mem, 0.0f, xi, out, w);
  for (float v : w) CHECK(v == doctest::Approx(1.0 / p));
  // The energy falls under iteration and the run converges; huge beta stays finite.
  ModernRun run;
  modern_reset(mem, run, 0.05f, xi);
  const double e0 = run.energy;
  CHECK(e0 >= 0.0);
  double prev = e0;
  for (int s = 0; s < 20; ++s) {
    modern_step(mem, run, 0.05f, 1);
    CHECK(run.energy <= prev + 1e-9);
    prev = run.energy;
  }
  CHECK(run.energy < e0);
  modern_set_beta(mem, run, 1e6f);
  modern_step(mem, run, 1e6f, 5);
  CHECK(run.converged);
  for (float v : run.xi) CHECK(std::isfinite(v));
  CHECK(std::isfinite(run.energy));
  // Aliased in-place update is allowed.
  std::vector<float> alias = xi;
  modern_update(mem, 1.0f, alias, alias, w);
  for (int i = 0; i < n; ++i) CHECK(alias[i] == doctest::Approx(ps[4][i]).epsilon(1e-4));
}

TEST_CASE("capacity: a dense experiment measures the new rules on the same axes") {
  CapacityExperiment exp;
  CapacityOptions o{.n = 60, .alphas = {0.5f, 2.0f, 8.0f}, .trials = 2, .probes = 20,
                    .recall = {.noise = 0.1f, .threshold = 0.95f}};
  o.dense = DenseOptions{.degree = 3};
  REQUIRE(capacity_begin(exp, o).ok());
  CHECK(exp.points.size() == 3);
  CHECK(exp.points[2].patterns == 480);
  Rng rng(9);
  int64_t calls = 0;
  while (!capacity_done(exp)) {
    capacity_step(exp, rng, 50);
    ++calls;
  }
  CHECK(calls > 3);  // the budget slices the work
  CHECK(exp.work_done == exp.work_total);
  for (const CapacityPoint& pt : exp.points) CHECK(pt.probes == 2 * 20);
  std::printf("dense-3 N = 60: rates %.2f %.2f %.2f\n", exp.points[0].rate(), exp.points[1].rate(),
              exp.points[2].rate());
  CHECK(exp.points[0].rate() == 1.0f);
  CHECK(exp.points[2].rate() < 0.5f);
  CHECK(capacity_crossing(exp).has_value());
  // Limits: dense loads go beyond 2, classical ones do not.
  CapacityOptions big{.n = 50, .alphas = {5.0f}};
  CHECK_FALSE(capacity_begin(exp, big).ok());
  big.dense = DenseOptions{.kind = DenseKind::Exponential};
  CHECK(capacity_begin(exp, big).ok());
  big.dense = DenseOptions{.degree = 99};
  CHECK(capacity_begin(exp, big).message.find("degree") != std::string::npos);
  // The default dense grid is geometric, 4 points per doubling.
  const auto g = dense_alpha_grid(0.8f);
  REQUIRE(g.size() == 17);
  CHECK(g[4] == doctest::Approx(0.1f));
  CHECK(g.back() == doctest::Approx(0.8f));
}

TEST_CASE("capacity: dense degree 2 repeats the Hebbian experiment probe for probe (N = 64)") {
  // N = 64: the Hebbian weights k/64 are exact floats, so both see the same exact fields (ties
  // included) and the same rng draws; every load gives the same successes.
  CapacityOptions o{.rule = Rule::Hebbian, .n = 64, .max_alpha = 0.3f, .trials = 3};
  CapacityExperiment hebb, dense;
  REQUIRE(capacity_begin(hebb, o).ok());
  o.dense = DenseOptions{.degree = 2};
  REQUIRE(capacity_begin(dense, o).ok());
  REQUIRE(hebb.points.size() == dense.points.size());
  Rng ra(31), rb(31);
  while (!capacity_done(hebb)) capacity_step(hebb, ra, 1000);
  while (!capacity_done(dense)) capacity_step(dense, rb, 1000);
  int differ = 0;
  for (size_t k = 0; k < hebb.points.size(); ++k) {
    CHECK(hebb.points[k].alpha == dense.points[k].alpha);
    differ += hebb.points[k].successes != dense.points[k].successes;
  }
  CHECK(differ == 0);
  CHECK(hebb.points.back().rate() < 0.5f);  // the range reaches past the Hebbian capacity
}
