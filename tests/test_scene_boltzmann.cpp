// test_scene_boltzmann.cpp: the Boltzmann machine scene's rules (web/scenes/boltzmann/
// boltzmann_model), natively: a link builds the machine once with its settings and writes them
// back exactly; learning and annealing settings change the running trainer without touching
// the weights; a new machine waits for the user once this one has learned; unit updates follow
// the speed but never more than the frame's budget fits; the P(v) chart's slots.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "boltzmann_model.hpp"

using namespace web;

namespace {
std::vector<std::string> link(BoltzmannModel& m, std::initializer_list<Param> ps) {
  const std::vector<Param> v(ps);
  return m.apply_link(std::span<const Param>(v));
}
// A machine after `steps` learning steps on the 2x2 bars.
BoltzmannModel trained(int steps, BoltzmannSettings s = {}) {
  BoltzmannModel m(s);
  for (int i = 0; i < steps; ++i) m.finish_update();
  return m;
}
}  // namespace

TEST_CASE("boltzmann model: a link builds the machine with its settings and writes them back exactly") {
  BoltzmannModel m;
  const auto notes = link(m, {{"data", "parity"}, {"hidden", "3"}, {"restricted", "1"}, {"lr", "0.05"},
                              {"tstart", "4"}, {"T", "0.5"}, {"anneal", "20"}, {"stats", "5"}, {"cooling", "linear"},
                              {"speed", "500"}, {"init", "1.5"}, {"seed", "7"}, {"play", "1"}, {"hidden", "99"},
                              {"data", "mnist"}, {"bogus", "1"}});
  REQUIRE(notes.size() == 3);
  CHECK(notes[0] == "hidden=99 is out of range; expected 0 to 6.");
  CHECK(notes[1] == "data=mnist is not one of: bars parity onehot people encoder.");
  CHECK(notes[2].find("unknown parameter bogus for the Boltzmann scene") != std::string::npos);
  const ebm::BmTrainer& t = m.trainer();
  CHECK(m.nv() == 4);
  CHECK(t.bm.nh == 3);
  CHECK(t.bm.restricted);
  CHECK(t.rows == 8);  // the eight even-parity vectors
  CHECK(t.config.learning_rate == doctest::Approx(0.05));
  CHECK(t.config.anneal.kind == ebm::ScheduleKind::Linear);
  CHECK(t.config.anneal.t_start == 4.0f);
  CHECK(ebm::bm_collect_temperature(t.config) == doctest::Approx(0.5));
  CHECK(t.config.anneal.steps == 20);
  CHECK(t.config.stat_sweeps == 5);
  CHECK(m.settings().speed == 500.0f);
  CHECK(m.playing());  // play=1 is a launch flag: it starts training and is not kept
  CHECK(!m.settings().play);
  // The table writes back exactly what was applied, and reading that link gives the same machine.
  const auto ps = settings_params(boltzmann_settings_table(), m.settings());
  CHECK(std::none_of(ps.begin(), ps.end(), [](const Param& p) { return p.key == "play"; }));
  BoltzmannModel again;
  CHECK(again.apply_link(std::span<const Param>(ps)).empty());
  CHECK(!settings_diff(boltzmann_settings_table(), again.settings(), m.settings()).changed);
  CHECK(again.trainer().bm.w == t.bm.w);
  // Links written before the table (cooling=exponential, T=0 with tstart=0) still read.
  BoltzmannModel old;
  CHECK(link(old, {{"cooling", "exponential"}, {"T", "0"}, {"tstart", "0"}, {"speed", "1000000"}}).empty());
  CHECK(old.trainer().config.anneal.kind == ebm::ScheduleKind::Exponential);
}

TEST_CASE("boltzmann model: a live setting changes the running trainer and keeps the machine") {
  BoltzmannModel m = trained(3);
  const ebm::BmTrainer& t = m.trainer();
  REQUIRE(t.weight_updates == 3);
  const std::vector<double> w = t.bm.w;
  const int64_t sweeps = t.sweeps;
  const size_t points = m.kl_history().size();
  BoltzmannSettings next = m.settings();
  next.lr = 1.5f;
  next.t_final = 0.7f;
  next.anneal = 4;
  next.stats = 30;
  next.cooling = ebm::ScheduleKind::Linear;
  next.speed = 9.0f;
  m.propose(next);
  CHECK(!m.guard().pending());
  CHECK(t.config.learning_rate == doctest::Approx(1.5));
  CHECK(ebm::bm_collect_temperature(t.config) == doctest::Approx(0.7));
  CHECK(t.config.anneal.steps == 4);
  CHECK(t.config.stat_sweeps == 30);
  CHECK(t.config.anneal.kind == ebm::ScheduleKind::Linear);
  CHECK(t.bm.w == w);  // nothing rebuilt
  CHECK(t.weight_updates == 3);
  CHECK(t.sweeps == sweeps);
  CHECK(m.kl_history().size() == points);
  m.finish_update();
  CHECK(t.weight_updates == 4);
  CHECK(t.bm.w != w);
}

