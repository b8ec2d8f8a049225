// test_scene_dbn.cpp: the deep-belief-net scene's rules (web/scenes/dbn/dbn_model), natively and
// under node: a link sets the settings; a model file loads (a bad one changes nothing) and its
// chains dream at once; training from scratch goes layer by layer with a monitor per layer and
// ends in a scored, dreaming model; hyper-parameters reach the layer training now while a new
// network asks first when a run would be lost; a trained model is unsaved work until saved;
// pacing honours the budget; dreams with a clamped label are classified as that label (on the
// stand-in bar digits, and on the page's pretrained MNIST DBN when its file is there).
#include <doctest/doctest.h>

#include <cmath>
#include <numeric>

#include "dbn_model.hpp"
#include "model_io.hpp"
#include "scene_test_util.hpp"

using namespace web;

namespace {
const ebm::DatasetSplit& data() {
  static const ebm::DatasetSplit d = scene_test::bar_split(600, 100);
  return d;
}
std::vector<std::string> link(DbnModel& m, std::initializer_list<Param> ps) {
  const std::vector<Param> v(ps);
  return m.apply_link(std::span<const Param>(v));
}
// Small and quick: 784-24, top (24 + 10) x 32, on the 600 stand-in digits (rules, not quality).
DbnSettings tiny() {
  return {.layer1 = 24, .layer2 = 0, .top = 32, .train_rows = 600, .pixels = ebm::Binarize::Threshold, .epochs = 3,
          .top_epochs = 8, .lr = 0.1f, .k = 1, .top_k = 5, .batch = 20, .seed = 2};
}
// Enough to learn the ten bar classes and dream them: 784-32, top (32 + 10) x 64, CD-10 on top.
DbnSettings good() {
  return {.layer1 = 32, .layer2 = 0, .top = 64, .train_rows = 600, .pixels = ebm::Binarize::Threshold, .epochs = 5,
          .top_epochs = 30, .lr = 0.1f, .k = 1, .top_k = 10, .batch = 10, .seed = 2, .chains = 20};
}
// Runs the model's frames (zero budget: one unit per frame) until training ends.
void train_to_end(DbnModel& m, int max_frames = 100000) {
  for (int i = 0; i < max_frames && (m.training() || m.evaluating()); ++i) m.step(0.0, 0.0);
}
// An untrained DBN of the scene's shape, as file bytes.
std::vector<uint8_t> random_file(int labels = kDbnLabels) {
  ebm::Rng rng(4);
  ebm::Dbn d;
  d.labels = labels;
  d.width = d.height = kDbnSide;
  d.layers.push_back(ebm::rbm_make(784, 16, 28, 28));
  d.top = ebm::rbm_make(16 + labels, 20);
  for (float& w : d.layers[0].w) w = 0.1f * rng.normal();
  for (float& w : d.top.w) w = 0.3f * rng.normal();
  return ebm::dbn_to_binary(d);
}
// Fraction of dreams (label `each`) the model's own classifier gives their clamped label, after
// `sweeps` sweeps from the chains' start.
double dream_agreement(DbnModel& m, int sweeps) {
  m.restart_chains();
  for (int i = 0; i < sweeps; ++i) m.step_sweep();
  const ebm::Dbn& d = m.dbn();
  ebm::DbnScratch s;
  int agree = 0;
  for (int r = 0; r < m.chains().n; ++r) {
    const auto img = ebm::dbn_chains_image(m.chains(), d, r);
    int got = -1;
    ebm::dbn_classify(d, img.data(), 1, &got, s);
    agree += got == dbn_chain_clamp(m.settings().label, r);
  }
  return double(agree) / m.chains().n;
}
}  // namespace

