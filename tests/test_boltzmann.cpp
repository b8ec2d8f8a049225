// test_boltzmann.cpp: Boltzmann machines with hidden units (Ackley, Hinton & Sejnowski 1985)
// against brute force: the flip probability is a ratio of Boltzmann weights, sampled statistics
// and a long chain's state histogram match exact enumeration, the learning rule's expectation is
// the log-likelihood gradient (finite differences), training lowers the exact KL, and extreme
// inputs (T = 0, lr = 100, nh = 0 or 1) stay finite. Fixed seeds; tolerances print the max diff.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

#include "boltzmann.hpp"

using namespace ebm;

namespace {

Boltzmann random_bm(int nv, int nh, double sigma, double bias_sd, Rng& rng, bool restricted = false) {
  auto r = bm_make(nv, nh, restricted);
  REQUIRE(r.ok());
  Boltzmann bm = r.value();
  bm_init_random(bm, rng, sigma);
  for (double& b : bm.b) b = bias_sd * rng.normal();
  return bm;
}

std::vector<uint8_t> bits(uint32_t s, int n) {
  std::vector<uint8_t> v(n);
  for (int i = 0; i < n; ++i) v[i] = (s >> i) & 1u;
  return v;
}

uint32_t index_of(const std::vector<uint8_t>& s) {
  uint32_t k = 0;
  for (size_t i = 0; i < s.size(); ++i) k |= static_cast<uint32_t>(s[i]) << i;
  return k;
}

double max_abs_diff(const std::vector<double>& a, const std::vector<double>& b) {
  REQUIRE(a.size() == b.size());
  double m = 0;
  for (size_t k = 0; k < a.size(); ++k) m = std::max(m, std::fabs(a[k] - b[k]));
  return m;
}

// Naive log-likelihood, from the definition only: log sum_h exp(-E(v,h)) - log sum_s exp(-E(s)).
double naive_mean_log_likelihood(const Boltzmann& bm, const std::vector<uint8_t>& data) {
  const int n = bm_units(bm), nv = bm.nv, rows = static_cast<int>(data.size()) / nv;
  double z = 0;
  for (uint32_t s = 0; s < (1u << n); ++s) z += std::exp(-bm_energy(bm, bits(s, n)));
  double ll = 0;
  for (int r = 0; r < rows; ++r) {
    double zv = 0;
    for (uint32_t h = 0; h < (1u << bm.nh); ++h) {
      auto s = bits(h << nv, n);
      for (int i = 0; i < nv; ++i) s[i] = data[r * nv + i];
      zv += std::exp(-bm_energy(bm, s));
    }
    ll += std::log(zv) - std::log(z);
  }
  return ll / rows;
}

double exact_kl(const Boltzmann& bm, const std::vector<uint8_t>& data) {
  const int rows = static_cast<int>(data.size()) / bm.nv;
  return bm_kl(bm_exact(bm), bm_data_distribution(data, rows, bm.nv));
}

Result<BmTrainer> trainer_for(BmDataset d, int nh, const BmTrainConfig& c, uint64_t seed, double sigma = 0.1,
                              bool restricted = false) {
  const auto data = bm_dataset_rows(d);
  const int nv = bm_dataset_nv(d);
  auto m = bm_make(nv, nh, restricted);
  REQUIRE(m.ok());
  Rng init(seed);
  bm_init_random(m.value(), init, sigma);
  return bm_trainer_make(m.value(), data, static_cast<int>(data.size()) / nv, c);
}

}  // namespace

// [SECTION] Model and conditionals

TEST_CASE("boltzmann: sizes and machines are validated with readable messages") {
  CHECK(bm_make(4, 2).ok());
  CHECK(bm_make(4, 0).ok());
  auto bad_v = bm_make(0, 2);
  REQUIRE(!bad_v.ok());
  CHECK(bad_v.error().find("visible units must be in [1, 63], got 0") != std::string::npos);
  auto bad_h = bm_make(4, -1);
  REQUIRE(!bad_h.ok());
  CHECK(bad_h.error().find("hidden units must be in [0, 60]") != std::string::npos);
  CHECK(!bm_make(40, 40).ok());
  // Restricted connectivity: only visible-hidden pairs.
  Rng rng(1);
  Boltzmann r = random_bm(3, 2, 1.0, 0.0, rng, true);
  const int n = 5;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) {
      CHECK(r.w[i * n + j] == r.w[j * n + i]);
      if (!bm_connected(r, i, j)) CHECK(r.w[i * n + j] == 0.0);
    }
  CHECK(r.w[0 * n + 3] != 0.0);
}

