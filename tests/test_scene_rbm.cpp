// test_scene_rbm.cpp: the RBM lab's rules (web/scenes/rbm/rbm_model), natively: a link builds
// the model once with its settings; hyper-parameters change the running trainer without losing
// the model, momentum or chains; a change that needs a new model waits for the user when
// training is unsaved; a bad model file changes nothing; divergence stops with a message.
#include <doctest/doctest.h>

#include <cmath>

#include "model_io.hpp"
#include "rbm_model.hpp"
#include "scene_test_util.hpp"

using namespace web;

namespace {
const ebm::DatasetSplit& data() {
  static const ebm::DatasetSplit d = scene_test::bar_split(600, 100);
  return d;
}
std::vector<std::string> link(RbmModel& m, std::initializer_list<Param> ps) {
  const std::vector<Param> v(ps);
  return m.apply_link(std::span<const Param>(v));
}
// A model with `batches` updates of training on the stand-in digits.
RbmModel trained(int batches, RbmSettings s = {.hidden = 12, .train_rows = 600, .batch = 20}) {
  RbmModel m(s);
  m.set_data(&data());
  m.set_playing(true);
  for (int i = 0; i < batches; ++i) m.step(0.0);  // a zero budget still trains one minibatch
  m.set_playing(false);
  return m;
}
}  // namespace

TEST_CASE("rbm model: nothing is built before the digits arrive; a link builds once with its settings") {
  RbmModel m;
  CHECK(!m.built());
  const auto notes = link(m, {{"hidden", "12"}, {"lr", "0.01"}, {"method", "cd"}, {"k", "3"}, {"train_rows", "600"},
                              {"binarize", "grey"}, {"play", "1"}, {"hidden", "5000"}, {"nonsense", "1"}});
  REQUIRE(notes.size() == 2);
  CHECK(notes[0].find("hidden=5000 is out of range; expected 1 to 1000") != std::string::npos);
  CHECK(notes[1].find("unknown parameter nonsense") != std::string::npos);
  CHECK(!m.built());
  m.set_data(&data());
  REQUIRE(m.built());
  CHECK(m.rbm().nh == 12);
  CHECK(m.trainer().n == 600);
  CHECK(m.trainer().config.learning_rate == 0.01f);
  CHECK(m.trainer().config.method == ebm::RbmMethod::Cd);
  CHECK(m.trainer().config.k == 3);
  CHECK(m.settings().pixels == ebm::Binarize::None);
  CHECK(m.playing());  // play=1 is a launch flag: it starts training and is not kept as a setting
  CHECK(!m.settings().play);
  // The table writes back exactly what was applied.
  const auto ps = settings_params(rbm_settings_table(), m.settings());
  RbmModel again;
  CHECK(again.apply_link(std::span<const Param>(ps)).empty());
  CHECK(!settings_diff(rbm_settings_table(), again.settings(), m.settings()).changed);
}

TEST_CASE("rbm model: a live setting changes the running trainer and keeps model, momentum and chains") {
  RbmModel m = trained(12);
  const ebm::RbmTrainer& t = m.trainer();
  REQUIRE(t.updates == 12);
  REQUIRE(t.chains_started);
  const std::vector<float> w = t.rbm.w, vel = t.vel_w;
  const int64_t updates = t.updates;
  const uint64_t version = m.version();
  RbmSettings next = m.settings();
  next.lr = 0.2f;
  next.momentum = 0.9f;
  next.k = 4;
  m.propose(next);
  CHECK(!m.guard().pending());
  CHECK(t.config.learning_rate == 0.2f);
  CHECK(t.config.momentum == 0.9f);
  CHECK(t.k_current == 4);
  CHECK(t.rbm.w == w);      // the model is not rebuilt
  CHECK(t.vel_w == vel);    // nor the momentum
  CHECK(t.chains_started);  // nor the persistent chains
  CHECK(t.updates == updates);
  CHECK(m.version() == version);
  // A new batch size keeps the model and the epoch position, restarts the chains.
  next.batch = 7;
  m.propose(next);
  CHECK(t.config.batch_size == 7);
  CHECK(t.batches_per_epoch == 600 / 7);
  CHECK(t.rbm.w == w);
  CHECK(t.updates == updates);
  CHECK(!t.chains_started);
  m.set_playing(true);
  m.step(0.0);
  CHECK(t.updates == updates + 1);
  CHECK(std::isfinite(t.last_recon_error));
}

TEST_CASE("rbm model: a change that needs a new model asks first when training is unsaved") {
  RbmModel m = trained(5);
  REQUIRE(m.unsaved());
  const std::vector<float> w = m.rbm().w;
  RbmSettings next = m.settings();
  next.hidden = 20;
  m.propose(next);
  REQUIRE(m.guard().pending());
  CHECK(m.settings().hidden == 12);  // nothing changed yet
  CHECK(m.rbm().w == w);
  CHECK(!m.playing());
  m.set_playing(true);  // the question comes first
  CHECK(!m.playing());
  m.guard().cancel();
  CHECK(m.settings().hidden == 12);
  CHECK(m.rbm().w == w);
  m.propose(next);
  m.guard().confirm();
  CHECK(m.settings().hidden == 20);
  CHECK(m.rbm().nh == 20);
  CHECK(m.trainer().updates == 0);
  CHECK(!m.unsaved());
  // With nothing trained a rebuild needs no question.
  next.hidden = 8;
  m.propose(next);
  CHECK(!m.guard().pending());
  CHECK(m.rbm().nh == 8);
  // Reset follows the same rule.
  RbmModel r = trained(3);
  r.request_reset();
  CHECK(r.guard().pending());
  r.guard().confirm();
  CHECK(r.trainer().updates == 0);
}