TEST_CASE("dbn model: a link sets the settings and names bad parameters; the table writes back what it read") {
  DbnModel m;
  const auto notes = link(m, {{"layer1", "64"}, {"layer2", "0"}, {"label", "7"}, {"lr", "0.02"}, {"top_k", "3"},
                              {"chains", "16"}, {"label", "eleven"}, {"epochs", "0"}, {"nonsense", "1"}});
  REQUIRE(notes.size() == 3);
  CHECK(notes[0].find("label") != std::string::npos);
  CHECK(notes[1].find("epochs=0 is out of range") != std::string::npos);
  CHECK(notes[2].find("unknown parameter nonsense") != std::string::npos);
  CHECK(m.settings().layer1 == 64);
  CHECK(m.settings().layer2 == 0);
  CHECK(m.settings().label == 8);  // digit 7
  CHECK(dbn_chain_clamp(m.settings().label, 3) == 7);
  CHECK(m.settings().chains == 16);
  const ebm::DbnConfig c = dbn_config(m.settings());
  CHECK(c.hidden == std::vector<int>{64});
  CHECK(c.top.k == 3);
  CHECK(c.layer.k == 1);
  CHECK(c.layer.learning_rate == 0.02f);
  const auto ps = settings_params(dbn_settings_table(), m.settings());
  DbnModel again;
  CHECK(again.apply_link(std::span<const Param>(ps)).empty());
  CHECK(!settings_diff(dbn_settings_table(), again.settings(), m.settings()).changed);
  CHECK(dbn_chain_clamp(kDbnLabelEach, 13) == 3);
  CHECK(dbn_chain_clamp(kDbnLabelFree, 0) == -1);
}

TEST_CASE("dbn model: a model file loads and dreams at once; a bad file changes nothing") {
  DbnModel m({.chains = 12, .speed = 100.0f});
  CHECK(!m.has_model());
  CHECK(m.phase() == DbnScenePhase::Loading);
  const std::vector<uint8_t> junk = {'E', 'B', 'M', 'D', 'B', 'N', 0, 0, 1};
  CHECK(!m.load_bytes(junk, "junk.bin", DbnSource::File));
  CHECK(m.error().find("Could not load junk.bin") != std::string::npos);
  CHECK(!m.has_model());
  CHECK(!m.load_bytes(random_file(4), "four.bin", DbnSource::File));
  CHECK(m.error().find("10") != std::string::npos);
  REQUIRE(m.load_bytes(random_file(), "the pretrained DBN", DbnSource::Pretrained));
  CHECK(m.error().empty());
  REQUIRE(m.chains().n == 12);
  CHECK(m.playing());
  const std::vector<float> w = m.dbn().top.w;
  for (int i = 0; i < 10; ++i) m.step(0.01, 50.0);  // 100 sweeps/s for 0.1 s
  CHECK(m.chains().sweeps >= 8);
  CHECK(m.chains().sweeps <= 12);
  for (int r = 0; r < m.chains().n; ++r) {
    CHECK(ebm::dbn_chains_label(m.chains(), m.dbn(), r) == r % 10);  // clamped: one per label
    double sum = 0;
    for (int l = 0; l < 10; ++l) sum += m.posterior()[r * 10 + l];
    CHECK(sum == doctest::Approx(1.0));
    for (float v : ebm::dbn_chains_image(m.chains(), m.dbn(), r)) CHECK((v >= 0.0f && v <= 1.0f));
  }
  // A clamped label restarts the chains on it; "free" lets them run on from where they are.
  DbnSettings next = m.settings();
  next.label = 1 + 4;
  m.propose(next);
  CHECK(m.chains().sweeps == 0);
  m.step_sweep();
  CHECK(!m.playing());
  for (int r = 0; r < m.chains().n; ++r) CHECK(ebm::dbn_chains_label(m.chains(), m.dbn(), r) == 4);
  const std::vector<float> state = m.chains().v;
  next.label = kDbnLabelFree;
  m.propose(next);
  CHECK(m.chains().sweeps == 1);
  CHECK(m.chains().v == state);
  for (int r = 0; r < m.chains().n; ++r) CHECK(m.chains().clamp[r] == -1);
  for (int i = 0; i < 50; ++i) m.step_sweep();
  bool moved = false;  // the random net's free label units change
  for (int r = 0; r < m.chains().n; ++r) moved |= ebm::dbn_chains_label(m.chains(), m.dbn(), r) != 4;
  CHECK(moved);
  // A bad file now keeps the loaded model.
  CHECK(!m.load_bytes(junk, "junk.bin", DbnSource::File));
  CHECK(m.error().find("unchanged") != std::string::npos);
  CHECK(m.dbn().top.w == w);
  CHECK(m.source() == DbnSource::Pretrained);
  m.load_failed("the pretrained DBN", "HTTP 404");
  CHECK(m.error() == "Could not load the pretrained DBN: HTTP 404. The current model is unchanged.");
}

