// test_scene_tables.cpp: properties every scene's settings table must have, checked over all
// tables at once: keys unique and URL-safe, a label and a one-sentence tooltip per row, ranges
// that make sense, defaults inside them, and every row's default, low and high values written
// into a link and read back unchanged (so a link can always hold what the controls can show).
#include <doctest/doctest.h>

#include <cctype>
#include <set>
#include <string>

#include "boltzmann_model.hpp"
#include "capacity_model.hpp"
#include "dbn_model.hpp"
#include "gibbs_model.hpp"
#include "hopfield_model.hpp"
#include "optimized_model.hpp"
#include "rbm_model.hpp"
#include "toy_model.hpp"

using namespace web;

namespace {
template <class T>
void check_table(const char* scene, std::span<const Setting<T>> table) {
  CAPTURE(scene);
  REQUIRE(!table.empty());
  std::set<std::string> keys;
  const T defaults{};
  for (const Setting<T>& row : table) {
    const SettingSpec& s = row.spec;
    const std::string key = s.key;
    CAPTURE(key);
    CHECK(keys.insert(key).second);  // unique
    REQUIRE(!key.empty());
    for (char ch : key) CHECK((std::islower(static_cast<unsigned char>(ch)) || std::isdigit(static_cast<unsigned char>(ch)) ||
                               ch == '_' || ch == 'T'));  // URL-safe, as typed by hand ("T" is temperature)
    CHECK(key != "scene");
    CHECK(key != "embed");
    CHECK(std::string(s.label).size() > 0);
    const std::string tip = s.tooltip;
    CHECK(tip.size() >= 10);
    CHECK(tip.size() <= 200);
    CHECK(tip.back() == '.');
    CHECK(tip.find('\n') == std::string::npos);
    const bool bound = row.get && row.set;
    REQUIRE(bound);
    const SettingValue d = row.get(defaults);
    CHECK(setting_valid(s, d));
    switch (s.kind) {
      case SettingKind::Int: case SettingKind::Float: case SettingKind::Seed:
        CHECK(s.lo < s.hi);
        if (s.log) CHECK(s.lo >= 0);  // ImGui log sliders take 0 as an end (a dead zone around it)
        break;
      case SettingKind::Choice: case SettingKind::ChoiceSet:
        CHECK(s.names.size() >= 2);
        if (!s.labels.empty()) CHECK(s.labels.size() == s.names.size());
        break;
      default: break;
    }
    // The default, and for numbers both ends of the range, survive a trip through link text.
    std::vector<SettingValue> probes{d};
    if (s.kind == SettingKind::Int || s.kind == SettingKind::Float || s.kind == SettingKind::Seed) {
      probes.push_back({s.lo, 0, {}});
      probes.push_back({s.hi, 0, {}});
    }
    for (const SettingValue& v : probes) {
      T t{};
      row.set(t, v);
      const SettingValue stored = row.get(t);  // as the field holds it (float, int...)
      SettingValue back;
      const std::string text = setting_format(s, stored);
      CAPTURE(text);
      CHECK(setting_parse(s, text, back).empty());
      CHECK(back == stored);
    }
  }
  // A link of the defaults reads back into the same settings with no notes.
  const auto params = settings_params(table, defaults);
  T t{};
  CHECK(settings_apply(table, t, std::span<const Param>(params), scene).empty());
  CHECK(settings_json(table, t) == settings_json(table, defaults));
}
}  // namespace

TEST_CASE("every scene's settings table: unique keys, tooltips, sane ranges, values survive links") {
  check_table<HopfieldSettings>("hopfield", hopfield_settings_table());
  check_table<OptimizedSettings>("optimized", optimized_settings_table());
  check_table<CapacitySettings>("capacity", capacity_settings_table());
  check_table<BoltzmannSettings>("boltzmann", boltzmann_settings_table());
  check_table<ToySettings>("toy", toy_settings_table());
  check_table<RbmSettings>("rbm", rbm_settings_table());
  check_table<GibbsSettings>("gibbs", gibbs_settings_table());
  check_table<DbnSettings>("dbn", dbn_settings_table());
}
