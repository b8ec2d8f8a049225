// test_scene_hopfield_dense.cpp: the Hopfield lab's dense and modern rules
// (web/scenes/hopfield/hopfield_model_dense.cpp), natively and as WebAssembly: the dense rule at
// degree 2 is the Hebbian network update for update on the same cue and seed; with 40 stored
// digits Hebbian storage blends them while the dense rule (degree 20) and the exponential rule
// recall the cued digit exactly; the modern rule at large beta retrieves in one update and at
// small beta averages (softmax weights nearly uniform); a rule change keeps the cue; energy
// never rises and is the dense energy of the state; links carry degree and beta.
// The 40 digits are the real MNIST digits when the native build made the asset, and always the
// ink-blot stand-ins (correlated like digits) so the WebAssembly run checks the same claims.
#include <doctest/doctest.h>

#include <algorithm>
#include <numeric>

#include "hopfield_analysis.hpp"
#include "hopfield_model.hpp"
#include "scene_test_util.hpp"

using namespace web;

namespace {
HopfieldModel linked(std::vector<Param> ps, const ebm::DatasetSplit* split = nullptr) {
  HopfieldModel m;
  const auto notes = m.apply_link(std::span<const Param>(ps));
  CHECK(notes.empty());
  if (split) m.set_data(split);
  return m;
}
void settle(HopfieldModel& m) {
  for (int k = 0; k < 300 && !m.finished(); ++k) m.sweep();
}
float cue_overlap(const HopfieldModel& m) { return ebm::overlap(m.memories()[m.cue_memory()], m.state()); }

// The datasets the 40-digit claims are checked on: ink blots always, MNIST when readable.
struct Digits {
  const char* name;
  ebm::DatasetSplit split;
};
std::vector<Digits> digit_sets() {
  std::vector<Digits> sets;
  sets.push_back({"ink blots", scene_test::blot_split(50, 100)});
#ifdef EBM_DEFAULT_MNIST
  auto bytes = ebm::read_file_bytes(EBM_DEFAULT_MNIST);
  if (bytes.ok()) {
    auto d = ebm::parse_mnist_asset(bytes.value());
    if (d.ok()) sets.push_back({"MNIST", ebm::split_held_out(d.value(), ebm::kMnistHeldOut)});
  }
#endif
  return sets;
}
}  // namespace

TEST_CASE("hopfield dense: degree 2 is the Hebbian network, update for update, on the same cue and seed") {
  const ebm::DatasetSplit blots = scene_test::blot_split(20, 30);
  for (const bool digits : {false, true}) {
    for (const char* seed : {"1", "2", "5"}) {
      CAPTURE(digits);
      CAPTURE(seed);
      // An odd number of memories: the field of a unit is never exactly 0, so no tie rule differs.
      std::vector<Param> ps = {{"noise", "30"}, {"seed", seed}, {"set", digits ? "digits" : "letters"},
                               {"patterns", digits ? "5" : "3"}};
      HopfieldModel heb = linked(ps, &blots);
      ps.push_back({"rule", "dense"});
      ps.push_back({"degree", "2"});
      HopfieldModel den = linked(ps, &blots);
      REQUIRE(den.engine() == HopfieldEngine::Dense);
      REQUIRE(heb.engine() == HopfieldEngine::Classical);
      REQUIRE(den.state() == heb.state());  // the same cue
      const double p = static_cast<double>(heb.memories().size());
      for (int k = 0; k < 40 && !(heb.finished() && den.finished()); ++k) {
        heb.sweep();
        den.sweep();
        REQUIRE(den.state() == heb.state());
        CHECK(den.time() == heb.time());
        CHECK(den.flips() == heb.flips());
        // E_dense = -sum_mu (x_mu . s)^2 / (2 N) = E_Hebbian - P / 2.
        CHECK(den.energy() == doctest::Approx(heb.energy() - p / 2).epsilon(1e-5));
      }
      CHECK(heb.finished());
      CHECK(den.finished());
      CHECK(heb.flips() > 0);
    }
  }
}

TEST_CASE("hopfield dense: with 40 digits Hebbian storage blends them, the dense rules recall the cued digit exactly") {
  for (const Digits& d : digit_sets()) {
    const std::string set = d.name;
    CAPTURE(set);
    int hebbian_exact = 0;
    for (const char* cue : {"1", "8", "23", "37"}) {
      const std::string cued = cue;
      CAPTURE(cued);
      for (const char* rule : {"hebbian", "dense", "exp"}) {
        const std::string r = rule;
        CAPTURE(r);
        HopfieldModel m = linked({{"set", "digits"}, {"patterns", "40"}, {"rule", rule}, {"degree", "20"}, {"beta", "50"},
                                  {"noise", "20"}, {"cue", cue}, {"seed", "1"}},
                                 &d.split);
        REQUIRE(m.memories().size() == 40);
        REQUIRE(m.n() == 784);
        settle(m);
        REQUIRE(m.finished());
        if (std::string(rule) == "hebbian") hebbian_exact += cue_overlap(m) == 1.0f;
        else CHECK(cue_overlap(m) == 1.0f);  // every pixel of the cued digit
      }
    }
    CHECK(hebbian_exact == 0);  // the classical network ends elsewhere each time
  }
}