TEST_CASE("boltzmann model: a new machine asks first once this one has learned") {
  BoltzmannModel fresh;
  CHECK(!fresh.unsaved());
  BoltzmannSettings next = fresh.settings();
  next.hidden = 4;
  fresh.propose(next);  // nothing learned: no question
  CHECK(!fresh.guard().pending());
  CHECK(fresh.trainer().bm.nh == 4);

  BoltzmannModel m = trained(2);
  REQUIRE(m.unsaved());
  m.set_playing(true);
  const std::vector<double> w = m.trainer().bm.w;
  next = m.settings();
  next.data = ebm::BmDataset::Encoder424;
  next.hidden = 2;
  m.propose(next);
  REQUIRE(m.guard().pending());
  CHECK(m.guard().what() == "a machine trained for 2 learning steps");
  CHECK(!m.playing());  // paused while the question is open
  m.set_playing(true);
  CHECK(!m.playing());
  CHECK(m.nv() == 4);
  CHECK(m.trainer().bm.w == w);
  m.guard().cancel();
  CHECK(m.settings().data == ebm::BmDataset::Bars2x2);
  CHECK(m.trainer().bm.w == w);
  m.propose(next);
  m.guard().confirm();
  CHECK(m.nv() == 8);
  CHECK(m.trainer().weight_updates == 0);
  CHECK(m.kl_history().size() == 1);
  CHECK(!m.unsaved());
  // Reset follows the same rule; the seed gives the same starting weights again.
  BoltzmannModel r = trained(1);
  const std::vector<double> w0 = BoltzmannModel().trainer().bm.w;
  r.request_reset();
  CHECK(r.guard().pending());
  r.guard().confirm();
  CHECK(r.trainer().weight_updates == 0);
  CHECK(r.trainer().bm.w == w0);
}

TEST_CASE("boltzmann model: unit updates follow the speed and never exceed what the budget fits") {
  BoltzmannModel m(BoltzmannSettings{.speed = 1e6f});
  m.step(0.1, 5.0);
  CHECK(m.trainer().updates == 0);  // paused
  m.set_playing(true);
  for (int i = 0; i < 30; ++i) m.step(1.0 / 60.0, 2.0);  // the cost estimate settles
  for (double budget : {0.0, 0.3, 2.0}) {
    const int64_t fit = pacer_fit(m.pacer(), budget, kBmMaxUnitsPerFrame);
    const int64_t before = m.trainer().updates;
    m.step(0.1, budget);  // 100,000 updates due at full speed
    const int64_t made = m.trainer().updates - before;
    CHECK(made >= 1);
    CHECK(made <= fit);
  }
  // A slow speed keeps its exact pace: 5 updates/s at 10 frames/s is one update every other frame.
  BoltzmannModel slow(BoltzmannSettings{.speed = 5.0f});
  slow.set_playing(true);
  for (int i = 0; i < 20; ++i) slow.step(0.1, 7.0);
  CHECK(slow.trainer().updates == 10);
}

TEST_CASE("boltzmann model: extreme settings stay finite and the KL history stays bounded") {
  BoltzmannModel m(BoltzmannSettings{.data = ebm::BmDataset::OneHot4, .hidden = 1, .lr = 100.0f});
  for (int i = 0; i < 40 && m.trainer().status.ok(); ++i) m.finish_update();
  CHECK(std::isfinite(m.kl()));
  for (double p : m.p_model()) CHECK(std::isfinite(p));
  BoltzmannModel cold(BoltzmannSettings{.t_start = 0.0f, .t_final = 0.0f});
  for (int i = 0; i < 5; ++i) cold.finish_update();
  CHECK(std::isfinite(cold.kl()));
  CHECK(cold.kl() >= 0);
  BoltzmannModel fast(BoltzmannSettings{.stats = 1, .anneal = 0});
  for (size_t i = 0; i < kBmKlPoints + 10; ++i) fast.finish_update();
  CHECK(fast.kl_history().size() <= kBmKlPoints);
  CHECK(fast.kl_history().size() > kBmKlPoints / 2);
}

TEST_CASE("boltzmann model: the P(v) chart shows every vector when few, else the data, the likeliest and the rest") {
  CHECK(bm_bit_string(0b0011, 4) == "1100");
  const BoltzmannModel bars;
  const std::vector<int> all = bm_pv_slots(bars.p_data(), bars.p_model());
  REQUIRE(all.size() == 16);
  for (int v = 0; v < 16; ++v) CHECK(all[v] == v);
  const BoltzmannModel enc(BoltzmannSettings{.data = ebm::BmDataset::Encoder424});
  const std::vector<int> s = bm_pv_slots(enc.p_data(), enc.p_model());
  REQUIRE(s.size() == static_cast<size_t>(kBmPvShown) + 1);
  CHECK(s.back() == -1);
  CHECK(std::is_sorted(s.begin(), s.end() - 1));
  int data_vectors = 0;
  for (int v : s)
    if (v >= 0 && enc.p_data()[v] > 0) ++data_vectors;
  CHECK(data_vectors == 4);  // every encoder pattern has its bar
  // The others are the machine's likeliest non-data vectors.
  double shown_min = 1.0, hidden_max = 0.0;
  for (int v = 0; v < 256; ++v) {
    if (enc.p_data()[v] > 0) continue;
    const bool shown = std::find(s.begin(), s.end(), v) != s.end();
    if (shown) shown_min = std::min(shown_min, enc.p_model()[v]);
    else hidden_max = std::max(hidden_max, enc.p_model()[v]);
  }
  CHECK(shown_min >= hidden_max);
}