TEST_CASE("boltzmann: bm_prob_on is finite in [0, 1] for any input, with the T = 0 limit") {
  const double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
  const double hs[] = {0.0, -0.0, 1e-300, -1e-300, 1.0, -1.0, 1e300, -1e300, inf, -inf};
  const double ts[] = {0.0, -1.0, nan, 1e-300, 0.5, 1.0, 1e300, inf};
  for (double h : hs)
    for (double t : ts) {
      const double p = bm_prob_on(h, t);
      INFO("h = " << h << ", T = " << t);
      REQUIRE(std::isfinite(p));
      REQUIRE(p >= 0.0);
      REQUIRE(p <= 1.0);
    }
  CHECK(bm_prob_on(0.3, 0.0) == 1.0);
  CHECK(bm_prob_on(-0.3, 0.0) == 0.0);
  CHECK(bm_prob_on(0.0, 0.0) == 0.5);
  CHECK(bm_prob_on(2.0, 4.0) == doctest::Approx(1.0 / (1.0 + std::exp(-0.5))));
}

TEST_CASE("boltzmann: P(s_i = 1 | rest) equals the brute-force ratio of Boltzmann weights") {
  Rng rng(3);
  double worst = 0;
  for (int trial = 0; trial < 20; ++trial) {
    const Boltzmann bm = random_bm(4, 3, 1.5, 1.0, rng);
    const int n = bm_units(bm);
    for (double t : {0.3, 1.0, 2.5}) {
      const uint32_t s = static_cast<uint32_t>(rng.below(1u << n));
      for (int i = 0; i < n; ++i) {
        auto on = bits(s, n), off = bits(s, n);
        on[i] = 1;
        off[i] = 0;
        const double w1 = std::exp(-bm_energy(bm, on) / t), w0 = std::exp(-bm_energy(bm, off) / t);
        const double p = bm_prob_on(bm_field(bm, bits(s, n), i), t);
        worst = std::max(worst, std::fabs(p - w1 / (w1 + w0)));
        // The field is the energy gap the unit sees.
        CHECK(bm_field(bm, bits(s, n), i) == doctest::Approx(bm_energy(bm, off) - bm_energy(bm, on)));
      }
    }
  }
  std::printf("[boltzmann] flip probability vs Boltzmann ratio: max diff %.3g\n", worst);
  CHECK(worst < 1e-12);
}

TEST_CASE("boltzmann: Gray-code energies equal the definition, and P(v) sums to 1") {
  Rng rng(4);
  for (bool restricted : {false, true}) {
    const Boltzmann bm = random_bm(5, 4, 2.0, 1.0, rng, restricted);
    const int n = bm_units(bm);
    const auto e = bm_all_energies(bm);
    double worst = 0;
    for (uint32_t s = 0; s < (1u << n); ++s) worst = std::max(worst, std::fabs(e[s] - bm_energy(bm, bits(s, n))));
    CHECK(worst < 1e-9);
    const BmExact x = bm_exact(bm);
    double total = 0;
    for (double lp : x.log_pv) total += std::exp(lp);
    CHECK(total == doctest::Approx(1.0).epsilon(1e-12));
    // Free statistics from a naive sum over states.
    std::vector<double> naive(n * n, 0.0);
    for (uint32_t s = 0; s < (1u << n); ++s) {
      const double p = std::exp(-e[s] - x.log_z);
      for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) naive[i * n + j] += p * ((s >> i) & 1u) * ((s >> j) & 1u);
    }
    CHECK(max_abs_diff(naive, x.free_stats) < 1e-12);
    CHECK(x.log_z == doctest::Approx(bm_log_z(bm)));
  }
}

