// test_hopfield_capacity.cpp: observables (hopfield_analysis.hpp): overlaps, classification
// of converged states, recall from noise, and the capacity experiment stepping by a budget,
// including the Hebbian capacity of about 0.14 N (Amit, Gutfreund & Sompolinsky 1985).
#include <doctest/doctest.h>

#include <cstdio>
#include <string>

#include "hopfield_analysis.hpp"
#include "patterns.hpp"

using namespace ebm;

TEST_CASE("overlaps and classification: stored, inverted, spurious") {
  Rng rng(1);
  const int n = 50;
  auto ps = random_pattern_set(3, n, rng);
  auto m = overlaps(ps, ps[1]);
  REQUIRE(m.size() == 3);
  CHECK(m[1] == 1.0f);
  CHECK(m[0] == overlap(ps[0], ps[1]));

  Classification c = classify_state(ps, ps[2]);
  CHECK(c.kind == RecallKind::Stored);
  CHECK(c.index == 2);
  CHECK(c.overlap == 1.0f);

  Pattern inv = ps[0];
  for (auto& v : inv) v = static_cast<int8_t>(-v);
  c = classify_state(ps, inv);
  CHECK(c.kind == RecallKind::Inverted);
  CHECK(c.index == 0);
  CHECK(c.overlap == -1.0f);

  // One unit off (m = 0.96): spurious when exactness is demanded, stored at threshold 0.95.
  Pattern near = corrupt_count(ps[1], 1, rng);
  CHECK(classify_state(ps, near).kind == RecallKind::Spurious);
  c = classify_state(ps, near, 0.95f);
  CHECK(c.kind == RecallKind::Stored);
  CHECK(c.index == 1);
  CHECK(c.overlap == doctest::Approx(1.0f - 2.0f / n));

  // The symmetric 3-mixture sign(x1 + x2 + x3) is the classic spurious state.
  Pattern mix(n);
  for (int i = 0; i < n; ++i) mix[i] = (ps[0][i] + ps[1][i] + ps[2][i]) > 0 ? 1 : -1;
  c = classify_state(ps, mix, 0.95f);
  CHECK(c.kind == RecallKind::Spurious);
  CHECK(std::string(recall_kind_name(c.kind)) == "spurious");
  CHECK(classify_state({}, mix).index == -1);
}

TEST_CASE("recall: exact noise, success threshold, and convergence are reported") {
  Rng rng(3);
  const int n = 200;
  auto ps = random_pattern_set(10, n, rng);  // alpha = 0.05: every pattern recalled
  HopfieldNet net = hopfield_make(n);
  train_hebbian(net, ps);
  for (const Pattern& p : ps) {
    const RecallResult r = recall_noisy(net, p, rng, {});
    CHECK(r.converged);
    CHECK(r.success);
    CHECK(r.overlap == 1.0f);
    CHECK(r.updates >= n);  // at least one full quiet sweep
  }
  CHECK(count_recalled(net, ps, rng, {.noise = 0.1f}) == 10);
  // A threshold above what the final state reaches is a failure even at a fixed point.
  Pattern start = corrupt_count(ps[0], 20, rng);
  HopfieldNet zero = hopfield_make(n);  // no memory: the start is already a fixed point
  const RecallResult r = recall_from(zero, ps[0], start, rng, {.threshold = 0.95f});
  CHECK(r.converged);
  CHECK(r.overlap == doctest::Approx(0.8f));
  CHECK_FALSE(r.success);
}

