// test_scene_gibbs.cpp: the Gibbs sampling scene's rules (web/scenes/gibbs/gibbs_model),
// natively: a link sets the chains up once and writes its settings back exactly; nothing runs
// before a model and the digits are there; the speed applies live while the other settings
// restart the chains; the RBM tab's model is taken only when it exists; a missing or broken
// model file falls back to an untrained one with a message; painted pixels stay clamped;
// sweeps follow the speed but never more than the budget fits; a seed repeats its samples.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "gibbs_model.hpp"
#include "model_io.hpp"
#include "scene_test_util.hpp"

using namespace web;

namespace {
const ebm::DatasetSplit& data() {
  static const ebm::DatasetSplit d = scene_test::bar_split(200, 40);
  return d;
}
// A small RBM on the stand-in digits (its sampling is what the scene shows; training is not).
ebm::Rbm small_rbm(uint64_t seed = 4) {
  ebm::Rng rng(seed);
  ebm::Rbm r = ebm::rbm_make(kGibbsSide * kGibbsSide, 12, kGibbsSide, kGibbsSide);
  const std::vector<float> rows = ebm::dataset_to_float(data().train, ebm::Binarize::Threshold);
  ebm::rbm_init(r, rng, rows, 0.5f);
  return r;
}
// A model sampling from small_rbm() on the stand-in digits, started.
GibbsModel ready(GibbsSettings s = {}) {
  GibbsModel m(s);
  const ebm::Rbm r = small_rbm();
  m.use_shared(&r, 1);
  m.set_data(&data());
  m.step(0.0, 7.0);
  return m;
}
std::vector<std::string> link(GibbsModel& m, std::initializer_list<Param> ps) {
  const std::vector<Param> v(ps);
  return m.apply_link(std::span<const Param>(v));
}
}  // namespace

namespace {
std::vector<uint8_t> bytes_of(const std::string& s) { return std::vector<uint8_t>(s.begin(), s.end()); }
}  // namespace

TEST_CASE("gibbs model: a link sets the chains up and writes its settings back exactly") {
  GibbsModel m;
  const auto notes = link(m, {{"speed", "30"}, {"digit", "7"}, {"noise_start", "1"}, {"seed", "9"}, {"play", "1"},
                              {"digit", "5000"}, {"speed", "0"}, {"bogus", "1"}});
  REQUIRE(notes.size() == 3);
  CHECK(notes[0] == "digit=5000 is out of range; expected 0 to 999.");
  CHECK(notes[1] == "speed=0 is out of range; expected 0.5 to 200.");
  CHECK(notes[2].find("unknown parameter bogus for the Gibbs scene") != std::string::npos);
  CHECK(m.settings().speed == 30.0f);
  CHECK(m.settings().digit == 7);
  CHECK(m.settings().noise_start);
  CHECK(m.settings().seed == 9);
  CHECK(m.playing());
  CHECK(!m.settings().play);
  const auto ps = settings_params(gibbs_settings_table(), m.settings());
  CHECK(std::none_of(ps.begin(), ps.end(), [](const Param& p) { return p.key == "play"; }));
  GibbsModel again;
  CHECK(again.apply_link(std::span<const Param>(ps)).empty());
  CHECK(!settings_diff(gibbs_settings_table(), again.settings(), m.settings()).changed);
}

TEST_CASE("gibbs model: nothing runs before a model and the digits; then the chains start even when paused") {
  GibbsModel m;
  m.set_playing(true);
  m.step(0.1, 7.0);
  CHECK(!m.started());
  CHECK(m.animating());
  const ebm::Rbm r = small_rbm();
  m.use_shared(&r, 3);
  m.step(0.1, 7.0);
  CHECK(!m.started());  // still no digits
  CHECK(m.model_name() == "from the RBM tab (12 hidden units)");
  CHECK(m.from_rbm_tab());
  CHECK(m.shared_version() == 3);
  m.set_playing(false);
  m.set_data(&data());
  m.step(0.1, 7.0);  // paused: the chains start but make no sweep
  CHECK(m.started());
  CHECK(m.fantasy().n == kGibbsFantasy);
  CHECK(m.fantasy().sweeps == 0);
  CHECK(m.trace().steps == 0);
  CHECK(m.clamped() == kGibbsSide * kGibbsSide / 2);  // the top half, until the user paints
  CHECK(!m.animating());
}

TEST_CASE("gibbs model: the speed applies live; digit, noise and seed restart the chains") {
  GibbsModel m = ready();
  for (int i = 0; i < 5; ++i) m.step_sweep();
  REQUIRE(m.fantasy().sweeps == 5);
  GibbsSettings next = m.settings();
  next.speed = 100.0f;
  m.propose(next);
  CHECK(m.fantasy().sweeps == 5);
  CHECK(m.trace().steps == 5);
  next.digit = 17;
  m.propose(next);
  CHECK(m.fantasy().sweeps == 0);
  CHECK(m.trace().steps == 0);
  // The single chain starts at held-out digit 17, as given.
  const std::vector<float> held = ebm::dataset_to_float(data().held_out, ebm::Binarize::Threshold);
  CHECK(std::equal(m.trace().v.begin(), m.trace().v.begin() + 784, held.begin() + 17 * 784));
  next.noise_start = true;
  m.propose(next);
  CHECK(!std::equal(m.trace().v.begin(), m.trace().v.begin() + 784, held.begin() + 17 * 784));
  // A digit past the held-out rows (40 here) uses the last one instead of reading past the end.
  next.noise_start = false;
  next.digit = 100;
  m.propose(next);
  CHECK(std::equal(m.trace().v.begin(), m.trace().v.begin() + 784, held.begin() + 39 * 784));
}