// [SECTION] Sampling against enumeration

TEST_CASE("boltzmann: sampled free-phase statistics and a long chain's histogram match exact P(s)") {
  Rng rng(5);
  const Boltzmann bm = random_bm(4, 2, 1.0, 0.5, rng);
  const int n = bm_units(bm);
  const BmExact x = bm_exact(bm);
  const auto e = bm_all_energies(bm);
  BmChain chain;
  bm_chain_reset(bm, chain, std::vector<uint8_t>(n, 0), false);
  bm_gibbs_sweeps(bm, chain, rng, 1.0, 200);  // burn-in
  const int sweeps = 200000;
  std::vector<double> stats(n * n, 0.0), hist(1u << n, 0.0);
  for (int k = 0; k < sweeps; ++k) {
    bm_gibbs_sweeps(bm, chain, rng, 1.0, 1);
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < n; ++j) stats[i * n + j] += chain.s[i] * chain.s[j];
    hist[index_of(chain.s)] += 1.0;
  }
  for (double& v : stats) v /= sweeps;
  const double diff = max_abs_diff(stats, x.free_stats);
  double kl = 0;  // KL(empirical || exact)
  for (uint32_t s = 0; s < hist.size(); ++s)
    if (hist[s] > 0) {
      const double q = hist[s] / sweeps;
      kl += q * (std::log(q) - (-e[s] - x.log_z));
    }
  std::printf("[boltzmann] %d free sweeps: max |<s_i s_j> - exact| = %.4f, KL(chain || P) = %.5f nats\n",
              sweeps, diff, kl);
  CHECK(diff < 0.01);
  CHECK(kl < 0.002);
  CHECK(chain.sweeps == sweeps + 200);
  CHECK(chain.updates == static_cast<int64_t>(sweeps + 200) * n);
}

TEST_CASE("boltzmann: clamped sampling matches the exact clamped statistics") {
  Rng rng(6);
  const Boltzmann bm = random_bm(4, 3, 1.2, 0.5, rng);
  const int n = bm_units(bm);
  const auto data = bm_dataset_rows(BmDataset::Bars2x2);
  const int rows = 4, per_row = 30000;
  std::vector<double> stats(n * n, 0.0);
  BmChain chain;
  for (int r = 0; r < rows; ++r) {
    std::vector<uint8_t> s(n, 0);
    for (int i = 0; i < 4; ++i) s[i] = data[r * 4 + i];
    bm_chain_reset(bm, chain, s, true);
    bm_gibbs_sweeps(bm, chain, rng, 1.0, 50);
    for (int k = 0; k < per_row; ++k) {
      bm_gibbs_sweeps(bm, chain, rng, 1.0, 1);
      for (int i = 0; i < 4; ++i) REQUIRE(chain.s[i] == data[r * 4 + i]);  // visibles never move
      for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) stats[i * n + j] += chain.s[i] * chain.s[j] / double(rows * per_row);
    }
  }
  const double diff = max_abs_diff(stats, bm_exact_clamped_stats(bm, data, rows));
  std::printf("[boltzmann] clamped sampling vs exact: max diff %.4f\n", diff);
  CHECK(diff < 0.01);
}

TEST_CASE("boltzmann: at T = 0 Gibbs is deterministic descent; the energy never rises") {
  Rng rng(7);
  const Boltzmann bm = random_bm(6, 4, 1.0, 0.5, rng);
  const int n = bm_units(bm);
  for (int trial = 0; trial < 20; ++trial) {
    BmChain chain;
    bm_chain_reset(bm, chain, bits(rng.below(1u << n), n), false);
    double e = bm_energy(bm, chain.s);
    for (int k = 0; k < 10 * n; ++k) {
      bm_gibbs(bm, chain, rng, 0.0, 1);
      const double e2 = bm_energy(bm, chain.s);
      REQUIRE(e2 <= e + 1e-12);
      e = e2;
    }
    for (int i = 0; i < n; ++i) {  // a local minimum: no single flip lowers E
      const double h = bm_field(bm, chain.s, i);
      CHECK((chain.s[i] ? h >= 0 : h <= 0));
    }
  }
}

