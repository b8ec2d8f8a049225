// test_rbm_train.cpp: CD-k / PCD-k training. The CD-k update approaches the exact likelihood
// gradient as k grows (Hinton 2002; Carreira-Perpinan & Hinton 2005 on CD's bias), training on
// seed 003's toy lowers the exact KL, the schedule, determinism, and the divergence guard.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <vector>

#include "datasets.hpp"
#include "rbm_train.hpp"
#include "rbm_test_util.hpp"

using namespace ebm;
using namespace ebm_test;

namespace {

// Exact gradient of the mean log-likelihood of `data` (rows of nv) w.r.t. W:
// <v_i P(h_j|v)>_data - <v_i h_j>_model, the model term by visible enumeration.
std::vector<double> exact_grad_w(const Rbm& r, const std::vector<float>& data) {
  const int nv = r.nv, nh = r.nh, n = static_cast<int>(data.size()) / nv;
  std::vector<double> g(static_cast<size_t>(nv) * nh, 0.0);
  std::vector<float> ph(nh);
  for (int s = 0; s < n; ++s) {
    rbm_hidden_probs(r, data.data() + s * nv, 1, ph.data());
    for (int i = 0; i < nv; ++i)
      for (int j = 0; j < nh; ++j) g[i * nh + j] += data[s * nv + i] * double(ph[j]) / n;
  }
  const auto pv = p_visible(r);
  for (unsigned sv = 0; sv < pv.size(); ++sv) {
    const auto v = bits(sv, nv);
    rbm_hidden_probs(r, v.data(), 1, ph.data());
    for (int i = 0; i < nv; ++i)
      for (int j = 0; j < nh; ++j) g[i * nh + j] -= pv[sv] * v[i] * ph[j];
  }
  return g;
}

// KL(data || model) in nats for binary rows, by enumeration.
double exact_kl(const Rbm& r, const std::vector<float>& data) {
  const int nv = r.nv, n = static_cast<int>(data.size()) / nv;
  std::vector<double> pd(1u << nv, 0.0);
  for (int s = 0; s < n; ++s) {
    unsigned idx = 0;
    for (int i = 0; i < nv; ++i) idx |= (data[s * nv + i] > 0.5f ? 1u : 0u) << i;
    pd[idx] += 1.0 / n;
  }
  const auto pm = p_visible(r);
  double kl = 0;
  for (size_t s = 0; s < pd.size(); ++s)
    if (pd[s] > 0) kl += pd[s] * std::log(pd[s] / pm[s]);
  return kl;
}

// One CD-k update on `data` with lr = 1, no momentum or decay, batch = all rows: the trainer's
// velocity is then exactly its gradient estimate.
std::vector<float> cd_estimate(const Rbm& r, const std::vector<float>& data, int k, uint64_t seed) {
  auto t = rbm_trainer_make(r, data,
                            RbmTrainConfig{.batch_size = 1 << 30, .k = k, .learning_rate = 1.0f});
  REQUIRE(t.ok());
  Rng rng(seed);
  REQUIRE(rbm_train_step(t.value(), rng, 1) == 1);
  return t.value().vel_w;
}

}  // namespace

TEST_CASE("cd-k: the update approaches the exact likelihood gradient as k grows") {
  Rng rng(21);
  const int nv = 5, nh = 3;
  Rbm r = random_rbm(nv, nh, 1.0f, 0.5f, rng);
  // Data: 4 patterns repeated, 8,000 rows each, so the Monte Carlo error is small.
  const float pats[4][5] = {{1, 1, 0, 0, 0}, {0, 0, 1, 1, 1}, {1, 0, 1, 0, 1}, {1, 1, 1, 0, 0}};
  std::vector<float> data;
  for (int rep = 0; rep < 8000; ++rep)
    for (auto& p : pats) data.insert(data.end(), p, p + nv);
  const auto g = exact_grad_w(r, data);
  auto err = [&](const std::vector<float>& est) {
    double m = 0;
    for (size_t i = 0; i < g.size(); ++i) m = std::max(m, std::fabs(est[i] - g[i]));
    return m;
  };
  const double e1 = err(cd_estimate(r, data, 1, 1));
  const double e3 = err(cd_estimate(r, data, 3, 2));
  const double e50 = err(cd_estimate(r, data, 50, 3));
  double gmax = 0;
  for (double x : g) gmax = std::max(gmax, std::fabs(x));
  std::printf("CD-k vs exact gradient (max |g| = %.3f): max err k=1 %.4f, k=3 %.4f, k=50 %.4f\n", gmax,
              e1, e3, e50);
  CHECK(e50 < 0.015);      // Monte Carlo noise only (32,000 chains)
  CHECK(e1 > 2.0 * e50);   // CD-1 is visibly biased on this model
}