TEST_CASE("rbm model: saving clears unsaved work; a bad file changes nothing; a good one replaces the model") {
  RbmModel m = trained(4);
  CHECK(m.unsaved());
  const std::string json = m.save_json();
  CHECK(!m.unsaved());
  m.set_playing(true);
  m.step(0.0);
  CHECK(m.unsaved());
  const std::vector<float> w = m.rbm().w;
  CHECK(!m.load_json("{\"format\": \"ebm-rbm\", \"version\": 1, \"nv\": 784", "broken.json", ModelSource::File));
  CHECK(m.error().find("Could not load broken.json") != std::string::npos);
  CHECK(m.error().find("unchanged") != std::string::npos);
  CHECK(m.rbm().w == w);
  RbmModel other = trained(2, {.hidden = 9, .train_rows = 600, .seed = 5, .batch = 20});
  const std::string other_json = other.save_json();
  REQUIRE(m.load_json(other_json, "other.json", ModelSource::File));
  CHECK(m.rbm().nh == 9);
  CHECK(m.settings().hidden == 9);
  CHECK(m.rbm().w == other.rbm().w);
  CHECK(!m.unsaved());  // a loaded model is already saved
  CHECK(m.source() == ModelSource::File);
  m.load_failed("the pretrained model", "HTTP 404");
  CHECK(m.error() == "Could not load the pretrained model: HTTP 404. The current model is unchanged.");
  CHECK(m.rbm().nh == 9);
  (void)json;
}

TEST_CASE("rbm model: the shipped binary model loads; training rows are shared bytes, not float copies") {
  RbmModel m = trained(3);
  REQUIRE(m.trainer().levels);
  CHECK(m.trainer().data.empty());
  CHECK(m.trainer().levels->size() == 600u * 784u);
  const auto* rows = m.trainer().levels.get();
  RbmModel other = trained(2, {.hidden = 7, .train_rows = 600, .seed = 3, .batch = 20});
  auto bin = ebm::rbm_to_binary(other.rbm(), ebm::RbmPrecision::Float16);
  REQUIRE(bin.ok());
  m.save_json();  // nothing unsaved: loading needs no question
  REQUIRE(m.load_bytes(bin.value(), "the pretrained model", ModelSource::Pretrained));
  CHECK(m.rbm().nh == 7);
  CHECK(m.trainer().levels.get() == rows);  // the same rows, not a copy
  for (size_t i = 0; i < other.rbm().w.size(); i += 97)
    CHECK(m.rbm().w[i] == doctest::Approx(other.rbm().w[i]).epsilon(1e-3));
  std::vector<uint8_t> cut = bin.value();
  cut.resize(100);
  CHECK(!m.load_bytes(cut, "the pretrained model", ModelSource::Pretrained));
  CHECK(m.error().find("ends early") != std::string::npos);
  CHECK(m.rbm().nh == 7);
  m.set_playing(true);
  m.step(0.0);  // trains on from the loaded model
  CHECK(m.trainer().updates == 1);
  CHECK(m.weights_finite());
}

TEST_CASE("rbm model: divergence stops training with a message; weights and biases stay finite") {
  RbmModel m({.hidden = 8, .train_rows = 300, .lr = 100.0f, .batch = 10, .momentum = 0.9f});
  m.set_data(&data());
  m.set_playing(true);
  for (int i = 0; i < 3000 && m.playing(); ++i) m.step(0.0);
  CHECK(!m.playing());
  CHECK(m.error().find("too large") != std::string::npos);
  CHECK(m.error().find("learning rate") != std::string::npos);
  CHECK(m.weights_finite());
  m.set_playing(true);  // a stopped trainer does not restart silently
  CHECK(!m.playing());
}

TEST_CASE("rbm model: pacing trains within the budget once the cost is known, and only while playing") {
  RbmModel m({.hidden = 12, .train_rows = 600, .batch = 20});
  m.set_data(&data());
  m.step(50.0);
  CHECK(m.trainer().updates == 0);  // paused
  m.set_playing(true);
  for (int i = 0; i < 20; ++i) m.step(1.0);
  const double per = m.train_pacer().ms_per_unit;
  CHECK(per > 0);
  const int64_t before = m.trainer().updates;
  m.step(1.0);
  const int64_t made = m.trainer().updates - before;
  // The plan is budget / cost (at least 1, capped per frame); AIS may take its share.
  CHECK(made >= 1);
  CHECK(made <= std::max<int64_t>(1, static_cast<int64_t>(1.0 / per)) + 1);
}
