// test_hopfield_rules.cpp: Storkey, pseudo-inverse and optimized learning rules
// (hopfield_rules.hpp): weights against the defining formulas, recall against Hebbian, and
// the optimized trainer's stepping and effect on a correlated glyph set.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "fonts.hpp"
#include "glyphs.hpp"
#include "hopfield_analysis.hpp"
#include "hopfield_dynamics.hpp"
#include "hopfield_rules.hpp"
#include "patterns.hpp"

using namespace ebm;

namespace {
// Dense (n, n) matrix in double for reference computations.
using Dense = std::vector<double>;

// Storkey (1997) straight from the definition, with the triple sum spelled out.
Dense storkey_reference(const std::vector<Pattern>& ps, int n) {
  Dense w(static_cast<size_t>(n) * n, 0.0);
  for (const Pattern& x : ps) {
    Dense next = w;
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j) {
        if (i == j) continue;
        double hij = 0, hji = 0;
        for (int k = 0; k < n; ++k) {
          if (k != i && k != j) hij += w[i * n + k] * x[k];
          if (k != j && k != i) hji += w[j * n + k] * x[k];
        }
        next[i * n + j] += (x[i] * x[j] - x[i] * hji - hij * x[j]) / n;
      }
    w = next;
  }
  return w;
}

// Fixed points of net among ps (a stored pattern is stable when h_i x_i > 0 or h_i == 0).
int count_fixed(const HopfieldNet& net, const std::vector<Pattern>& ps) {
  int fixed = 0;
  for (const Pattern& p : ps) {
    Pattern out(p.size());
    fixed += sync_update(net, p, out) == 0;
  }
  return fixed;
}

std::vector<Pattern> glyph_targets() {
  auto set = glyph_image_set({kRobotoRegularTtf, kRobotoRegularTtf_size},
                             {kDejaVuSansBoldTtf, kDejaVuSansBoldTtf_size}, 32);
  REQUIRE(set.ok());
  std::vector<Pattern> ps;
  for (auto& g : set.value()) ps.push_back(g.pattern);
  return ps;
}
}  // namespace

TEST_CASE("rules: names round-trip and unknown names are user errors") {
  for (int r = 0; r < kRuleCount; ++r) {
    auto back = rule_from_name(rule_name(static_cast<Rule>(r)));
    REQUIRE(back.ok());
    CHECK(back.value() == static_cast<Rule>(r));
  }
  CHECK(rule_from_name("pinv").value() == Rule::PseudoInverse);
  auto bad = rule_from_name("oja");
  CHECK_FALSE(bad.ok());
  CHECK(bad.error().find("storkey") != std::string::npos);
}

TEST_CASE("storkey: weights equal the rule's definition, symmetric with zero diagonal") {
  Rng rng(3);
  const int n = 15;  // not a power of two, so the 1/n steps are not exact in float
  auto ps = random_pattern_set(6, n, rng);
  HopfieldNet net = hopfield_make(n);
  train_storkey(net, ps);
  const Dense ref = storkey_reference(ps, n);
  double max_diff = 0;
  for (int i = 0; i < n; ++i) {
    CHECK(net.w[i * n + i] == 0.0f);
    for (int j = 0; j < n; ++j) {
      REQUIRE(net.w[i * n + j] == net.w[j * n + i]);
      max_diff = std::max(max_diff, std::abs(net.w[i * n + j] - ref[i * n + j]));
    }
  }
  std::printf("storkey vs definition: max |diff| = %.3g\n", max_diff);
  CHECK(max_diff < 1e-5);
}