TEST_CASE("training on seed 003's toy raises the probability of the data states (KL falls)") {
  const std::vector<float> rows = toy_people_rows();
  Rng rng(4);
  Rbm r = rbm_make(3, 2);
  rbm_init(r, rng, rows);
  const double kl0 = exact_kl(r, rows);
  auto made = rbm_trainer_make(r, rows, RbmTrainConfig{.batch_size = 6, .k = 1, .learning_rate = 0.2f,
                                                       .momentum = 0.5f});
  REQUIRE(made.ok());
  RbmTrainer& t = made.value();
  rbm_train_step(t, rng, 3000);
  REQUIRE(t.status.ok());
  const double kl1 = exact_kl(t.rbm, rows);
  const auto pm = p_visible(t.rbm);
  const double p_data = pm[0b101] + pm[0b010];  // A,C = bits 0 and 2; B = bit 1
  std::printf("toy: KL %.4f -> %.4f nats, P(data states) %.3f\n", kl0, kl1, p_data);
  CHECK(kl1 < 0.5 * kl0);
  CHECK(p_data > 0.8);
}

TEST_CASE("k schedule: seed 000's 1 + epoch/50 over 200 epochs") {
  const RbmTrainConfig c{.k = 1, .k_every = 50, .k_max = 5};
  CHECK(rbm_schedule_k(c, 1) == 1);
  CHECK(rbm_schedule_k(c, 40) == 1);
  CHECK(rbm_schedule_k(c, 90) == 2);
  CHECK(rbm_schedule_k(c, 146) == 3);
  CHECK(rbm_schedule_k(c, 190) == 4);
  CHECK(rbm_schedule_k(c, 200) == 5);
  CHECK(rbm_schedule_k(c, 1000) == 5);
  CHECK(rbm_schedule_k(RbmTrainConfig{.k = 10}, 77) == 10);
}

TEST_CASE("trainer: progress counters, epochs limit, and determinism for a seed") {
  const Dataset d = shapes_16x16();
  const auto data = dataset_to_float(d, Binarize::None);
  auto run = [&](uint64_t seed, RbmMethod method) {
    Rng rng(seed);
    Rbm r = rbm_make(256, 32, 16, 16);
    rbm_init(r, rng, data);
    auto t = rbm_trainer_make(r, data, RbmTrainConfig{.method = method, .batch_size = 5, .k = 2,
                                                      .learning_rate = 0.1f, .momentum = 0.5f,
                                                      .weight_decay = 1e-4f, .epochs = 7});
    REQUIRE(t.ok());
    int total = 0;
    while (int m = rbm_train_step(t.value(), rng, 3)) total += m;
    return std::make_pair(total, std::move(t.value()));
  };
  auto [n1, t1] = run(99, RbmMethod::Cd);
  auto [n2, t2] = run(99, RbmMethod::Cd);
  auto [n3, t3] = run(100, RbmMethod::Cd);
  auto [n4, t4] = run(99, RbmMethod::Pcd);
  CHECK(t1.batches_per_epoch == 2);  // 12 rows / 5: the remainder of each shuffle is skipped
  CHECK(n1 == 14);
  CHECK(t1.epoch == 7);
  CHECK(t1.batch == 0);
  CHECK(t1.updates == 14);
  CHECK(rbm_train_finished(t1));
  CHECK(t1.rbm.w == t2.rbm.w);  // same seed, same weights bit for bit
  CHECK(t1.rbm.w != t3.rbm.w);
  CHECK(t4.rbm.w != t1.rbm.w);  // PCD differs from CD
  CHECK(t1.last_update_ratio > 0);
  CHECK(t1.last_update_ratio < 1);
  CHECK(t1.last_epoch_recon_error > 0);
  CHECK(t4.last_recon_error > 0);
}