TEST_CASE("hopfield dense: the modern rule retrieves in one update at large beta and averages at small beta") {
  for (const Digits& d : digit_sets()) {
    const std::string set = d.name;
    CAPTURE(set);
    HopfieldModel m = linked({{"set", "digits"}, {"patterns", "40"}, {"rule", "modern"}, {"beta", "100"},
                              {"noise", "20"}, {"cue", "5"}},
                             &d.split);
    REQUIRE(m.engine() == HopfieldEngine::Modern);
    REQUIRE(m.attention().size() == 40);
    CHECK(cue_overlap(m) < 0.7f);  // the cue: 20% of the units flipped
    m.step_once();
    CHECK(m.time() == m.n());  // one update of the whole state
    CHECK(cue_overlap(m) == 1.0f);  // sign(xi) is the stored digit after one update
    CHECK(m.attention()[4] > 0.9f);
    const auto best = std::max_element(m.attention().begin(), m.attention().end()) - m.attention().begin();
    CHECK(best == 4);
    settle(m);
    CHECK(m.modern_run().converged);

    // The beta slider: the state stays, the weights become nearly uniform at beta = 0.01.
    const std::vector<float> xi = m.modern_run().xi;
    HopfieldSettings s = m.settings();
    s.beta = 0.01f;
    m.propose(s);
    CHECK(m.modern_run().xi == xi);
    const auto [lo, hi] = std::minmax_element(m.attention().begin(), m.attention().end());
    CHECK(*hi / *lo < 1.05f);
    CHECK(std::accumulate(m.attention().begin(), m.attention().end(), 0.0) == doctest::Approx(1.0).epsilon(1e-5));
    CHECK(!m.finished());
    m.step_once();  // xi becomes (nearly) the mean of the memories
    for (int i = 0; i < m.n(); ++i) {
      double mean = 0;
      for (const ebm::Pattern& x : m.memories()) mean += x[i];
      mean /= 40.0;
      REQUIRE(m.modern_run().xi[i] == doctest::Approx(mean).epsilon(0.03));
    }
    CHECK(std::isfinite(m.energy()));
  }
}

TEST_CASE("hopfield dense: a rule change keeps the cue; energy never rises and is the dense energy of the state") {
  HopfieldModel m = linked({{"noise", "35"}, {"seed", "3"}, {"speed", "2000"}});
  const ebm::Pattern cue = m.state();
  for (int i = 0; i < 50; ++i) m.step_once();
  for (const HopfieldRule r : {HopfieldRule::Dense, HopfieldRule::DenseExp, HopfieldRule::Modern, HopfieldRule::Storkey}) {
    HopfieldSettings s = m.settings();
    s.rule = r;
    m.propose(s);
    CHECK(m.state() == cue);  // the same cue as the run before, from its start
    CHECK(m.time() == 0);
  }
  for (const char* rule : {"dense", "exp"}) {
    const std::string r = rule;
    CAPTURE(r);
    HopfieldModel d = linked({{"rule", rule}, {"degree", "4"}, {"beta", "20"}, {"noise", "40"}, {"seed", "6"}, {"speed", "300"}});
    d.set_playing(true);
    double e = d.energy();
    for (int f = 0; f < 2000 && d.playing(); ++f) {
      d.step(1.0 / 60.0, 7.0);
      CHECK(d.energy() <= e + 1e-12);
      e = d.energy();
    }
    CHECK(d.finished());
    CHECK(d.energy() == doctest::Approx(ebm::dense_energy(d.dense(), d.state())).epsilon(1e-12));
    CHECK(d.energy_history().size() > 2);
  }
}

TEST_CASE("hopfield dense: links carry the rule, degree and beta; bad values are named") {
  HopfieldModel m = linked({{"rule", "dense"}, {"degree", "7"}, {"beta", "0.5"}});
  const auto ps = settings_params(hopfield_settings_table(), m.settings());
  HopfieldModel copy = linked(ps);
  CHECK(copy.settings().rule == HopfieldRule::Dense);
  CHECK(copy.settings().degree == 7);
  CHECK(copy.settings().beta == 0.5f);
  CHECK(copy.state() == m.state());
  HopfieldModel bad;
  const std::vector<Param> b = {{"degree", "99"}, {"beta", "0"}, {"rule", "superdense"}};
  const auto notes = bad.apply_link(std::span<const Param>(b));
  REQUIRE(notes.size() == 3);
  CHECK(notes[0].find("degree") != std::string::npos);
  CHECK(notes[1].find("beta") != std::string::npos);
  CHECK(notes[2].find("superdense") != std::string::npos);
  CHECK(bad.settings().degree == HopfieldSettings{}.degree);
}
