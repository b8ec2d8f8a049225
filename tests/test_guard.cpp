// test_guard.cpp: the numerical guards of every trainer (guard.hpp). Each trainer is driven into
// divergence (the largest learning rate its configuration allows, a tight weight limit, or a NaN
// written into a weight): training stops with a message naming the problem, the model keeps
// finite weights, and the last good weights (from the trainer's last checkpoint) come back
// exactly, after which training at a sane learning rate goes on and stays finite.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "boltzmann.hpp"
#include "datasets.hpp"
#include "dbn.hpp"
#include "guard.hpp"
#include "hopfield.hpp"
#include "hopfield_rules.hpp"
#include "patterns.hpp"
#include "rbm.hpp"
#include "rbm_train.hpp"
#include "rng.hpp"

using namespace ebm;

namespace {

bool finite(const std::vector<float>& v) {
  for (float x : v)
    if (!std::isfinite(x)) return false;
  return true;
}

// 40 rows of 16 pixels: two stripes patterns with a little noise.
std::vector<float> stripes(Rng& rng) {
  std::vector<float> x;
  for (int r = 0; r < 40; ++r)
    for (int i = 0; i < 16; ++i) {
      const bool on = (r % 2 == 0) ? (i % 4 < 2) : (i / 4 < 2);
      x.push_back((on != (rng.uniform() < 0.05)) ? 1.0f : 0.0f);
    }
  return x;
}

}  // namespace

TEST_CASE("param_health: NaN and infinity are caught, the largest magnitude is measured") {
  const std::vector<float> ok{1.0f, -3.5f, 2.0f};
  CHECK(param_health(ok).finite);
  CHECK(param_health(ok).max_abs == 3.5);
  CHECK(param_health(ok).ok(3.5));
  CHECK(!param_health(ok).ok(3.0));
  const std::vector<double> nan{0.0, std::numeric_limits<double>::quiet_NaN(), 7.0};
  const ParamHealth h = param_health(nan);
  CHECK(!h.finite);
  CHECK(h.max_abs == 7.0);
  CHECK(param_health_problem(h, 100).find("NaN") != std::string::npos);
  const std::vector<float> inf{std::numeric_limits<float>::infinity()};
  CHECK(!merge(param_health(ok), param_health(inf)).finite);
  CHECK(param_health_problem(param_health(ok), 1.0).find("too large (max |w| = 3.5, limit 1)") != std::string::npos);
  CHECK(param_health_problem(param_health(ok), 10.0).empty());
}

TEST_CASE("rbm trainer: learning rate 1000 with momentum 0.9 stops with a message; the last good weights come back") {
  Rng rng(1);
  const std::vector<float> data = dataset_to_float(shapes_16x16(), Binarize::None);
  Rbm rbm = rbm_make(256, 64, 16, 16);
  rbm_init(rbm, rng, data);
  auto made = rbm_trainer_make(rbm, data, RbmTrainConfig{.batch_size = 4, .k = 1, .learning_rate = 1000.0f,
                                                         .momentum = 0.9f});
  REQUIRE(made.ok());
  RbmTrainer& t = made.value();
  std::vector<Rbm> at_epoch_start;  // the model as each epoch began
  for (int e = 0; e < 50 && t.status.ok(); ++e) {
    at_epoch_start.push_back(t.rbm);
    rbm_train_epoch(t, rng);
  }
  REQUIRE(!t.status.ok());
  CHECK(rbm_train_finished(t));
  CHECK(t.status.message.find("training stopped") != std::string::npos);
  CHECK(t.status.message.find("restore the last good ones") != std::string::npos);
  CHECK((finite(t.rbm.w) && finite(t.rbm.b) && finite(t.rbm.c)));
  CHECK(rbm_train_step(t, rng, 10) == 0);  // stopped stays stopped
  REQUIRE(t.good_epoch >= 0);
  REQUIRE(t.good_epoch < static_cast<int>(at_epoch_start.size()));
  REQUIRE(rbm_trainer_restore_good(t).ok());
  CHECK(t.status.ok());
  CHECK(t.rbm.w == at_epoch_start[t.good_epoch].w);
  CHECK(t.rbm.b == at_epoch_start[t.good_epoch].b);
  CHECK(t.rbm.c == at_epoch_start[t.good_epoch].c);
  // A sane learning rate trains on from there without diverging.
  REQUIRE(rbm_trainer_set_config(t, RbmTrainConfig{.batch_size = 4, .k = 1, .learning_rate = 0.05f}).ok());
    for (int e = 0; e < 5; ++e) rbm_train_epoch(t, rng);
  CHECK(t.status.ok());
  CHECK((finite(t.rbm.w) && std::isfinite(t.last_recon_error)));
}

