// test_hopfield_dynamics.cpp: synchronous updates and 2-cycles, Glauber dynamics at
// temperature T (its T = 0 limit, its high-T limit, no NaN anywhere), annealing schedules,
// and annealing against zero-temperature descent on an SK spin glass.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include "hopfield_dynamics.hpp"
#include "patterns.hpp"

using namespace ebm;

namespace {
// Sherrington-Kirkpatrick spin glass: w_ij = +-1/sqrt(n) i.i.d., symmetric, zero diagonal.
HopfieldNet sk_glass(int n, Rng& rng) {
  HopfieldNet net = hopfield_make(n);
  const float j = 1.0f / std::sqrt(static_cast<float>(n));
  for (int a = 0; a < n; ++a)
    for (int b = a + 1; b < n; ++b) {
      const float v = (rng.next() >> 63) ? j : -j;
      net.w[a * n + b] = net.w[b * n + a] = v;
    }
  return net;
}
}  // namespace

TEST_CASE("sync: a constructed 2-cycle is detected and reported") {
  // Two units coupled by w12 = +1, started anti-aligned: each copies the other, so
  // (+1,-1) -> (-1,+1) -> (+1,-1). Energy is the same on both states.
  HopfieldNet net = hopfield_make(2);
  net.w = {0, 1, 1, 0};
  SyncRun run;
  const Pattern start = {1, -1};
  sync_reset(net, run, start);
  CHECK(sync_run(net, run, 1) == 1);
  CHECK(run.status == SyncStatus::Moving);
  CHECK(run.s == Pattern{-1, 1});
  CHECK(sync_run(net, run, 10) == 1);
  CHECK(run.status == SyncStatus::TwoCycle);
  CHECK(run.s == start);
  CHECK(run.prev == Pattern{-1, 1});
  CHECK(run.steps == 2);
  CHECK(sync_run(net, run, 10) == 0);  // stopped
  CHECK(std::string(sync_status_name(run.status)) == "2-cycle");
  // Asynchronous dynamics on the same net never cycles: it settles in an aligned state.
  Rng rng(1);
  HopfieldRun ar;
  run_reset(net, ar, start);
  run_async(net, ar, rng, 100);
  CHECK(run_converged(net, ar));
  CHECK(ar.s[0] == ar.s[1]);
}

TEST_CASE("sync: a 2-cycle in a larger random net, and fixed points of stored patterns") {
  // Anti-ferromagnetic all-to-all coupling: from the all +1 state every field is negative,
  // so the whole state flips each step: a 2-cycle between +1...1 and -1...-1.
  const int n = 9;
  HopfieldNet af = hopfield_make(n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) af.w[i * n + j] = i == j ? 0.0f : -1.0f / n;
  SyncRun run;
  sync_reset(af, run, Pattern(n, 1));
  sync_run(af, run, 50);
  CHECK(run.status == SyncStatus::TwoCycle);
  CHECK(run.steps == 2);
  // Hebbian at low load: a stored pattern is a synchronous fixed point after one step.
  Rng rng(2);
  auto ps = random_pattern_set(3, 100, rng);
  HopfieldNet net = hopfield_make(100);
  train_hebbian(net, ps);
  sync_reset(net, run, ps[0]);
  sync_run(net, run, 50);
  CHECK(run.status == SyncStatus::FixedPoint);
  CHECK(run.steps == 1);
  CHECK(run.s == ps[0]);
  CHECK(run.energy == doctest::Approx(hopfield_energy(net, ps[0])));
}

TEST_CASE("sync: ties keep the unit, so no unit is ever 0") {
  HopfieldNet net = hopfield_make(5);  // all-zero weights: every field is exactly 0
  const Pattern s = {1, -1, 1, 1, -1};
  Pattern out(5, 0);
  CHECK(sync_update(net, s, out) == 0);
  CHECK(out == s);
}