TEST_CASE("pseudo-inverse: W X = X off the diagonal, i.e. W is the projection onto span(X)") {
  Rng rng(4);
  const int n = 60;
  auto ps = correlated_pattern_set(20, n, 0.2f, rng);  // strongly correlated, P < n
  HopfieldNet net = hopfield_make(n);
  const PseudoInverseInfo info = train_pseudo_inverse(net, ps);
  CHECK(info.rank == 20);
  CHECK(info.dropped == 0);
  // Projection with the diagonal removed: (W x)_i = x_i - P_ii x_i, and P_ii = 1 - (W x)_i / x_i
  // must be the same for every stored x. Check via trace(P) = rank as well.
  double max_diff = 0, trace = 0;
  for (int i = 0; i < n; ++i) {
    double pii = -1;
    for (const Pattern& x : ps) {
      const double wx = hopfield_field(net, x, i);
      const double this_pii = 1.0 - wx / x[i];
      if (pii < 0) pii = this_pii;
      max_diff = std::max(max_diff, std::abs(this_pii - pii));
    }
    trace += pii;
  }
  std::printf("pseudo-inverse: max spread of P_ii across patterns = %.3g, trace = %.4f\n",
              max_diff, trace);
  CHECK(max_diff < 1e-4);
  CHECK(trace == doctest::Approx(20.0).epsilon(1e-4));
}

TEST_CASE("pseudo-inverse: every stored pattern is a fixed point, even correlated, P < N") {
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    Rng rng(seed);
    const int n = 100;
    const int p = 20 + 10 * static_cast<int>(seed);  // up to alpha = 0.7
    auto ps = correlated_pattern_set(p, n, 0.15f, rng);
    HopfieldNet net = hopfield_make(n);
    train_pseudo_inverse(net, ps);
    CHECK(count_fixed(net, ps) == p);
    HopfieldNet hebb = hopfield_make(n);
    train_hebbian(hebb, ps);
    CHECK(count_fixed(hebb, ps) < p);  // Hebbian cannot keep such correlated patterns apart
  }
}

TEST_CASE("pseudo-inverse: dependent patterns are dropped, not divided by zero") {
  Rng rng(8);
  const int n = 40;
  auto ps = random_pattern_set(6, n, rng);
  ps.push_back(ps[2]);                                                   // a duplicate
  Pattern neg = ps[4];
  for (auto& v : neg) v = static_cast<int8_t>(-v);
  ps.push_back(neg);                                                     // -x is in span too
  HopfieldNet net = hopfield_make(n);
  const PseudoInverseInfo info = train_pseudo_inverse(net, ps);
  CHECK(info.rank == 6);
  CHECK(info.dropped == 2);
  CHECK(info.min_pivot > 0.0);
  for (float w : net.w) REQUIRE(std::isfinite(w));
  CHECK(count_fixed(net, ps) == static_cast<int>(ps.size()));
  // More patterns than units: the span is everything, W = 0 off the diagonal too.
  auto many = random_pattern_set(3 * n, n, rng);
  const PseudoInverseInfo full = train_pseudo_inverse(net, many);
  CHECK(full.rank == n);
  float max_w = 0;
  for (float w : net.w) max_w = std::max(max_w, std::abs(w));
  std::printf("pseudo-inverse with P = 3n: rank %d, max |w| = %.3g\n", full.rank, max_w);
  CHECK(max_w < 1e-3f);
}

TEST_CASE("storkey and pseudo-inverse recall more random patterns than hebbian at alpha 0.2") {
  const int n = 100, p = 20;
  int hebb = 0, stork = 0, pinv = 0, total = 0;
  for (uint64_t seed = 1; seed <= 3; ++seed) {
    Rng rng(seed);
    auto ps = random_pattern_set(p, n, rng);
    HopfieldNet net = hopfield_make(n);
    const RecallOptions ro;  // 10% flipped, success at overlap >= 0.95
    train_hebbian(net, ps);
    hebb += count_recalled(net, ps, rng, ro);
    train_storkey(net, ps);
    stork += count_recalled(net, ps, rng, ro);
    train_pseudo_inverse(net, ps);
    pinv += count_recalled(net, ps, rng, ro);
    total += p;
  }
  std::printf("recalled of %d at n=%d, alpha=0.2: hebbian %d, storkey %d, pseudo-inverse %d\n",
              total, n, hebb, stork, pinv);
  CHECK(stork >= hebb + total / 5);
  CHECK(pinv >= hebb + total / 5);
  CHECK(stork >= total * 9 / 10);
  CHECK(pinv >= total * 9 / 10);
}