TEST_CASE("dbn model: training from scratch goes layer by layer and ends in a scored, dreaming model") {
  DbnModel m(good());
  REQUIRE(m.load_bytes(random_file(), "the pretrained DBN", DbnSource::Pretrained));
  m.toggle_training();  // before the digits: starts once they arrive
  CHECK(!m.training());
  m.set_data(&data());
  CHECK(m.evaluating());  // the loaded model is scored on the held-out digits
  m.step(0.0, 0.0);
  REQUIRE(m.training());
  REQUIRE(m.trainer() != nullptr);
  CHECK(ebm::dbn_stage_count(*m.trainer()) == 2);
  // Stages finish in order: while stage s trains, every stage below it is complete.
  int last_stage = 0;
  bool saw_propagating = false;
  for (int i = 0; i < 100000 && m.training(); ++i) {
    m.step(0.0, 0.0);
    if (!m.trainer() || !m.training()) break;
    const int s = std::min(m.trainer()->stage, 1);
    CHECK(s >= last_stage);
    last_stage = s;
    for (int b = 0; b < s; ++b) CHECK(m.stage_fraction(b) == 1.0f);
    saw_propagating |= m.phase() == DbnScenePhase::Propagating;
  }
  CHECK(saw_propagating);
  REQUIRE(m.trainer()->phase == ebm::DbnPhase::Done);
  CHECK(m.stage_fraction(0) == 1.0f);
  CHECK(m.stage_fraction(1) == 1.0f);
  // One point per epoch per layer, and the error of each layer fell over its epochs.
  REQUIRE(m.monitors().size() == 2);
  CHECK(m.monitors()[0].epoch.size() == 5);
  CHECK(m.monitors()[1].epoch.size() == 30);
  for (const DbnStageMonitor& mon : m.monitors()) {
    CHECK(mon.batch.size() >= mon.epoch.size());
    CHECK(mon.epoch.y.back() < mon.epoch.y.front());
  }
  CHECK(m.source() == DbnSource::Trained);
  CHECK(m.dbn().layers.size() == 1);
  CHECK(m.dbn().top.nh == 64);
  CHECK(m.unsaved());
  train_to_end(m);
  CHECK(m.eval_rows() == 100);
  CHECK(m.accuracy() > 0.9);  // bars are easy
  CHECK(m.phase() == DbnScenePhase::Ready);
  // Its dreams, one chain per label (pen units start off), are mostly classified as their label.
  const double agree = dream_agreement(m, 100);
  MESSAGE("stand-in digits: held-out accuracy " << m.accuracy() << ", dreams classified as their clamped label " << agree);
  CHECK(agree >= 0.7);
}

TEST_CASE("dbn model: hyper-parameters reach the layer training now; a new network asks first") {
  DbnModel m(tiny());
  m.set_data(&data());
  m.toggle_training();
  for (int i = 0; i < 5; ++i) m.step(0.0, 0.0);
  REQUIRE(m.training());
  const ebm::DbnTrainer& t = *m.trainer();
  const std::vector<float> w = t.current.rbm.w;
  const int64_t updates = t.current.updates;
  DbnSettings next = m.settings();
  next.lr = 0.03f;
  next.k = 2;
  next.top_k = 7;
  next.momentum = 0.8f;
  m.propose(next);
  CHECK(!m.guard().pending());
  CHECK(t.current.config.learning_rate == 0.03f);
  CHECK(t.current.config.momentum == 0.8f);
  CHECK(t.current.k_current == 2);  // layer 1 trains with k, the top will with top_k
  CHECK(t.config.top.k == 7);
  CHECK(t.config.top.learning_rate == 0.03f);
  CHECK(t.current.rbm.w == w);  // nothing restarted
  CHECK(t.current.updates == updates);
  // A different network would lose the run: asked first, and cancel keeps everything.
  next.layer1 = 40;
  m.propose(next);
  REQUIRE(m.guard().pending());
  CHECK(!m.training());  // paused while the question is open
  CHECK(m.settings().layer1 == 24);
  m.guard().cancel();
  REQUIRE(m.trainer() != nullptr);
  CHECK(m.trainer()->current.rbm.w == w);
  m.propose(next);
  m.guard().confirm();
  CHECK(m.settings().layer1 == 40);
  CHECK(m.trainer() == nullptr);
  CHECK(!m.unsaved());
  // With no run in progress, a new network needs no question: it is for the next run.
  next.layer1 = 30;
  m.propose(next);
  CHECK(!m.guard().pending());
  CHECK(m.settings().layer1 == 30);
}

