// fuzz_settings.cpp: libFuzzer target for link parameters as every scene applies them: the
// settings table (web/core/settings) of each scene and the scene's UI-free model applying the
// link (web/scenes/<name>/<name>_model). Input: one selector byte (the scene, mod 8), then the
// link's query string. Properties: nothing crashes; each bad or unknown parameter gives at most
// one note, and notes are valid UTF-8 (they reach ebm_query()'s JSON); every stored value lies
// in its row's range; the link written from the result reads back to the same settings with no
// notes; the model then builds and steps once within a small budget.
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "boltzmann_model.hpp"
#include "capacity_model.hpp"
#include "dbn_model.hpp"
#include "fuzz_check.hpp"
#include "gibbs_model.hpp"
#include "hopfield_model.hpp"
#include "optimized_model.hpp"
#include "rbm_model.hpp"
#include "scene_test_util.hpp"
#include "toy_model.hpp"

using namespace web;

namespace {

void check_notes(const std::vector<std::string>& notes, size_t params) {
  FUZZ_CHECK(notes.size() <= params);
  for (const std::string& n : notes) {
    FUZZ_CHECK(!n.empty());
    bool utf8_ok = true;
    try {
      (void)nlohmann::json(n).dump();  // strict: throws on invalid UTF-8, as the page's query would
    } catch (const nlohmann::json::exception&) {
      utf8_ok = false;
    }
    FUZZ_CHECK(utf8_ok);
  }
}

template <class T>
void check_table(std::span<const Setting<T>> table, const char* title, const std::vector<Param>& ps) {
  T s{};
  const std::vector<std::string> notes = settings_apply(table, s, std::span<const Param>(ps), title);
  check_notes(notes, ps.size());
  for (const Setting<T>& row : table) FUZZ_CHECK(setting_valid(row.spec, row.get(s)));
  const std::vector<Param> link = settings_params(table, s);
  T t{};
  FUZZ_CHECK(settings_apply(table, t, std::span<const Param>(link), title).empty());
  const std::vector<Param> link2 = settings_params(table, t);
  FUZZ_CHECK(link2.size() == link.size());
  for (size_t i = 0; i < link.size(); ++i) FUZZ_CHECK(link[i].key == link2[i].key && link[i].value == link2[i].value);
  (void)settings_json(table, s).dump();
}

const ebm::DatasetSplit& digits() {
  static const ebm::DatasetSplit split = scene_test::bar_split(120, 40);
  return split;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1 || size > 4096) return 0;
  const std::string query(reinterpret_cast<const char*>(data + 1), size - 1);
  const std::vector<Param> ps = parse_query(query);
  const std::span<const Param> params(ps);
  constexpr double kBudgetMs = 2;
  // The optimized-rule and RBM models take 1-2 s to build under the sanitizers (glyph images and
  // a 1,024-unit network; a trainer with its monitors): built for selector bytes below 8 only
  // (1 input in 32 of those scenes; the seed corpus has one of each), so the fuzzer keeps its
  // pace on the tables.
  const bool build_heavy = data[0] < 8;
  switch (data[0] % 8) {
    case 0: {
      check_table(hopfield_settings_table(), "Hopfield network", ps);
      HopfieldModel m;
      m.set_data(&digits());
      check_notes(m.apply_link(params), ps.size() + 1);
      m.step(0.05, kBudgetMs);
      break;
    }
    case 1: {
      check_table(optimized_settings_table(), "Optimized rule", ps);
      if (!build_heavy) break;
      OptimizedModel m;
      check_notes(m.apply_link(params), ps.size() + 1);
      m.step(0.05, kBudgetMs);
      break;
    }
    case 2: {
      check_table(capacity_settings_table(), "Capacity", ps);
      CapacityModel m;
      const std::vector<ebm::Pattern> yours;
      check_notes(m.apply_link(params, yours), ps.size() + 1);
      m.step(kBudgetMs);
      break;
    }
    case 3: {
      check_table(boltzmann_settings_table(), "Boltzmann machine", ps);
      BoltzmannModel m;
      check_notes(m.apply_link(params), ps.size() + 1);
      m.step(0.05, kBudgetMs);
      break;
    }
    case 4: {
      check_table(toy_settings_table(), "Exact RBM", ps);
      ToyModel m;
      check_notes(m.apply_link(params), ps.size() + 1);
      m.step(0.05, kBudgetMs);
      FUZZ_CHECK(std::isfinite(m.kl()) || !m.error().empty());
      break;
    }
    case 5: {
      check_table(rbm_settings_table(), "RBM on MNIST", ps);
      if (!build_heavy) break;
      RbmModel m;
      m.set_data(&digits());
      check_notes(m.apply_link(params), ps.size() + 1);
      m.step(kBudgetMs);
      FUZZ_CHECK(m.weights_finite());
      break;
    }
    case 7: {
      check_table(dbn_settings_table(), "Deep belief net", ps);
      DbnModel m;
      m.set_data(&digits());
      check_notes(m.apply_link(params), ps.size() + 1);
      m.step(0.05, kBudgetMs);
      break;
    }
    default: {
      check_table(gibbs_settings_table(), "Gibbs sampling", ps);
      GibbsModel m;
      m.set_data(&digits());
      check_notes(m.apply_link(params), ps.size() + 1);
      m.step(0.05, kBudgetMs);
      break;
    }
  }
  return 0;
}