TEST_CASE("rbm trainer: a NaN in the weights is refused at the next update and restore undoes it") {
  Rng rng(4);
  const std::vector<float> data = stripes(rng);
  Rbm rbm = rbm_make(16, 8);
  rbm_init(rbm, rng, data);
  auto made = rbm_trainer_make(rbm, data, RbmTrainConfig{.batch_size = 4, .k = 1, .learning_rate = 0.1f});
  REQUIRE(made.ok());
  RbmTrainer& t = made.value();
  rbm_train_epoch(t, rng);
  rbm_train_epoch(t, rng);
  const Rbm good = t.rbm;  // checkpointed at the start of epoch 3
  rbm_train_step(t, rng, 1);
  t.rbm.w[5] = std::numeric_limits<float>::quiet_NaN();  // a corrupted weight (a bad kernel, a cosmic ray)
  CHECK(rbm_train_step(t, rng, 1) == 0);
  CHECK(t.status.message.find("non-finite") != std::string::npos);
  CHECK(t.good_epoch == 2);
  REQUIRE(rbm_trainer_restore_good(t).ok());
  CHECK(t.rbm.w == good.w);
  CHECK(rbm_train_step(t, rng, 3) == 3);
}

TEST_CASE("boltzmann trainer: weights past the limit stop the learning rule; the checkpoint comes back") {
  const std::vector<uint8_t> rows = bm_dataset_rows(BmDataset::Parity4);
  const int n_rows = static_cast<int>(rows.size()) / 4;
  auto bm = bm_make(4, 2);
  REQUIRE(bm.ok());
  Rng init(5);
  bm_init_random(bm.value(), init, 0.1);
  BmTrainConfig cfg;
  cfg.learning_rate = 100;  // the largest the configuration allows
  cfg.stat_sweeps = 2;
  cfg.anneal.steps = 2;
  // How large the weights get in 60 learning steps at this rate; half of that is "exploding".
  double reached = 0;
  {
    auto free_run = bm_trainer_make(bm.value(), rows, n_rows, cfg);
    REQUIRE(free_run.ok());
    Rng rng(9);
    bm_train_updates(free_run.value(), rng, 60);
    REQUIRE(free_run.value().status.ok());
    reached = param_health(std::span<const double>(free_run.value().bm.w)).max_abs;
  }
  REQUIRE(reached > 10);
  cfg.weight_limit = reached / 2;
  auto made = bm_trainer_make(bm.value(), rows, n_rows, cfg);
  REQUIRE(made.ok());
  BmTrainer& t = made.value();
  Rng rng(9);
  std::vector<std::vector<double>> w_at;  // weights after each learning step
  w_at.push_back(t.bm.w);
  while (t.status.ok() && t.weight_updates < 60) {
    bm_train_updates(t, rng, 1);
    if (t.status.ok()) w_at.push_back(t.bm.w);
  }
  REQUIRE(!t.status.ok());
  CHECK(t.status.message.find("too large") != std::string::npos);
  CHECK(t.status.message.find("restore the last good ones") != std::string::npos);
  CHECK(param_health(std::span<const double>(t.bm.w)).ok(cfg.weight_limit));  // the refused step left them
  CHECK(bm_train_step(t, rng, 100) == 0);
  REQUIRE(t.good_weight_updates >= 0);
  CHECK(t.good_weight_updates % kBmCheckpointEvery == 0);
  REQUIRE(bm_trainer_restore_good(t).ok());
  CHECK(t.bm.w == w_at[t.good_weight_updates]);
  BmTrainConfig calm = cfg;
  calm.learning_rate = 0.1;
  REQUIRE(bm_trainer_set_config(t, calm).ok());
  const int64_t before = t.weight_updates;
  bm_train_updates(t, rng, 5);
  CHECK(t.status.ok());
  CHECK(t.weight_updates == before + 5);
}