TEST_CASE("dbn model: a trained model is unsaved work until saved; loading another asks first") {
  DbnModel m(tiny());
  m.set_data(&data());
  m.toggle_training();
  m.step(0.0, 0.0);
  CHECK(m.unsaved());  // a run in progress counts
  train_to_end(m);
  REQUIRE(m.source() == DbnSource::Trained);
  CHECK(m.unsaved());
  // Train again or load: asked first.
  m.toggle_training();
  CHECK(m.guard().pending());
  m.guard().cancel();
  CHECK(m.source() == DbnSource::Trained);
  bool ran = false;
  m.guarded([&] { ran = true; });
  CHECK(!ran);
  m.guard().confirm();
  CHECK(ran);
  // Saving clears it; the file reads back as the same net.
  const std::string json = m.save_json();
  CHECK(!m.unsaved());
  auto back = ebm::dbn_from_bytes(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(json.data()), json.size()), 784);
  REQUIRE(back.ok());
  CHECK(back.value().top.w == m.dbn().top.w);
  CHECK(back.value().layers[0].w == m.dbn().layers[0].w);
  ran = false;
  m.guarded([&] { ran = true; });
  CHECK(ran);
  // A run can be discarded (asked first once it has made updates).
  m.toggle_training();
  m.step(0.0, 0.0);
  REQUIRE(m.training());
  m.request_discard_training();
  REQUIRE(m.guard().pending());
  m.guard().confirm();
  CHECK(m.trainer() == nullptr);
  CHECK(m.source() == DbnSource::Trained);  // the finished model dreams on
}

TEST_CASE("dbn model: pacing trains within the budget once the cost is known, and only while training") {
  DbnSettings s = tiny();
  s.layer1 = 64;
  DbnModel m(s);
  m.set_data(&data());
  m.step(0.0, 50.0);
  CHECK(m.train_units() == 0);  // not asked to train
  m.toggle_training();
  for (int i = 0; i < 20; ++i) m.step(0.0, 1.0);
  const double per = m.train_pacer().ms_per_unit;
  CHECK(per > 0);
  const int64_t before = m.train_units();
  m.step(0.0, 1.0);
  const int64_t made = m.train_units() - before;
  CHECK(made >= 1);
  CHECK(made <= std::max<int64_t>(1, static_cast<int64_t>(1.0 / per)) + 1);
  m.toggle_training();  // pause
  const int64_t paused = m.train_units();
  m.step(0.0, 50.0);
  CHECK(m.train_units() == paused);
}

TEST_CASE("dbn model: the pretrained MNIST DBN's dreams are classified as their clamped label") {
  auto bytes = ebm::read_file_bytes("build/web/site/assets/dbn_mnist.bin");
  if (!bytes.ok()) {
    MESSAGE("build/web/site/assets/dbn_mnist.bin not found (run from the repository after scripts/build.sh): skipped");
    return;
  }
  DbnModel m({.chains = 40});
  REQUIRE(m.load_bytes(bytes.value(), "the pretrained DBN", DbnSource::Pretrained));
  const double agree = dream_agreement(m, 200);
  MESSAGE("pretrained DBN: dreams classified as their clamped label: " << agree);
  CHECK(agree >= 0.7);
}
