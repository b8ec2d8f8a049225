// test_scene_capacity.cpp: the capacity scene's rules (web/scenes/capacity/capacity_model),
// natively: a link sets the rule set and sizes and writes them back exactly; bad values are named;
// no rule selected is a message, not a run; the experiment runs in budgeted slices to the end,
// deterministically for a seed, and its curves fall with load (Hebbian) and stay above Hebbian
// for the pseudo-inverse rule; the dense rules, their degree and beta and the log load axis
// travel in links, the dense curves run past alpha = 2 on a log grid and stay up where Hebbian
// has collapsed.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

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

TEST_CASE("capacity model: dense rules and the log axis travel in links; dense memories hold far more than Hebbian") {
  CapacityModel m;
  const auto notes = link(m, {{"rules", "hebbian,dense,exp"}, {"degree", "3"}, {"beta", "20"}, {"log", "1"},
                              {"max_alpha", "4"}, {"n", "40"}, {"trials", "2"}, {"seed", "5"}, {"degree", "31"}});
  REQUIRE(notes.size() == 1);
  CHECK(notes[0].find("degree=31") != std::string::npos);
  const CapacitySettings& s = m.settings();
  CHECK(s.rules.has(static_cast<int>(CapacityRule::Hebbian)));
  CHECK(s.rules.has(static_cast<int>(CapacityRule::Dense)));
  CHECK(s.rules.has(static_cast<int>(CapacityRule::DenseExp)));
  CHECK_FALSE(s.rules.has(static_cast<int>(CapacityRule::Storkey)));
  CHECK(s.degree == 3);
  CHECK(s.beta == 20.0f);
  CHECK(s.log_axis);
  CHECK(s.max_alpha == 4.0f);
  const auto back = settings_params(capacity_settings_table(), s);
  CapacityModel m2;
  REQUIRE(m2.apply_link(std::span<const Param>(back), {}).empty());
  CHECK(settings_json(capacity_settings_table(), m2.settings()) == settings_json(capacity_settings_table(), s));
  // The axis is a view setting: changing it keeps the curves.
  run(m, 50.0);
  REQUIRE(m.done());
  CapacitySettings lin = m.settings();
  lin.log_axis = false;
  CHECK(settings_diff(capacity_settings_table(), m.settings(), lin).apply == Apply::Live);
  m.propose(lin);
  CHECK(m.done());  // the curves stay
  CHECK(m.started());
  CHECK_FALSE(m.settings().log_axis);
  lin.log_axis = true;
  m.propose(lin);

  const auto& heb = m.experiment(static_cast<int>(CapacityRule::Hebbian));
  const auto& dense = m.experiment(static_cast<int>(CapacityRule::Dense));
  const auto& ex = m.experiment(static_cast<int>(CapacityRule::DenseExp));
  CHECK(heb.points.back().alpha <= kCapacityClassicalMaxAlpha + 1e-6f);  // classical loads stop at 1
  CHECK(dense.points.back().alpha > 2.0f);                               // dense loads go on, log-spaced
  CHECK(dense.points.back().alpha <= 4.0f);
  CHECK(dense.points.size() > 20);  // four per doubling from 0.05 (a few merge at 40 units)
  auto rate_near = [](const ebm::CapacityExperiment& e, float alpha) {
    const auto it = std::min_element(e.points.begin(), e.points.end(), [alpha](const auto& a, const auto& b) {
      return std::fabs(a.alpha - alpha) < std::fabs(b.alpha - alpha);
    });
    return it->rate();
  };
  CHECK(rate_near(heb, 0.5f) < 0.5f);     // far past 0.138: the Hebbian network has collapsed
  CHECK(rate_near(dense, 0.5f) >= 0.9f);  // x^3 still recalls
  CHECK(rate_near(ex, 2.0f) >= 0.9f);     // exp at 80 patterns of 40 units
  const auto x = ebm::capacity_crossing(dense, 0.5f);
  if (x) CHECK(*x > 1.0f);  // degree 3 at n = 40: its 50% load lies well beyond 1, if in range
}
