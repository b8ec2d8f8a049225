// test_scene_hopfield.cpp: the Hopfield lab's rules (web/scenes/hopfield/hopfield_model),
// natively: a link builds exactly the network it names (drawings included); memories and rule
// rebuild, cue settings restart from a fresh cue, the dynamics carry on from the current state,
// speed and T apply live; the pace never exceeds the frame budget; energy never rises while
// playing asynchronously at T = 0; forgetting drawings asks first.
#include <doctest/doctest.h>

#include "hopfield_model.hpp"
#include "pattern_link.hpp"
#include "scene_test_util.hpp"

using namespace web;

namespace {
std::vector<std::string> link(HopfieldModel& m, std::vector<Param> ps) { return m.apply_link(std::span<const Param>(ps)); }
HopfieldModel from_link_of(const HopfieldModel& m) {
  HopfieldModel copy;
  const auto ps = settings_params(hopfield_settings_table(), m.settings());
  REQUIRE(copy.apply_link(std::span<const Param>(ps)).empty());
  return copy;
}
}  // namespace

TEST_CASE("hopfield model: the first view and its link") {
  HopfieldModel m;
  CHECK(m.net().n == 100);
  CHECK(m.memories().size() == 3);
  CHECK(m.time() == 0);
  const HopfieldModel copy = from_link_of(m);
  CHECK(copy.state() == m.state());  // the same cue: a link reproduces the first corruption
  CHECK(copy.net().w == m.net().w);
}

TEST_CASE("hopfield model: a link's counts are clamped to the set; digits wait for their data") {
  HopfieldModel m;
  auto notes = link(m, {{"set", "letters"}, {"patterns", "20"}, {"cue", "9"}});
  CHECK(notes.empty());
  CHECK(m.settings().patterns == 6);  // the letters offer six
  CHECK(m.settings().cue == 6);
  notes = link(m, {{"set", "digits"}, {"patterns", "8"}, {"rule", "pseudo-inverse"}, {"play", "1"}});
  CHECK(notes.empty());
  CHECK(m.waiting_for_digits());
  CHECK(m.built_set() == PatternSet::Letters);
  CHECK(m.settings().patterns == 8);  // the request survives while letters stand in
  m.step(1.0, 7.0);
  CHECK(m.time() == 0);  // play holds until the digits are here
  const ebm::DatasetSplit split = scene_test::bar_split(50, 30);
  m.set_data(&split);
  CHECK(!m.waiting_for_digits());
  CHECK(m.net().n == 784);
  CHECK(m.memories().size() == 8);
  CHECK(m.playing());
}

TEST_CASE("hopfield model: energy never rises while playing asynchronously, and play stops at the fixed point") {
  HopfieldModel m;
  link(m, {{"noise", "30"}, {"speed", "500"}, {"seed", "4"}});
  m.set_playing(true);
  double e = m.energy();
  for (int f = 0; f < 600 && m.playing(); ++f) {
    m.step(1.0 / 60.0, 7.0);
    CHECK(m.energy() <= e + 1e-9);
    e = m.energy();
  }
  CHECK(m.finished());
  CHECK(!m.playing());
  CHECK(m.energy_history().size() > 2);
}

TEST_CASE("hopfield model: each change costs what its table entry says") {
  HopfieldModel m;
  link(m, {{"noise", "30"}, {"seed", "2"}});
  for (int i = 0; i < 15; ++i) m.step_once();
  const ebm::Pattern state = m.state();
  const std::vector<float> w = m.net().w;
  HopfieldSettings next = m.settings();
  next.speed = 999;  // live: nothing restarts
  next.temperature = 1.5f;
  m.propose(next);
  CHECK(m.state() == state);
  CHECK(m.time() == 15);
  next.dynamics = Dynamics::Glauber;  // restart from the current state
  m.propose(next);
  CHECK(m.state() == state);
  CHECK(m.time() == 0);
  next.noise = 10;  // restart from a fresh cue
  m.propose(next);
  CHECK(m.state() != state);
  CHECK(m.net().w == w);
  next.rule = HopfieldRule::Storkey;  // retrain
  m.propose(next);
  CHECK(m.net().w != w);
  CHECK(m.memories().size() == 3);
  // Leaving a memory out keeps the state; leaving every one out stores them all.
  const ebm::Pattern s2 = m.state();
  m.toggle_candidate(1);
  CHECK(m.memories().size() == 2);
  CHECK(m.state() == s2);
  m.toggle_candidate(0);
  m.toggle_candidate(2);
  CHECK(m.memories().size() == 3);
  CHECK(m.settings().skip.bits == 0);
}

