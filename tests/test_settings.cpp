// test_settings.cpp: the settings-table machinery every scene uses (web/core/settings): link
// text round-trips exactly for every kind, bad values are refused with a message naming the
// key and leave the setting unchanged, and the cost of a change is the largest among the
// settings that changed.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>

#include "settings.hpp"

using namespace web;

namespace {

enum class Colour : int { Red, Green, Blue };
const char* const kColourNames[] = {"red", "green", "blue"};

struct Demo {
  int count = 3;                 // Int, rebuild
  float rate = 0.05f;            // Float, live
  Colour colour = Colour::Green; // Choice, restart
  bool on = false;               // Flag, live
  uint64_t seed = 7;             // Seed, rebuild
  IndexSet skip{};               // IndexSet, rebuild
  bool play = false;             // launch flag
};

const Setting<Demo> kDemo[] = {
    field<&Demo::count>({.key = "count", .label = "count", .tooltip = "How many.", .kind = SettingKind::Int, .lo = 1, .hi = 64}),
    field<&Demo::rate>({.key = "rate", .label = "rate", .tooltip = "How fast.", .kind = SettingKind::Float, .lo = 1e-5,
                        .hi = 100, .log = true, .apply = Apply::Live}),
    field<&Demo::colour>({.key = "colour", .label = "colour", .tooltip = "Which.", .kind = SettingKind::Choice,
                          .names = kColourNames, .apply = Apply::Restart}),
    field<&Demo::on>({.key = "on", .label = "on", .tooltip = "Whether.", .kind = SettingKind::Flag, .apply = Apply::Live}),
    field<&Demo::seed>({.key = "seed", .label = "seed", .tooltip = "Seed.", .kind = SettingKind::Seed, .lo = 0, .hi = 1e9}),
    field<&Demo::skip>({.key = "skip", .label = "skip", .tooltip = "Left out.", .kind = SettingKind::IndexSet, .hi = 64}),
    field<&Demo::play>({.key = "play", .label = "play", .tooltip = "Start.", .kind = SettingKind::Flag,
                        .apply = Apply::Live, .in_link = false}),
};
const std::span<const Setting<Demo>> kTable = kDemo;

SettingValue num(double v) { return SettingValue{v, 0, {}}; }

std::vector<std::string> apply(Demo& d, std::initializer_list<Param> ps) {
  const std::vector<Param> v(ps);
  return settings_apply(kTable, d, std::span<const Param>(v), "demo");
}

}  // namespace

TEST_CASE("settings: link text of every kind reads back to the same value") {
  Demo d;
  d.count = 64;
  d.rate = 0.0001f;
  d.colour = Colour::Blue;
  d.on = true;
  d.seed = 999999999;
  d.skip.bits = (1ull << 0) | (1ull << 4) | (1ull << 63);
  const std::vector<Param> ps = settings_params(kTable, d);
  CHECK(ps.size() == 6);  // the launch flag is never written
  CHECK(settings_params(kTable, Demo{}).size() == 5);  // nor an empty index set
  Demo back;
  CHECK(settings_apply(kTable, back, std::span<const Param>(ps), "demo").empty());
  CHECK(back.count == d.count);
  CHECK(back.rate == d.rate);
  CHECK(back.colour == d.colour);
  CHECK(back.on == d.on);
  CHECK(back.seed == d.seed);
  CHECK(back.skip == d.skip);
  CHECK(!settings_diff(kTable, d, back).changed);
}

TEST_CASE("settings: floats print as their shortest exact text, and every float survives a link") {
  const SettingSpec& rate = kDemo[1].spec;
  CHECK(setting_format(rate, num(0.05f)) == "0.05");
  CHECK(setting_format(rate, num(static_cast<float>(1.0 / 3.0))) == "0.33333334");
  CHECK(setting_format(rate, num(20)) == "20");
  CHECK(setting_format(rate, num(50000)) == "50000");
  CHECK(setting_format(rate, num(1e-5)) == "1e-05");
  int bad = 0;
  for (float f = 1e-5f; f < 100.0f; f *= 1.0137f) {  // about 1,500 values over seven decades
    SettingValue v;
    REQUIRE(setting_parse(rate, setting_format(rate, num(f)), v).empty());
    bad += static_cast<float>(v.number) != f;
  }
  CHECK(bad == 0);
  CHECK(setting_json(rate, num(0.05f)).get<double>() == 0.05);
}

TEST_CASE("settings: bad values are refused with the key in the message and change nothing") {
  Demo d;
  const auto notes = apply(d, {{"count", "65"}, {"count", "abc"}, {"rate", "nan"}, {"rate", "1e999"}, {"colour", "pink"},
                               {"on", "maybe"}, {"seed", "-1"}, {"skip", "1,0"}, {"skip", "1,,2"}, {"bogus", "1"}});
  REQUIRE(notes.size() == 10);
  CHECK(notes[0].find("count=65 is out of range; expected 1 to 64") != std::string::npos);
  CHECK(notes[1].find("count=abc is not a whole number") != std::string::npos);
  CHECK(notes[2].find("rate=nan is not a number") != std::string::npos);
  CHECK(notes[3].find("rate=1e999 is not a number") != std::string::npos);
  CHECK(notes[4].find("colour=pink is not one of: red green blue") != std::string::npos);
  CHECK(notes[5].find("on=maybe") != std::string::npos);
  CHECK(notes[6].find("seed=-1 is out of range") != std::string::npos);
  CHECK(notes[7].find("skip=0 is out of range") != std::string::npos);
  CHECK(notes[8].find("skip= is not a whole number") != std::string::npos);
  CHECK(notes[9] == "unknown parameter bogus for the demo scene (ignored).");
  const Demo fresh;
  CHECK(!settings_diff(kTable, d, fresh).changed);
}

TEST_CASE("settings: a change costs the most expensive setting that changed") {
  const Demo a;
  Demo b = a;
  CHECK(!settings_diff(kTable, a, b).changed);
  b.rate = 0.1f;
  CHECK(settings_diff(kTable, a, b).changed);
  CHECK(settings_diff(kTable, a, b).apply == Apply::Live);
  b.colour = Colour::Red;
  CHECK(settings_diff(kTable, a, b).apply == Apply::Restart);
  b.skip.bits = 2;
  CHECK(settings_diff(kTable, a, b).apply == Apply::Rebuild);
}

TEST_CASE("settings: JSON gives numbers, names, booleans and index lists") {
  Demo d;
  d.skip.bits = 0b101;
  const nlohmann::json j = settings_json(kTable, d);
  CHECK(j["count"] == 3);
  CHECK(j["colour"] == "green");
  CHECK(j["on"] == false);
  CHECK(j["seed"] == 7);
  CHECK(j["skip"] == nlohmann::json::array({1, 3}));
}

TEST_CASE("settings: validity follows the range, including float-rounded bounds") {
  const SettingSpec spec{.key = "m", .kind = SettingKind::Float, .lo = 0, .hi = 0.99};
  SettingValue v;
  REQUIRE(setting_parse(spec, "0.99", v).empty());
  CHECK(setting_valid(spec, v));
  CHECK(!setting_valid(spec, num(1.0)));
  CHECK(!setting_valid(spec, num(NAN)));
  CHECK(!setting_valid(kDemo[0].spec, num(2.5)));
  CHECK(!setting_valid(kDemo[2].spec, num(3)));
  CHECK(setting_valid(kDemo[2].spec, num(2)));
}