namespace {
// Runs the Hebbian capacity experiment at N = 200 (3 trials per load) with the given success
// threshold on the final overlap, checking the slicing bookkeeping; returns the 50% crossing.
float hebbian_half_load(float threshold) {
  CapacityExperiment exp;
  CapacityOptions o;
  o.rule = Rule::Hebbian;
  o.n = 200;
  o.trials = 3;
  o.alphas = {0.06f, 0.08f, 0.10f, 0.12f, 0.14f, 0.16f, 0.18f, 0.20f, 0.22f, 0.24f, 0.26f};
  o.recall.threshold = threshold;
  REQUIRE(capacity_begin(exp, o).ok());
  Rng rng(2024);
  float last = 0;
  while (!capacity_done(exp)) {
    const int64_t done = capacity_step(exp, rng, 25);
    CHECK(done >= 1);
    CHECK(capacity_fraction_done(exp) >= last);
    last = capacity_fraction_done(exp);
  }
  CHECK(exp.work_done == exp.work_total);
  for (auto& pt : exp.points) {
    CHECK(pt.trials_done == 3);
    CHECK(pt.probes == 3 * pt.patterns);
    std::printf("  threshold %.2f  alpha %.2f  P %2d  recall %.2f  mean m %.3f\n", threshold, pt.alpha,
                pt.patterns, pt.rate(), pt.mean_overlap());
  }
  CHECK(exp.points.front().rate() == 1.0f);
  CHECK(exp.points.back().rate() < 0.2f);
  auto half = capacity_crossing(exp, 0.5f);
  REQUIRE(half.has_value());
  std::printf("hebbian N=200, success at m >= %.2f: recall drops to 50%% at alpha = %.3f\n", threshold, *half);
  return *half;
}
}  // namespace

TEST_CASE("capacity: hebbian at N = 200 loses half its exact recalls between alpha 0.10 and 0.17") {
  // Recall = 10% of units flipped, async descent to a fixed point. Counted as a recall only when
  // the fixed point is the stored pattern exactly (m = 1), the 50% crossing at N = 200 is about
  // 0.138 (20 trials: 0.164 at N = 100, 0.138 at N = 200, 0.117 at N = 400). A lenient success
  // (m >= 0.95, the page's default, a few wrong units allowed) moves it up to about 0.17.
  const float exact = hebbian_half_load(1.0f);
  CHECK(exact > 0.10f);
  CHECK(exact < 0.17f);
  const float lenient = hebbian_half_load(0.95f);
  CHECK(lenient > exact);
  CHECK(lenient < 0.20f);
}

TEST_CASE("capacity: options are checked and user pattern sets give loads 1..P") {
  CapacityExperiment exp;
  CHECK_FALSE(capacity_begin(exp, {.n = 1}).ok());
  CHECK_FALSE(capacity_begin(exp, {.n = 100, .trials = 0}).ok());
  CHECK_FALSE(capacity_begin(exp, {.n = 100, .alphas = {0.1f, -0.2f}}).ok());
  CHECK_FALSE(capacity_begin(exp, {.n = 100, .recall = {.noise = 0.9f}}).ok());
  CapacityOptions bad_opt{.rule = Rule::Optimized, .n = 50};
  bad_opt.train.optimized.lr = 0.0f;
  CHECK_FALSE(capacity_begin(exp, bad_opt).ok());

  Rng rng(5);
  CapacityOptions o{.rule = Rule::PseudoInverse, .trials = 2};
  o.patterns = correlated_pattern_set(6, 80, 0.2f, rng);
  REQUIRE(capacity_begin(exp, o).ok());
  CHECK(exp.n == 80);
  REQUIRE(exp.points.size() == 6);
  CHECK(exp.points[5].patterns == 6);
  CHECK(exp.points[5].alpha == doctest::Approx(6.0f / 80));
  CHECK(capacity_fraction_done(exp) == 0.0f);
  while (!capacity_done(exp)) capacity_step(exp, rng, 3);
  for (auto& pt : exp.points) CHECK(pt.rate() == 1.0f);  // projection rule, alpha < 0.1
  CHECK_FALSE(capacity_crossing(exp).has_value());        // never drops below 50%
  CHECK(capacity_fraction_done(exp) == 1.0f);

  // Default grid: 0.02 steps up to max_alpha, duplicates merged.
  REQUIRE(capacity_begin(exp, {.n = 100, .max_alpha = 0.1f}).ok());
  CHECK(exp.points.size() == 5);
  CHECK(exp.points[4].patterns == 10);
}