TEST_CASE("hopfield model: the frame budget caps the pace whatever the speed") {
  HopfieldModel m;
  link(m, {{"noise", "50"}, {"dyn", "glauber"}, {"T", "2"}, {"speed", "50000"}});
  m.set_playing(true);
  for (int f = 0; f < 10; ++f) m.step(1.0 / 60.0, 0.0);  // no budget: one update per frame
  CHECK(m.time() == 10);
  HopfieldModel slow;
  link(slow, {{"dyn", "glauber"}, {"T", "2"}, {"speed", "30"}});
  slow.set_playing(true);
  for (int f = 0; f < 60; ++f) slow.step(1.0 / 60.0, 7.0);  // one second at 30 updates/s
  CHECK(slow.time() >= 29);
  CHECK(slow.time() <= 31);
}

TEST_CASE("hopfield model: synchronous steps show at once and a 2-cycle ends play") {
  HopfieldModel m;
  link(m, {{"dyn", "sync"}, {"noise", "40"}, {"speed", "1"}});
  m.set_playing(true);
  m.step(1.0 / 60.0, 7.0);
  CHECK(m.time() == m.net().n);  // the first synchronous step at once, even at 1 update/s
  for (int f = 0; f < 100000 && m.playing(); ++f) m.step(1.0, 7.0);
  CHECK(m.finished());
  CHECK(m.sync_run().status != ebm::SyncStatus::Moving);
}

TEST_CASE("hopfield model: a drawing stored as a memory travels in the link; forgetting asks first") {
  HopfieldModel m;
  for (int c = 0; c < 100; ++c) m.paint(c, c % 3 == 0 ? 1 : -1);
  CHECK(!m.playing());
  const ebm::Pattern drawing = m.state();
  m.store_drawing();
  CHECK(m.drawings_stored() == 1);
  CHECK(m.memories().size() == 4);
  CHECK(m.memories().back() == drawing);
  CHECK(!m.settings().drawings.empty());
  HopfieldModel copy = from_link_of(m);
  CHECK(copy.memories().size() == 4);
  CHECK(copy.memories().back() == drawing);
  CHECK(copy.net().w == m.net().w);
  m.request_forget_drawings();
  CHECK(m.guard().pending());
  CHECK(m.drawings_stored() == 1);
  m.guard().cancel();
  CHECK(m.drawings_stored() == 1);
  m.request_forget_drawings();
  m.guard().confirm();
  CHECK(m.drawings_stored() == 0);
  CHECK(m.settings().drawings.empty());
  CHECK(m.memories().size() == 3);
  // A drawing replaced by a new cue can be restored.
  m.paint(5, static_cast<int8_t>(-m.state()[5]));
  m.paint(6, static_cast<int8_t>(-m.state()[6]));
  const ebm::Pattern painted = m.state();
  m.new_cue();
  REQUIRE(m.can_restore_drawing());
  CHECK(m.restore_drawing());
  CHECK(m.state() == painted);
}

TEST_CASE("pattern links: drawings of every size round-trip; damaged text is refused with a reason") {
  ebm::Rng rng(9);
  std::vector<std::vector<int8_t>> ps;
  for (int side : {2, 10, 16, 28, 32, 64}) {
    std::vector<int8_t> p(static_cast<size_t>(side) * side);
    for (auto& v : p) v = rng.uniform() < 0.5f ? 1 : -1;
    ps.push_back(p);
  }
  const std::string text = patterns_to_link(ps);
  for (char c : text) CHECK((std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' || c == ','));
  auto back = patterns_from_link(text);
  REQUIRE(back.ok());
  CHECK(back.value() == ps);
  CHECK(patterns_from_link("").value().empty());
  for (const char* bad : {"10", "10.", "1.A", "99.AAAA", "10.AAAAAAAAAAAAAAAAA*", "10.AAAAAAAAAAAAAAAAA,", "x.AA",
                          "10.AAAAAAAAAAAAAAAAA_"}) {
    auto r = patterns_from_link(bad);
    CHECK_MESSAGE(!r.ok(), bad);
  }
  CHECK(patterns_from_link("10.A").error() == "pattern 1: expected 17 characters for 10x10, got 1");
}