// [SECTION] The learning rule

TEST_CASE("boltzmann: <s_i s_j>_clamped - <s_i s_j>_free is the log-likelihood gradient") {
  Rng rng(8);
  const auto data = bm_dataset_rows(BmDataset::Bars2x2);
  for (bool restricted : {false, true}) {
    Boltzmann bm = random_bm(4, 3, 0.8, 0.4, rng, restricted);
    const int n = bm_units(bm);
    const auto clamped = bm_exact_clamped_stats(bm, data, 4);
    const auto free = bm_exact(bm).free_stats;
    const double eps = 1e-5;
    double worst = 0;
    auto ll = [&](const Boltzmann& m) { return bm_mean_log_likelihood(bm_exact(m), data, 4, 4); };
    CHECK(ll(bm) == doctest::Approx(naive_mean_log_likelihood(bm, data)).epsilon(1e-10));
    for (int i = 0; i < n; ++i)
      for (int j = i; j < n; ++j) {
        if (i != j && !bm_connected(bm, i, j)) continue;
        Boltzmann up = bm, dn = bm;
        if (i == j) { up.b[i] += eps; dn.b[i] -= eps; }  // biases: the diagonal entries
        else {
          up.w[i * n + j] += eps; up.w[j * n + i] += eps;
          dn.w[i * n + j] -= eps; dn.w[j * n + i] -= eps;
        }
        const double fd = (ll(up) - ll(dn)) / (2 * eps);
        worst = std::max(worst, std::fabs(fd - (clamped[i * n + j] - free[i * n + j])));
      }
    std::printf("[boltzmann] gradient check (%s): max |finite diff - rule| = %.3g\n",
                restricted ? "restricted" : "full", worst);
    CHECK(worst < 1e-7);
  }
}

TEST_CASE("boltzmann: one sampled update with long statistics approaches lr times the exact gradient") {
  BmTrainConfig c;
  c.learning_rate = 1.0;
  c.anneal = Schedule{.kind = ScheduleKind::Constant, .t_start = 1.0f, .t_end = 1.0f, .steps = 20};
  c.stat_sweeps = 8000;
  auto t = trainer_for(BmDataset::Bars2x2, 2, c, 9, 0.7);
  REQUIRE(t.ok());
  BmTrainer& tr = t.value();
  const Boltzmann before = tr.bm;
  const int n = bm_units(before);
  const auto grad_c = bm_exact_clamped_stats(before, tr.data, tr.rows);
  const auto grad_f = bm_exact(before).free_stats;
  Rng rng(10);
  bm_train_updates(tr, rng, 1);
  REQUIRE(tr.weight_updates == 1);
  double worst = 0;
  for (int i = 0; i < n; ++i)
    for (int j = i; j < n; ++j) {
      const double change = i == j ? tr.bm.b[i] - before.b[i] : tr.bm.w[i * n + j] - before.w[i * n + j];
      worst = std::max(worst, std::fabs(change - (grad_c[i * n + j] - grad_f[i * n + j])));
    }
  std::printf("[boltzmann] sampled update (2 x 32000 samples) vs exact gradient: max diff %.4f\n", worst);
  CHECK(worst < 0.03);
  CHECK(tr.sweeps == 8 * bm_run_sweeps(c));
}

TEST_CASE("boltzmann: training lowers the exact KL(data || model) on 2x2 bars and the 4-2-4 encoder") {
  BmTrainConfig c;  // the defaults: anneal 8 -> 1 in 10 sweeps, 10 statistics sweeps
  c.learning_rate = 0.5;
  for (BmDataset d : {BmDataset::Bars2x2, BmDataset::Encoder424}) {
    auto t = trainer_for(d, 2, c, 11);
    REQUIRE(t.ok());
    BmTrainer& tr = t.value();
    const double kl0 = exact_kl(tr.bm, tr.data);
    Rng rng(12);
    const int updates = d == BmDataset::Bars2x2 ? 300 : 400;
    bm_train_updates(tr, rng, updates);
    const double kl1 = exact_kl(tr.bm, tr.data);
    std::printf("[boltzmann] %s, 2 hidden: KL %.3f -> %.3f nats after %d updates (%lld sweeps)\n",
                bm_dataset_id(d), kl0, kl1, updates, static_cast<long long>(tr.sweeps));
    CHECK(tr.status.ok());
    CHECK(kl1 < 0.5 * kl0);
  }
}