TEST_CASE("glauber: probabilities are finite, in [0, 1], and the T = 0 limit is sign(h)") {
  const float inf = std::numeric_limits<float>::infinity();
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float hs[] = {0.0f, -0.0f, 1e-30f, -1e-30f, 1.0f, -1.0f, 1e30f, -1e30f,
                      std::numeric_limits<float>::max(), -std::numeric_limits<float>::max(),
                      std::numeric_limits<float>::denorm_min(), inf, -inf};
  const float ts[] = {0.0f, -1.0f, nan, std::numeric_limits<float>::denorm_min(), 1e-30f,
                      0.5f, 1.0f, 1e30f, inf};
  for (float h : hs)
    for (float t : ts) {
      const float p = glauber_prob_up(h, t);
      INFO("h = " << h << ", T = " << t);
      REQUIRE(std::isfinite(p));
      REQUIRE(p >= 0.0f);
      REQUIRE(p <= 1.0f);
    }
  CHECK(glauber_prob_up(0.3f, 0.0f) == 1.0f);
  CHECK(glauber_prob_up(-0.3f, 0.0f) == 0.0f);
  CHECK(glauber_prob_up(1e30f, 1e-30f) == 1.0f);
  CHECK(glauber_prob_up(-1e30f, 1e-30f) == 0.0f);
  CHECK(glauber_prob_up(5.0f, 1e30f) == doctest::Approx(0.5f));
  // sigmoid(2h/T) against the closed form at a moderate value.
  CHECK(glauber_prob_up(0.25f, 0.5f) == doctest::Approx(1.0 / (1.0 + std::exp(-1.0))));
}

TEST_CASE("glauber: at T = 0 it is the deterministic rule, update for update") {
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    Rng setup(seed);
    const int n = 80;
    HopfieldNet net = hopfield_make(n);
    train_hebbian(net, random_pattern_set(12, n, setup));
    const Pattern start = random_pattern(n, setup);
    HopfieldRun a, b;
    run_reset(net, a, start);
    run_reset(net, b, start);
    Rng ra(seed + 100), rb(seed + 100);
    while (!run_converged(net, a)) {
      run_async(net, a, ra, 7);
      run_glauber(net, b, rb, 0.0f, 7);
      REQUIRE(a.s == b.s);
      REQUIRE(a.last_unit == b.last_unit);
      REQUIRE(a.updates == b.updates);
    }
    CHECK(run_converged(net, b));
    CHECK(run_glauber(net, b, rb, 0.0f, 100) == 0);  // stops at the fixed point like run_async
    CHECK(a.energy == b.energy);
  }
}

TEST_CASE("glauber: at high T the state decorrelates from every pattern (mean |m| near 0)") {
  Rng rng(9);
  const int n = 200;
  auto ps = random_pattern_set(5, n, rng);
  HopfieldNet net = hopfield_make(n);
  train_hebbian(net, ps);
  HopfieldRun run;
  run_reset(net, run, ps[0]);  // start inside a memory
  run_glauber(net, run, rng, 50.0f, 20 * n);
  double sum_abs = 0;
  int samples = 0;
  for (int k = 0; k < 50; ++k) {
    run_glauber(net, run, rng, 50.0f, n);
    sum_abs += std::abs(overlap(ps[0], run.s));
    ++samples;
    for (int8_t v : run.s) REQUIRE((v == 1 || v == -1));
  }
  const double mean_abs = sum_abs / samples;
  std::printf("glauber T=50, n=%d: mean |m| = %.3f (random states: about %.3f)\n", n, mean_abs,
              std::sqrt(2.0 / (3.14159265 * n)));
  CHECK(mean_abs < 0.15);
  // At low T the memory survives.
  run_reset(net, run, ps[0]);
  run_glauber(net, run, rng, 0.1f, 20 * n);
  CHECK(overlap(ps[0], run.s) > 0.9f);
}

TEST_CASE("glauber: extreme weights and tiny or zero T give no NaN and no zero unit") {
  Rng rng(4);
  const int n = 12;
  HopfieldNet net = hopfield_make(n);
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j) net.w[i * n + j] = net.w[j * n + i] = (rng.next() >> 63) ? 1e30f : -1e30f;
  for (float t : {0.0f, 1e-30f, 1.0f, 1e30f}) {
    HopfieldRun run;
    run_reset(net, run, random_pattern(n, rng));
    run_glauber(net, run, rng, t, 50 * n);
    CHECK(std::isfinite(run.energy));
    for (float h : run.field) REQUIRE(std::isfinite(h));
    for (int8_t v : run.s) REQUIRE((v == 1 || v == -1));
  }
}

