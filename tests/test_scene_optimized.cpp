// test_scene_optimized.cpp: the optimized-rule scene's rules (web/scenes/optimized/optimized_model),
// natively: a link sets the training settings and writes them back; speed applies live while any
// other change starts again from Hebbian weights; play runs at the chosen rate of target visits per
// second, bounded by the budget; the trained network recalls more of the glyph images than Hebbian.
#include <doctest/doctest.h>

#include "optimized_model.hpp"

using namespace web;

namespace {
std::vector<std::string> link(OptimizedModel& m, std::initializer_list<Param> ps) {
  const std::vector<Param> v(ps);
  return m.apply_link(std::span<const Param>(v));
}
}  // namespace

TEST_CASE("optimized model: a link sets the settings, writes them back, names bad values") {
  OptimizedModel m;
  REQUIRE(m.error().empty());
  const auto notes = link(m, {{"lr", "0.25"}, {"steps", "3"}, {"epochs", "4"}, {"speed", "40"}, {"seed", "9"},
                              {"epochs", "0"}, {"lr", "nan"}});
  REQUIRE(notes.size() == 2);
  CHECK(notes[0].find("epochs=0") != std::string::npos);
  CHECK(notes[1].find("lr=nan") != std::string::npos);
  CHECK(m.settings().lr == doctest::Approx(0.25));
  CHECK(m.trainer().options.parasite_steps == 3);
  CHECK(m.trainer().options.epochs == 4);
  const auto back = settings_params(optimized_settings_table(), m.settings());
  OptimizedModel m2;
  REQUIRE(m2.apply_link(std::span<const Param>(back)).empty());
  CHECK(settings_json(optimized_settings_table(), m2.settings()) == settings_json(optimized_settings_table(), m.settings()));
}

TEST_CASE("optimized model: speed is live, other settings start again from Hebbian weights") {
  OptimizedModel m;
  for (int i = 0; i < 30; ++i) m.step_once();
  REQUIRE(m.trainer().epoch >= 1);
  const auto w = m.net().w;
  OptimizedSettings s = m.settings();
  s.speed = 100;
  m.propose(s);
  CHECK(m.net().w == w);  // live: nothing retrained
  s.lr = 0.1f;
  m.propose(s);
  CHECK(m.trainer().epoch == 0);
  CHECK(m.recalled().size() == 1);  // only the Hebbian starting point
}

TEST_CASE("optimized model: play visits targets at the chosen rate; training beats Hebbian recall") {
  OptimizedModel m({.speed = 10.0f});
  m.set_playing(true);
  const int64_t before = m.trainer().targets_done;
  for (int f = 0; f < 60; ++f) m.step(1.0 / 60.0, 7.0);  // one second of 60 Hz frames
  const int64_t made = m.trainer().targets_done - before;
  CHECK(made >= 9);
  CHECK(made <= 11);
  OptimizedModel full;
  while (!full.done()) full.step_once();
  CHECK_FALSE(full.playing());
  CHECK(full.recalled().size() == static_cast<size_t>(full.settings().epochs) + 1);
  CHECK(full.recalled().last() > static_cast<float>(full.hebbian_recalled()));
}