TEST_CASE("boltzmann: hidden units let the machine model parity; without them it cannot") {
  // Every pair of units is uncorrelated under 4-bit parity, so a machine without hidden units
  // can do no better than uniform: KL >= log 2. Hidden units capture the 4th-order structure.
  // Parity is a hard problem for a Boltzmann machine: it sits near log 2 until the hidden units
  // break their symmetry, so this run starts from larger random weights and takes 3000 updates.
  BmTrainConfig c;
  c.learning_rate = 0.3;
  double kl[2];
  for (int k = 0; k < 2; ++k) {
    const int nh = k == 0 ? 0 : 4;
    auto t = trainer_for(BmDataset::Parity4, nh, c, 13, 1.5);
    REQUIRE(t.ok());
    Rng rng(14);
    bm_train_updates(t.value(), rng, k == 0 ? 300 : 3000);
    kl[k] = exact_kl(t.value().bm, t.value().data);
  }
  std::printf("[boltzmann] parity: KL %.3f without hidden units, %.3f with 4 (log 2 = %.3f)\n", kl[0], kl[1],
              std::log(2.0));
  CHECK(kl[0] > std::log(2.0) - 1e-9);
  CHECK(kl[1] < 0.55);
}

// [SECTION] Extreme inputs, validation, determinism

TEST_CASE("boltzmann: T = 0, lr = 100, nh = 0 and nh = 1 stay finite") {
  for (int nh : {0, 1, 3}) {
    for (double lr : {0.05, 100.0}) {
      for (float temp : {0.0f, 1.0f}) {
        BmTrainConfig c;
        c.learning_rate = lr;
        c.anneal = Schedule{.kind = ScheduleKind::Linear, .t_start = temp, .t_end = temp, .steps = 2};
        c.stat_sweeps = 3;
        auto t = trainer_for(BmDataset::Bars2x2, nh, c, 15);
        REQUIRE(t.ok());
        Rng rng(16);
        bm_train_updates(t.value(), rng, 60);
        const BmTrainer& tr = t.value();
        INFO("nh = " << nh << ", lr = " << lr << ", T = " << temp);
        for (double w : tr.bm.w) REQUIRE(std::isfinite(w));
        for (double b : tr.bm.b) REQUIRE(std::isfinite(b));
        const double kl = exact_kl(tr.bm, tr.data);
        CHECK(std::isfinite(kl));
        CHECK(kl >= 0.0);
        CHECK(tr.weight_updates == 60);
      }
    }
  }
}

TEST_CASE("boltzmann: the divergence guard stops training with a message and keeps finite weights") {
  BmTrainConfig c;
  c.learning_rate = 100.0;
  c.weight_limit = 50.0;
  auto t = trainer_for(BmDataset::OneHot4, 1, c, 17);
  REQUIRE(t.ok());
  Rng rng(18);
  bm_train_updates(t.value(), rng, 1000);
  const BmTrainer& tr = t.value();
  REQUIRE(!tr.status.ok());
  CHECK(tr.status.message.find("learning rate is too large") != std::string::npos);
  for (double w : tr.bm.w) CHECK(std::fabs(w) <= 50.0);
  CHECK(bm_train_step(t.value(), rng, 100) == 0);  // stopped stays stopped
}