TEST_CASE("schedule: endpoints, monotone decay, and no NaN for zero end temperatures") {
  const Schedule lin{.kind = ScheduleKind::Linear, .t_start = 2.0f, .t_end = 0.0f, .steps = 10};
  CHECK(schedule_temperature(lin, 0) == 2.0f);
  CHECK(schedule_temperature(lin, 5) == doctest::Approx(1.0f));
  CHECK(schedule_temperature(lin, 10) == 0.0f);
  CHECK(schedule_temperature(lin, 1000) == 0.0f);
  CHECK(schedule_temperature(lin, -5) == 2.0f);
  const Schedule ex{.kind = ScheduleKind::Exponential, .t_start = 4.0f, .t_end = 0.25f, .steps = 4};
  CHECK(schedule_temperature(ex, 0) == doctest::Approx(4.0f));
  CHECK(schedule_temperature(ex, 1) == doctest::Approx(2.0f));
  CHECK(schedule_temperature(ex, 2) == doctest::Approx(1.0f));
  CHECK(schedule_temperature(ex, 4) == doctest::Approx(0.25f));
  // Exponential decay to 0 is undefined (log 0): it falls back to linear, never NaN.
  const Schedule ex0{.kind = ScheduleKind::Exponential, .t_start = 1.0f, .t_end = 0.0f, .steps = 4};
  CHECK(schedule_temperature(ex0, 2) == doctest::Approx(0.5f));
  const Schedule none{.kind = ScheduleKind::Linear, .t_start = 1.0f, .t_end = 0.0f, .steps = 0};
  CHECK(schedule_temperature(none, 0) == 0.0f);
  const Schedule con{.kind = ScheduleKind::Constant, .t_start = 0.7f, .t_end = 0.0f, .steps = 9};
  CHECK(schedule_temperature(con, 9) == 0.7f);
  for (const Schedule& s : {lin, ex, ex0}) {
    auto pts = schedule_sample(s, 33);
    REQUIRE(pts.size() == 33);
    CHECK(pts.front() == schedule_temperature(s, 0));
    CHECK(pts.back() == schedule_temperature(s, s.steps));
    for (size_t k = 1; k < pts.size(); ++k) {
      REQUIRE(std::isfinite(pts[k]));
      REQUIRE(pts[k] <= pts[k - 1]);
    }
  }
}

TEST_CASE("anneal: reaches lower energy than zero-temperature descent on an SK spin glass") {
  const int n = 64, seeds = 12;
  double e_descent = 0, e_anneal = 0;
  int anneal_wins = 0;
  for (uint64_t seed = 1; seed <= seeds; ++seed) {
    Rng rng(seed);
    HopfieldNet net = sk_glass(n, rng);
    const Pattern start = random_pattern(n, rng);
    HopfieldRun d;
    run_reset(net, d, start);
    run_async(net, d, rng, 1000 * n);
    REQUIRE(run_converged(net, d));
    AnnealRun a;
    anneal_reset(net, a, start,
                 {.kind = ScheduleKind::Linear, .t_start = 1.5f, .t_end = 0.0f, .steps = 150});
    int calls = 0;
    while (!anneal_done(net, a)) {
      anneal_step(net, a, rng, 1000);  // a budget per "frame"
      ++calls;
      REQUIRE(calls < 10000);
    }
    CHECK(a.temperature == 0.0f);
    CHECK(std::abs(a.run.energy - hopfield_energy(net, a.run.s)) < 1e-3);
    e_descent += d.energy / n;
    e_anneal += a.run.energy / n;
    anneal_wins += a.run.energy < d.energy - 1e-9;
  }
  e_descent /= seeds;
  e_anneal /= seeds;
  std::printf("SK n=%d, %d seeds: mean E/n descent %.4f, annealed %.4f (ground state about "
              "-0.76); annealing lower in %d of %d\n", n, seeds, e_descent, e_anneal, anneal_wins, seeds);
  CHECK(e_anneal < e_descent - 0.02);
  CHECK(anneal_wins >= seeds * 2 / 3);
}
