// settings.hpp: a scene's settings as data. Each scene describes its settings struct (an
// aggregate with defaults, like chips' c64_desc_t) by one table: key, kind, range, names,
// label, one-sentence tooltip, and what a change costs (live, restart, rebuild). URL parsing,
// URL writing, the controls and ebm_query() all read that table, so they cannot disagree.
// UI-free (compiled into the native tests); the controls that draw a table are in web/.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

#include "url.hpp"

namespace web {

/// How a setting is stored, parsed and drawn.
enum class SettingKind {
  Int,       // whole number in [lo, hi]; a slider
  Float,     // finite number in [lo, hi]; a slider (log when `log`)
  Choice,    // one of `names` (an enum's values 0..n-1); a combo box
  Flag,      // on/off, "1" / "0" in links; a check box
  Seed,      // whole number in [lo, hi] typed in a box (no slider: neighbouring seeds mean nothing)
  IndexSet,  // a set of 1-based indices in [1, hi] (hi <= 64), "2,5" in links; drawn by the scene
  Text,      // free text checked by `validate` (pattern lists); drawn by the scene
  ChoiceSet, // any subset of `names` (bit k: names[k]), "hebbian,storkey" in links; drawn by the scene
};

/// What a change to the setting costs the scene's model (ordered: a larger one includes the smaller).
enum class Apply {
  Live,     // applied to the running model in place (speed, learning rate); fine per frame
  Restart,  // the run restarts (a new cue, chains reset), the model is kept; fine per frame
  Rebuild,  // a new model; applied when a drag ends, and asks first if it would lose work
};

/// A bit set of 1-based indices (bit k-1 set: index k is in the set).
struct IndexSet {
  uint64_t bits = 0;
  bool operator==(const IndexSet&) const = default;
};

/// A subset of a choice's names (bit k set: names[k] is chosen).
struct ChoiceSet {
  uint64_t bits = 0;
  bool has(int k) const { return (bits >> k) & 1u; }
  bool operator==(const ChoiceSet&) const = default;
};

/// One value of any kind: `number` for Int / Float / Choice / Flag / Seed, `bits` for IndexSet
/// and ChoiceSet, `text` for Text.
struct SettingValue {
  double number = 0;
  uint64_t bits = 0;
  std::string text;
  bool operator==(const SettingValue&) const = default;
};

/// The description of one setting (without its storage).
struct SettingSpec {
  const char* key = "";      // URL key and the control's test name ("hidden")
  const char* label = "";    // control label ("hidden units")
  const char* tooltip = "";  // one sentence: what it does, with its unit
  SettingKind kind = SettingKind::Int;
  double lo = 0, hi = 1;     // closed range (Int, Float, Seed); IndexSet: indices 1..hi
  std::span<const char* const> names = {};   // Choice: link names, index = enum value
  std::span<const char* const> labels = {};  // Choice: display labels in the same order (empty: names)
  const char* format = nullptr;  // slider display format ("%.0f %%"); null: a default per kind
  const char* zero_text = nullptr;  // shown instead of the value when it is 0 ("never")
  bool log = false;              // logarithmic slider (learning rates, sizes over decades)
  Apply apply = Apply::Rebuild;
  bool in_link = true;  // false: a launch flag (play=1): read from links, never written back
  std::string (*validate)(const std::string& text) = nullptr;  // Text: "" if usable, else why not
};

/// A setting bound to its field in a settings struct T (get and set by value).
template <class T>
struct Setting {
  SettingSpec spec;
  SettingValue (*get)(const T&) = nullptr;
  void (*set)(T&, SettingValue) = nullptr;
};

namespace detail {
template <class M>
struct MemberOf;
template <class C, class F>
struct MemberOf<F C::*> {
  using Class = C;
  using Field = F;
};
template <class F>
SettingValue to_value(const F& f) {
  if constexpr (std::is_same_v<F, IndexSet> || std::is_same_v<F, ChoiceSet>) return {0, f.bits, {}};
  else if constexpr (std::is_same_v<F, std::string>) return {0, 0, f};
  else if constexpr (std::is_enum_v<F>) return {static_cast<double>(static_cast<std::underlying_type_t<F>>(f)), 0, {}};
  else return {static_cast<double>(f), 0, {}};
}
template <class F>
F from_value(const SettingValue& v) {
  if constexpr (std::is_same_v<F, IndexSet>) return IndexSet{v.bits};
  else if constexpr (std::is_same_v<F, ChoiceSet>) return ChoiceSet{v.bits};
  else if constexpr (std::is_same_v<F, std::string>) return v.text;
  else if constexpr (std::is_enum_v<F>) return static_cast<F>(static_cast<std::underlying_type_t<F>>(v.number));
  else if constexpr (std::is_same_v<F, bool>) return v.number != 0;
  else return static_cast<F>(v.number);
}
}  // namespace detail

/// Binds spec to the member M of a settings struct: field<&RbmSettings::hidden>({...}).
/// The member's type may be int, int64_t, uint64_t, float, double, bool, an enum, IndexSet,
/// ChoiceSet or std::string (Text).
template <auto M>
Setting<typename detail::MemberOf<decltype(M)>::Class> field(SettingSpec spec) {
  using C = typename detail::MemberOf<decltype(M)>::Class;
  using F = typename detail::MemberOf<decltype(M)>::Field;
  return {spec, [](const C& c) { return detail::to_value<F>(c.*M); },
          [](C& c, SettingValue v) { c.*M = detail::from_value<F>(v); }};
}

// [SECTION] One value

/// The link text of a value: "64", "0.05" (shortest text that reads back to the same float),
/// "pcd", "1", "2,5".
std::string setting_format(const SettingSpec& spec, SettingValue v);

/// Parses link text into out; returns "" or a message naming the key and what it expects.
/// out is untouched on failure.
std::string setting_parse(const SettingSpec& spec, const std::string& text, SettingValue& out);

/// The value as JSON for ebm_query(): numbers, names for choices, booleans, index lists.
nlohmann::json setting_json(const SettingSpec& spec, SettingValue v);

/// True when v lies in the spec's range (and is finite); every stored value must.
bool setting_valid(const SettingSpec& spec, SettingValue v);

// [SECTION] A whole table

/// Applies link parameters to s: each known key is parsed into its field; unknown keys and bad
/// values leave s unchanged and add a message ("unknown parameter x for the RBM scene"). Keys in
/// `skip` (handled by the caller, like "scene") are ignored. Returns the messages.
template <class T>
std::vector<std::string> settings_apply(std::span<const Setting<T>> table, T& s, std::span<const Param> params,
                                        const char* scene_title);

/// The link parameters of s, in table order: every setting except launch flags (and empty index
/// sets or texts, which are their defaults).
template <class T>
std::vector<Param> settings_params(std::span<const Setting<T>> table, const T& s);

/// {key: value, ...} of s for ebm_query().
template <class T>
nlohmann::json settings_json(std::span<const Setting<T>> table, const T& s);

/// Whether a and b differ, and the largest cost among the settings that do.
struct SettingsDiff {
  bool changed = false;
  Apply apply = Apply::Live;
};
template <class T>
SettingsDiff settings_diff(std::span<const Setting<T>> table, const T& a, const T& b);

/// The table entry for key, or null.
template <class T>
const Setting<T>* settings_find(std::span<const Setting<T>> table, const std::string& key);

// [SECTION] Template definitions

template <class T>
const Setting<T>* settings_find(std::span<const Setting<T>> table, const std::string& key) {
  for (const Setting<T>& s : table)
    if (key == s.spec.key) return &s;
  return nullptr;
}

template <class T>
std::vector<std::string> settings_apply(std::span<const Setting<T>> table, T& s, std::span<const Param> params,
                                        const char* scene_title) {
  std::vector<std::string> notes;
  for (const Param& p : params) {
    const Setting<T>* e = settings_find(table, p.key);
    if (!e) {
      notes.push_back("unknown parameter " + link_text(p.key) + " for the " + scene_title + " scene (ignored).");
      continue;
    }
    SettingValue v = e->get(s);
    std::string msg = setting_parse(e->spec, p.value, v);
    if (msg.empty()) e->set(s, v);
    else notes.push_back(std::move(msg));
  }
  return notes;
}

template <class T>
std::vector<Param> settings_params(std::span<const Setting<T>> table, const T& s) {
  std::vector<Param> out;
  for (const Setting<T>& e : table) {
    if (!e.spec.in_link) continue;
    const SettingValue v = e.get(s);
    // Empty sets and texts are their defaults: the key is left out rather than written empty.
    if ((e.spec.kind == SettingKind::IndexSet && v.bits == 0) || (e.spec.kind == SettingKind::Text && v.text.empty()))
      continue;
    out.push_back({e.spec.key, setting_format(e.spec, v)});
  }
  return out;
}

template <class T>
nlohmann::json settings_json(std::span<const Setting<T>> table, const T& s) {
  nlohmann::json j = nlohmann::json::object();
  for (const Setting<T>& e : table) j[e.spec.key] = setting_json(e.spec, e.get(s));
  return j;
}

template <class T>
SettingsDiff settings_diff(std::span<const Setting<T>> table, const T& a, const T& b) {
  SettingsDiff d;
  for (const Setting<T>& e : table) {
    if (e.get(a) == e.get(b)) continue;
    if (!d.changed || e.spec.apply > d.apply) d.apply = e.spec.apply;
    d.changed = true;
  }
  return d;
}

}  // namespace web
