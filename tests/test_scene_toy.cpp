// test_scene_toy.cpp: the exact RBM scene's rules (web/scenes/toy/toy_model), natively: a link
// builds the toy once with its settings and writes them back exactly; the tutorial's start
// reproduces its scores and every enumeration sums to 1; hyper-parameters change the running
// trainer without touching the weights; a new starting model waits for the user once this one
// has trained; updates follow the speed but never more than the budget fits; training lowers
// the exact KL and extreme rates stay finite.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "toy_model.hpp"

using namespace web;

namespace {
std::vector<std::string> link(ToyModel& m, std::initializer_list<Param> ps) {
  const std::vector<Param> v(ps);
  return m.apply_link(std::span<const Param>(v));
}
ToyModel trained(int updates, ToySettings s = {.start = ToyStart::Random, .lr = 0.2f}) {
  ToyModel m(s);
  for (int i = 0; i < updates; ++i) m.step_update();
  return m;
}
}  // namespace

TEST_CASE("toy model: a link builds the toy with its settings and writes them back exactly") {
  ToyModel m;
  const auto notes = link(m, {{"start", "random"}, {"lr", "0.2"}, {"k", "3"}, {"pcd", "1"}, {"speed", "400"},
                              {"seed", "5"}, {"play", "1"}, {"k", "500"}, {"start", "hand"}, {"nonsense", "2"}});
  REQUIRE(notes.size() == 3);
  CHECK(notes[0] == "k=500 is out of range; expected 1 to 100.");
  CHECK(notes[1] == "start=hand is not one of: tutorial random.");
  CHECK(notes[2].find("unknown parameter nonsense for the exact RBM scene") != std::string::npos);
  const ebm::RbmTrainer& t = m.trainer();
  CHECK(m.settings().start == ToyStart::Random);
  CHECK(t.config.learning_rate == 0.2f);
  CHECK(t.config.k == 3);
  CHECK(t.config.method == ebm::RbmMethod::Pcd);
  CHECK(t.config.batch_size == kToyRows);
  CHECK(m.settings().speed == 400.0f);
  CHECK(m.playing());
  CHECK(!m.settings().play);
  const auto ps = settings_params(toy_settings_table(), m.settings());
  CHECK(std::none_of(ps.begin(), ps.end(), [](const Param& p) { return p.key == "play"; }));
  ToyModel again;
  CHECK(again.apply_link(std::span<const Param>(ps)).empty());
  CHECK(!settings_diff(toy_settings_table(), again.settings(), m.settings()).changed);
  CHECK(again.trainer().rbm.w == t.rbm.w);  // the same random start from the same seed
}

TEST_CASE("toy model: the tutorial's start reproduces its scores; every enumeration is a distribution") {
  const ToyModel m;
  REQUIRE(m.states().size() == static_cast<size_t>(kToyStates));
  auto score = [&](int a, int b, int c, int d, int e) {
    return m.states()[static_cast<size_t>(a << 4 | b << 3 | c << 2 | d << 1 | e)].score;
  };
  CHECK(score(0, 1, 0, 0, 1) == doctest::Approx(7));   // B with E
  CHECK(score(1, 0, 1, 1, 0) == doctest::Approx(8));   // A, C with D
  CHECK(score(1, 0, 1, 0, 1) == doctest::Approx(-1));  // A, C with E
  CHECK(score(1, 0, 0, 0, 1) == doctest::Approx(2));   // A with E: A-E is 0
  CHECK(score(0, 0, 1, 0, 1) == doctest::Approx(-2));  // C with E: C-E is -4
  for (const ToyState& st : m.states())
    CHECK(st.visible == static_cast<int>(st.v[0] * 4 + st.v[1] * 2 + st.v[2]));
  CHECK(m.p_sum() == doctest::Approx(1.0).epsilon(1e-5));
  float pv = 0;
  for (float p : m.p_visible()) pv += p;
  CHECK(pv == doctest::Approx(1.0f).epsilon(1e-5));
  CHECK(m.p_data()[0b101] == doctest::Approx(4.0 / 6));
  CHECK(m.p_data()[0b010] == doctest::Approx(2.0 / 6));
  CHECK(m.kl_history().size() == 1);
}

