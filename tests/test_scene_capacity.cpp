// test_scene_capacity.cpp: the capacity scene's rules (web/scenes/capacity/capacity_model),
// natively: a link sets the rule set and sizes and writes them back exactly; bad values are named;
// no rule selected is a message, not a run; the experiment runs in budgeted slices to the end,
// deterministically for a seed, and its curves fall with load (Hebbian) and stay above Hebbian
// for the pseudo-inverse rule.
#include <doctest/doctest.h>

#include "capacity_model.hpp"

using namespace web;

namespace {
std::vector<std::string> link(CapacityModel& m, std::initializer_list<Param> ps) {
  const std::vector<Param> v(ps);
  return m.apply_link(std::span<const Param>(v), {});
}
// Runs to the end in slices of budget_ms; returns the number of slices.
int run(CapacityModel& m, double budget_ms) {
  m.start({});
  int slices = 0;
  while (m.running() && slices < 100000) {
    m.step(budget_ms);
    ++slices;
  }
  return slices;
}
}  // namespace

TEST_CASE("capacity model: a link sets rules and sizes, writes them back exactly, names bad values") {
  CapacityModel m;
  const auto notes = link(m, {{"rules", "hebbian,pseudo-inverse"}, {"n", "60"}, {"trials", "2"}, {"noise", "5"},
                              {"max_alpha", "0.3"}, {"seed", "11"}, {"n", "5000"}, {"rules", "hebbian,telepathy"}});
  REQUIRE(notes.size() == 2);
  CHECK(notes[0].find("n=5000") != std::string::npos);
  CHECK(notes[1].find("telepathy") != std::string::npos);
  const CapacitySettings& s = m.settings();
  CHECK(s.rules.bits == ((1u << static_cast<int>(ebm::Rule::Hebbian)) | (1u << static_cast<int>(ebm::Rule::PseudoInverse))));
  CHECK(s.n == 60);
  CHECK(s.trials == 2);
  CHECK(s.max_alpha == doctest::Approx(0.3));
  const auto back = settings_params(capacity_settings_table(), s);
  CapacityModel m2;
  REQUIRE(m2.apply_link(std::span<const Param>(back), {}).empty());
  CHECK(settings_json(capacity_settings_table(), m2.settings()) == settings_json(capacity_settings_table(), s));
}

TEST_CASE("capacity model: no rule selected is a message; 'yours' without memories is a message") {
  CapacityModel m;
  CapacitySettings s = m.settings();
  s.rules.bits = 0;
  m.propose(s);
  m.start({});
  CHECK_FALSE(m.running());
  CHECK(m.error().find("at least one rule") != std::string::npos);
  s.rules.bits = 1;
  s.source = CapacitySource::Yours;
  m.propose(s);
  m.start({});
  CHECK_FALSE(m.running());
  CHECK_FALSE(m.error().empty());
}

TEST_CASE("capacity model: runs in budgeted slices to the end; curves behave; same seed, same curves") {
  CapacitySettings s{.n = 60, .trials = 2, .noise = 5.0f, .max_alpha = 0.3f, .seed = 3};
  s.rules.bits = (1u << static_cast<int>(ebm::Rule::Hebbian)) | (1u << static_cast<int>(ebm::Rule::PseudoInverse));
  CapacityModel a(s), b(s);
  const int slices_small = run(a, 0.05);
  const int slices_large = run(b, 50.0);
  CHECK(a.done());
  CHECK(b.done());
  CHECK(slices_small > slices_large);  // a small budget takes more frames, never more work per frame
  const auto& heb = a.experiment(static_cast<int>(ebm::Rule::Hebbian));
  const auto& pinv = a.experiment(static_cast<int>(ebm::Rule::PseudoInverse));
  REQUIRE(heb.points.size() >= 3);
  CHECK(heb.points.front().rate() >= 0.9f);                        // alpha ~ 0.05: recalled
  CHECK(heb.points.back().rate() < heb.points.front().rate());     // alpha 0.3: past 0.138 n
  CHECK(pinv.points.back().rate() > heb.points.back().rate());     // the projection rule holds more
  const auto& heb_b = b.experiment(static_cast<int>(ebm::Rule::Hebbian));
  for (size_t i = 0; i < heb.points.size(); ++i) {  // slicing does not change the result
    CHECK(heb.points[i].successes == heb_b.points[i].successes);
    CHECK(heb.points[i].overlap_sum == heb_b.points[i].overlap_sum);
  }
  CHECK_FALSE(a.active(static_cast<int>(ebm::Rule::Storkey)));
}