TEST_CASE("trainer: invalid settings are refused with a message naming the field") {
  const auto rows = toy_people_rows();
  const Rbm r = rbm_make(3, 2);
  auto bad_lr = rbm_trainer_make(r, rows, RbmTrainConfig{.learning_rate = -1});
  REQUIRE(!bad_lr.ok());
  CHECK(bad_lr.error().find("learning rate") != std::string::npos);
  auto bad_mom = rbm_trainer_make(r, rows, RbmTrainConfig{.momentum = 1.0f});
  CHECK(!bad_mom.ok());
  auto bad_data = rbm_trainer_make(r, std::vector<float>{0, 1}, RbmTrainConfig{});
  CHECK(!bad_data.ok());
  auto out_of_range = rbm_trainer_make(r, std::vector<float>{0, 2, 1}, RbmTrainConfig{});
  CHECK(!out_of_range.ok());
}

TEST_CASE("divergence guard: lr = 100 stops with a clear error, never NaN weights") {
  const auto data = dataset_to_float(shapes_16x16(), Binarize::None);
  Rng rng(1);
  Rbm r = rbm_make(256, 64, 16, 16);
  rbm_init(r, rng, data);
  auto made = rbm_trainer_make(r, data, RbmTrainConfig{.batch_size = 4, .k = 1, .learning_rate = 100.0f,
                                                       .momentum = 0.9f});
  REQUIRE(made.ok());
  RbmTrainer& t = made.value();
  int done = 0;
  for (int i = 0; i < 2000 && !rbm_train_finished(t); ++i) done += rbm_train_step(t, rng, 1);
  std::printf("lr = 100: stopped after %d updates: %s\n", done, t.status.message.c_str());
  REQUIRE(!t.status.ok());
  CHECK(t.status.message.find("learning rate 100") != std::string::npos);
  for (float w : t.rbm.w) REQUIRE(std::isfinite(w));
  for (float w : t.rbm.w) REQUIRE(std::fabs(w) <= t.config.weight_limit);
  CHECK(rbm_train_step(t, rng, 10) == 0);  // stays stopped
  // set_model clears the error so the user can continue with a fixed model.
  CHECK(rbm_trainer_set_model(t, r).ok());
  CHECK(t.status.ok());
}

TEST_CASE("extreme settings: nh = 1, batch 1, large lr, PCD never crash or produce NaN") {
  const auto data = dataset_to_float(shapes_16x16(), Binarize::None);
  for (RbmMethod method : {RbmMethod::Cd, RbmMethod::Pcd})
    for (float lr : {1e-6f, 1.0f, 100.0f, 1000.0f}) {
      Rng rng(2);
      Rbm r = rbm_make(256, 1, 16, 16);
      rbm_init(r, rng, data);
      auto made = rbm_trainer_make(r, data, RbmTrainConfig{.method = method, .batch_size = 1, .k = 3,
                                                           .learning_rate = lr, .momentum = 0.95f,
                                                           .sample_visible = false});
      REQUIRE(made.ok());
      RbmTrainer& t = made.value();
      rbm_train_step(t, rng, 300);
      for (float w : t.rbm.w) REQUIRE(std::isfinite(w));
      for (float b : t.rbm.b) REQUIRE(std::isfinite(b));
      for (float c : t.rbm.c) REQUIRE(std::isfinite(c));  // hidden biases: a learning rate of 1000 hits them first
      CHECK(std::isfinite(t.last_recon_error));
    }
}