TEST_CASE("gibbs model: the RBM tab's model only when it exists; a bad model file falls back with a message") {
  GibbsModel m = ready();
  m.use_shared(nullptr, 0);
  CHECK(m.error() == "The RBM tab has no model yet: open it once to load the digits.");
  CHECK(m.rbm().nh == 12);  // unchanged
  GibbsModel broken;
  broken.set_data(&data());
  CHECK(!broken.load_pretrained(bytes_of("{\"format\": \"ebm-rbm\"")));
  CHECK(broken.error().find("The pretrained model file is invalid") != std::string::npos);
  CHECK(broken.model_name() == "untrained");
  CHECK(broken.rbm().nh == kGibbsFallbackHidden);
  CHECK(broken.started());
  GibbsModel missing;
  missing.pretrained_failed("HTTP 404");
  CHECK(missing.error().find("could not be loaded (HTTP 404)") != std::string::npos);
  CHECK(missing.have_model());
  GibbsModel good;
  REQUIRE(good.load_pretrained(bytes_of(ebm::rbm_to_json(small_rbm(), nullptr))));
  CHECK(good.model_name() == "pretrained (12 hidden units)");
  CHECK(good.error().empty());
  CHECK(!good.from_rbm_tab());
  // The shipped form: binary float16, as scripts/build.sh writes it.
  GibbsModel shipped;
  shipped.set_data(&data());
  REQUIRE(shipped.load_pretrained(ebm::rbm_to_binary(small_rbm(), ebm::RbmPrecision::Float16).value()));
  CHECK(shipped.model_name() == "pretrained (12 hidden units)");
  CHECK(shipped.started());
  std::vector<uint8_t> cut = ebm::rbm_to_binary(small_rbm(), ebm::RbmPrecision::Float16).value();
  cut.resize(cut.size() - 3);
  GibbsModel truncated;
  CHECK(!truncated.load_pretrained(cut));
  CHECK(truncated.error().find("ends early") != std::string::npos);
}

TEST_CASE("gibbs model: painted pixels stay clamped while the rest is sampled") {
  GibbsModel m = ready();
  m.free_all();
  CHECK(m.clamped() == 0);
  m.paint(5 * kGibbsSide + 5, true);  // a 3 x 3 brush around (5, 5)
  CHECK(m.clamped() == 9);
  m.paint(0, true);  // the corner: only the 2 x 2 inside the image
  CHECK(m.clamped() == 13);
  m.paint(5 * kGibbsSide + 6, false);  // frees the brush around (5, 6)
  CHECK(m.clamped() == 13 - 6);
  m.paint(-1, true);
  m.paint(kGibbsSide * kGibbsSide, true);
  CHECK(m.clamped() == 7);
  CHECK(m.clamp_max_error() == 0);  // held at once, before any sweep
  m.clamp_top_half();
  const std::vector<float> before = m.inpaint().v;
  for (int i = 0; i < 10; ++i) m.step_sweep();
  CHECK(m.clamp_max_error() == 0);
  int moved = 0;
  for (int i = kGibbsSide * kGibbsSide / 2; i < kGibbsSide * kGibbsSide; ++i) moved += m.inpaint().v[i] != before[i];
  CHECK(moved > 0);
}

TEST_CASE("gibbs model: sweeps follow the speed and never exceed what the budget fits") {
  GibbsModel m = ready({.speed = 200.0f});
  m.set_playing(true);
  for (int i = 0; i < 10; ++i) m.step(1.0 / 60.0, 3.0);
  for (double budget : {0.0, 1.0, 5.0}) {
    const int64_t fit = pacer_fit(m.pacer(), budget, kGibbsMaxSweepsPerFrame);
    const int64_t before = m.fantasy().sweeps;
    m.step(0.1, budget);  // 20 sweeps due at full speed
    const int64_t made = m.fantasy().sweeps - before;
    CHECK(made >= 1);
    CHECK(made <= fit);
  }
  GibbsModel slow = ready({.speed = 2.5f});  // half a sweep per 0.2 s frame: one every other frame
  slow.set_playing(true);
  for (int i = 0; i < 8; ++i) slow.step(0.2, 7.0);
  CHECK(slow.fantasy().sweeps == 4);
}

TEST_CASE("gibbs model: a seed repeats its samples; another seed does not") {
  GibbsModel a = ready(), b = ready(), c = ready({.seed = 4});
  for (GibbsModel* m : {&a, &b, &c})
    for (int i = 0; i < 3; ++i) m->step_sweep();
  CHECK(a.fantasy().v == b.fantasy().v);
  CHECK(a.trace().v == b.trace().v);
  CHECK(a.fantasy().v != c.fantasy().v);
}

TEST_CASE("gibbs model: the single chain runs on past its buffer, numbered on, in bounded memory") {
  GibbsModel m = ready();
  for (int i = 0; i < 150; ++i) m.step_sweep();
  CHECK(m.trace().first + m.trace().steps == 150);  // no restart from v0
  CHECK(m.trace().first > 0);
  CHECK(m.trace().steps >= kGibbsTraceKeep - 1);
  CHECK(m.trace().v.size() == static_cast<size_t>(kGibbsTraceCap + 1) * 784);  // 0.2 MB, not 13
}