TEST_CASE("optimized: parasite search follows synchronous steps and skips fixed points") {
  // Two units with w12 = +1 starting anti-aligned: sync dynamics is the 2-cycle
  // (+1,-1) -> (-1,+1) -> (+1,-1); the parasite must be the other state, not x itself.
  HopfieldNet net = hopfield_make(2);
  net.w = {0, 1, 1, 0};
  Pattern x = {1, -1}, out;
  CHECK(find_parasite(net, x, 2, out));
  CHECK(out == Pattern{-1, 1});
  Pattern fp = {1, 1};
  CHECK_FALSE(find_parasite(net, fp, 2, out));
  CHECK(out == fp);
}

TEST_CASE("optimized: trainer steps by a budget of targets and records epochs") {
  Rng rng(21);
  const int n = 64;
  auto ps = correlated_pattern_set(10, n, 0.2f, rng);
  HopfieldNet net = hopfield_make(n);
  OptimizedTrainer t;
  CHECK_FALSE(optimized_begin(t, net, ps, {.lr = -1.0f}).ok());
  REQUIRE(optimized_begin(t, net, ps, {.lr = 0.5f, .parasite_steps = 2, .epochs = 3}).ok());
  // The start is exactly Hebbian.
  HopfieldNet hebb = hopfield_make(n);
  train_hebbian(hebb, ps);
  CHECK(net.w == hebb.w);
  float last_fraction = 0;
  int steps = 0;
  while (!optimized_done(t)) {
    const int made = optimized_step(t, net, rng, 4);
    CHECK(made >= 1);
    CHECK(made <= 4);
    CHECK(optimized_fraction_done(t) >= last_fraction);
    last_fraction = optimized_fraction_done(t);
    CHECK(t.last_parasite.size() == static_cast<size_t>(n));
    ++steps;
  }
  CHECK(steps == 8);  // 30 target visits in budgets of 4
  CHECK(optimized_step(t, net, rng, 4) == 0);
  CHECK(last_fraction == 1.0f);
  REQUIRE(t.history.size() == 3);
  for (int i = 0; i < n; ++i) {
    CHECK(net.w[i * n + i] == 0.0f);
    for (int j = 0; j < n; ++j) REQUIRE(net.w[i * n + j] == net.w[j * n + i]);
  }
  for (auto& e : t.history) {
    std::printf("optimized epoch %d: mean E(target) = %.3f, mean E(parasite) = %.3f, %d parasites\n",
                e.epoch, e.mean_target_energy, e.mean_parasite_energy, e.parasites);
    CHECK(std::isfinite(e.mean_target_energy));
  }
}

TEST_CASE("optimized: raises the number of perfectly recalled glyphs over hebbian") {
  const auto ps = glyph_targets();
  const int n = 32 * 32;
  HopfieldNet hebb = hopfield_make(n), opt = hopfield_make(n);
  train_hebbian(hebb, ps);
  Rng rng(1);
  TrainOptions to;
  to.optimized = {.lr = 0.5f, .parasite_steps = 2, .epochs = 3};
  auto rep = train(Rule::Optimized, opt, ps, rng, to);
  REQUIRE(rep.ok());
  REQUIRE(rep.value().epochs.size() == 3);
  // Perfect recall from a blanked centre (8x8 units erased), async to a fixed point.
  auto perfect = [&](const HopfieldNet& net) {
    int ok = 0;
    Rng r(2);
    for (const Pattern& p : ps) {
      const Pattern start = blank_center(p, 32, 32, 0.25f);
      ok += recall_from(net, p, start, r, {.threshold = 1.0f}).success;
    }
    return ok;
  };
  const int fixed_h = count_fixed(hebb, ps), fixed_o = count_fixed(opt, ps);
  const int rec_h = perfect(hebb), rec_o = perfect(opt);
  std::printf("12 glyphs: fixed points hebbian %d, optimized %d; perfect recall from a blanked "
              "centre hebbian %d, optimized %d\n", fixed_h, fixed_o, rec_h, rec_o);
  CHECK(fixed_o >= fixed_h + 6);
  CHECK(rec_o >= rec_h + 4);
}