TEST_CASE("optimized hopfield rule: an update past the weight limit is refused; the epoch's start weights come back") {
  std::vector<Pattern> ps;
  {
    Rng rng(6);
    for (int p = 0; p < 20; ++p) ps.push_back(random_pattern(64, rng));  // load 0.31: parasites appear
  }
  const OptimizedOptions free_opts{.lr = 100.0f, .parasite_steps = 2, .epochs = 8};
  double reached = 0;  // how large the weights get in 8 epochs at the largest rate
  {
    HopfieldNet net = hopfield_make(64);
    OptimizedTrainer t;
    Rng rng(1);
    REQUIRE(optimized_begin(t, net, ps, free_opts).ok());
    while (!optimized_done(t)) optimized_step(t, net, rng, 100);
    REQUIRE(t.status.ok());
    reached = param_health(std::span<const float>(net.w)).max_abs;
  }
  REQUIRE(reached > 1);
  OptimizedOptions opts = free_opts;
  opts.weight_limit = static_cast<float>(reached / 2);
  HopfieldNet net = hopfield_make(64);
  OptimizedTrainer t;
  Rng rng(1);
  REQUIRE(optimized_begin(t, net, ps, opts).ok());
  std::vector<std::vector<float>> w_at_epoch;
  while (!optimized_done(t)) {
    if (t.pos == static_cast<int>(ps.size()) && static_cast<int>(w_at_epoch.size()) == t.epoch)
      w_at_epoch.push_back(net.w);  // an epoch is about to start
    const std::vector<float> before = net.w;
    if (optimized_step(t, net, rng, 1) == 0) CHECK(net.w == before);  // a refused update changes nothing
  }
  REQUIRE(!t.status.ok());
  CHECK(t.status.message.find("too large") != std::string::npos);
  CHECK(param_health(std::span<const float>(net.w)).ok(opts.weight_limit));
  CHECK(optimized_step(t, net, rng, 5) == 0);
  REQUIRE(t.good_epoch >= 0);
  REQUIRE(t.good_epoch < static_cast<int>(w_at_epoch.size()));
  REQUIRE(optimized_restore_good(t, net).ok());
  CHECK(net.w == w_at_epoch[t.good_epoch]);
  CHECK(t.status.ok());
  CHECK(!optimized_validate(OptimizedOptions{.weight_limit = std::numeric_limits<float>::infinity()}).ok());
}

TEST_CASE("dbn trainer: a layer whose weights turn NaN fails the run; restore resumes it") {
  Rng rng(7);
  const Dataset shapes = shapes_16x16();
  const std::vector<float> x = dataset_to_float(shapes, Binarize::None);
  std::vector<uint8_t> y;
  for (int r = 0; r < shapes.count; ++r) y.push_back(static_cast<uint8_t>(r % 2));
  DbnConfig c;
  c.hidden = {32};
  c.top_hidden = 8;
  c.labels = 2;
  c.layer = RbmTrainConfig{.batch_size = 4, .k = 1, .learning_rate = 0.1f, .epochs = 6};
  c.top = RbmTrainConfig{.batch_size = 4, .k = 1, .learning_rate = 0.1f, .epochs = 2};
  auto made = dbn_trainer_make(x, y, 256, c, rng);
  REQUIRE(made.ok());
  DbnTrainer& t = made.value();
  dbn_train_step(t, rng, 7);  // into the third epoch of layer 1
  REQUIRE(t.phase == DbnPhase::Training);
  t.current.rbm.w[3] = std::numeric_limits<float>::infinity();
  while (!dbn_train_finished(t)) dbn_train_step(t, rng, 10);
  REQUIRE(t.phase == DbnPhase::Failed);
  CHECK(t.status.message.find("layer 1: training stopped") == 0);
  CHECK(t.status.message.find("non-finite") != std::string::npos);
  DbnTrainer none;
  CHECK(!dbn_trainer_restore_good(none).ok());  // nothing failed: nothing to restore
  REQUIRE(dbn_trainer_restore_good(t).ok());
  CHECK(t.phase == DbnPhase::Training);
  CHECK(finite(t.current.rbm.w));
  while (!dbn_train_finished(t)) dbn_train_step(t, rng, 50);
  CHECK(t.phase == DbnPhase::Done);
  CHECK(finite(t.dbn.top.w));
}