TEST_CASE("toy model: a live setting changes the running trainer and keeps the weights") {
  ToyModel m = trained(20);
  const ebm::RbmTrainer& t = m.trainer();
  REQUIRE(t.updates == 20);
  const std::vector<float> w = t.rbm.w;
  ToySettings next = m.settings();
  next.lr = 0.05f;
  next.k = 7;
  next.pcd = true;
  next.speed = 2000.0f;
  m.propose(next);
  CHECK(!m.guard().pending());
  CHECK(t.config.learning_rate == 0.05f);
  CHECK(t.k_current == 7);
  CHECK(t.config.method == ebm::RbmMethod::Pcd);
  CHECK(t.rbm.w == w);
  CHECK(t.updates == 20);
  CHECK(m.kl_history().size() == 21);
  m.step_update();
  CHECK(t.updates == 21);
}

TEST_CASE("toy model: a new starting model asks first once this one has trained") {
  ToyModel fresh;
  ToySettings next = fresh.settings();
  next.start = ToyStart::Random;
  fresh.propose(next);
  CHECK(!fresh.guard().pending());
  CHECK(fresh.settings().start == ToyStart::Random);

  ToyModel m = trained(5);
  REQUIRE(m.unsaved());
  const std::vector<float> w = m.trainer().rbm.w;
  next = m.settings();
  next.seed = 9;
  m.propose(next);
  REQUIRE(m.guard().pending());
  CHECK(m.guard().what() == "a model trained for 5 updates");
  m.set_playing(true);
  CHECK(!m.playing());
  m.guard().cancel();
  CHECK(m.settings().seed == 1);
  CHECK(m.trainer().rbm.w == w);
  m.propose(next);
  m.guard().confirm();
  CHECK(m.settings().seed == 9);
  CHECK(m.trainer().updates == 0);
  CHECK(!m.unsaved());
  ToyModel r = trained(2);
  r.request_reset();
  CHECK(r.guard().pending());
  r.guard().confirm();
  CHECK(r.trainer().updates == 0);
  CHECK(r.trainer().rbm.w == ToyModel({.start = ToyStart::Random, .lr = 0.2f}).trainer().rbm.w);
}

TEST_CASE("toy model: updates follow the speed and never exceed what the budget fits") {
  ToyModel m({.speed = 5000.0f});
  m.step(0.1, 5.0);
  CHECK(m.trainer().updates == 0);  // paused
  m.set_playing(true);
  for (int i = 0; i < 30; ++i) m.step(1.0 / 60.0, 1.0);
  for (double budget : {0.0, 0.05, 1.0}) {
    const int64_t fit = pacer_fit(m.pacer(), budget, kToyMaxUpdatesPerFrame);
    const int64_t before = m.trainer().updates;
    m.step(0.1, budget);  // 500 updates due at full speed
    const int64_t made = m.trainer().updates - before;
    CHECK(made >= 1);
    CHECK(made <= fit);
  }
  ToyModel slow({.speed = 5.0f});
  slow.set_playing(true);
  for (int i = 0; i < 20; ++i) slow.step(0.1, 7.0);
  CHECK(slow.trainer().updates == 10);
}

TEST_CASE("toy model: training lowers the exact KL; an extreme rate stays finite") {
  ToyModel m = trained(400);
  CHECK(m.kl() < 0.7 * m.kl_start());
  CHECK(m.p_sum() == doctest::Approx(1.0).epsilon(1e-4));
  // CD's gradient vanishes as the units saturate, so lr = 100 does not diverge here: it must
  // still give finite weights and a distribution (else the trainer stops with a message).
  ToyModel wild({.start = ToyStart::Random, .lr = 100.0f});
  wild.set_playing(true);
  for (int i = 0; i < 500; ++i) wild.step(0.1, 7.0);
  CHECK(wild.trainer().updates > 100);
  for (float x : wild.trainer().rbm.w) CHECK(std::isfinite(x));
  CHECK(std::isfinite(wild.kl()));
  CHECK(wild.p_sum() == doctest::Approx(1.0).epsilon(1e-4));
  CHECK(wild.playing() == wild.trainer().status.ok());
}