TEST_CASE("boltzmann: bad hyper-parameters and data are rejected with readable messages") {
  auto model = bm_make(4, 2);
  REQUIRE(model.ok());
  const auto data = bm_dataset_rows(BmDataset::Bars2x2);
  auto expect = [&](BmTrainConfig c, const char* text) {
    auto t = bm_trainer_make(model.value(), data, 4, c);
    REQUIRE(!t.ok());
    INFO(t.error());
    CHECK(t.error().find(text) != std::string::npos);
  };
  BmTrainConfig c;
  c.learning_rate = 150;
  expect(c, "learning rate must be in (0, 100], got 150");
  c.learning_rate = -1;
  expect(c, "learning rate must be in (0, 100], got -1");
  c.learning_rate = std::numeric_limits<double>::quiet_NaN();
  expect(c, "learning rate must be in (0, 100], got nan");
  c = {};
  c.anneal.t_start = -2.0f;
  expect(c, "annealing start temperature must be in [0, 1000], got -2");
  c = {};
  c.anneal.t_end = std::numeric_limits<float>::infinity();
  expect(c, "final temperature must be in [0, 1000]");
  c = {};
  c.stat_sweeps = 0;
  expect(c, "statistics sweeps must be in [1, 100000], got 0");
  auto t = bm_trainer_make(model.value(), std::vector<uint8_t>{0, 1, 2, 0}, 1, BmTrainConfig{});
  REQUIRE(!t.ok());
  CHECK(t.error() == "training values must be 0 or 1, got 2");
  CHECK(!bm_trainer_make(model.value(), data, 3, BmTrainConfig{}).ok());
  // A live config change is validated the same way and changes nothing when rejected.
  auto ok = bm_trainer_make(model.value(), data, 4, BmTrainConfig{});
  REQUIRE(ok.ok());
  BmTrainConfig bad;
  bad.learning_rate = 0;
  CHECK(!bm_trainer_set_config(ok.value(), bad).ok());
  CHECK(ok.value().config.learning_rate == BmTrainConfig{}.learning_rate);
}

TEST_CASE("boltzmann: same seed, same run, however the budget is split") {
  BmTrainConfig c;
  c.learning_rate = 0.3;
  auto run = [&](int64_t budget) {
    auto t = trainer_for(BmDataset::Bars2x2, 3, c, 19);
    REQUIRE(t.ok());
    Rng rng(20);
    int64_t total = 0;
    while (total < 40000) total += bm_train_step(t.value(), rng, std::min<int64_t>(budget, 40000 - total));
    return t.value();
  };
  const BmTrainer a = run(1), b = run(37), d = run(40000);
  CHECK(a.bm.w == b.bm.w);
  CHECK(a.bm.w == d.bm.w);
  CHECK(a.bm.b == d.bm.b);
  CHECK(a.chain.s == d.chain.s);
  CHECK(a.sweeps == d.sweeps);
  CHECK(a.weight_updates == d.weight_updates);
  CHECK(a.weight_updates > 10);
  // A different seed gives a different run.
  auto t = trainer_for(BmDataset::Bars2x2, 3, c, 19);
  Rng other(21);
  bm_train_step(t.value(), other, 40000);
  CHECK(t.value().bm.w != a.bm.w);
}

TEST_CASE("boltzmann: a restricted machine stays restricted while training (the RBM special case)") {
  BmTrainConfig c;
  auto t = trainer_for(BmDataset::Bars2x2, 3, c, 22, 0.1, true);
  REQUIRE(t.ok());
  Rng rng(23);
  const double kl0 = exact_kl(t.value().bm, t.value().data);
  bm_train_updates(t.value(), rng, 200);
  const Boltzmann& bm = t.value().bm;
  const int n = bm_units(bm);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      if (!bm_connected(bm, i, j)) CHECK(bm.w[i * n + j] == 0.0);
  CHECK(exact_kl(bm, t.value().data) < kl0);
}

TEST_CASE("boltzmann: the toy datasets have the documented shapes") {
  for (int k = 0; k < kBmDatasetCount; ++k) {
    const auto d = static_cast<BmDataset>(k);
    const auto rows = bm_dataset_rows(d);
    const int nv = bm_dataset_nv(d);
    REQUIRE(rows.size() % nv == 0);
    for (uint8_t v : rows) CHECK(v <= 1);
    CHECK(std::string(bm_dataset_id(d)).size() > 0);
  }
  CHECK(bm_dataset_rows(BmDataset::Parity4).size() == 8 * 4);
  CHECK(bm_dataset_rows(BmDataset::People3).size() == 6 * 3);
  CHECK(bm_dataset_rows(BmDataset::Encoder424).size() == 4 * 8);
}
