// setting_controls.hpp: draws a scene's settings from its table (web/core/settings.hpp): the
// right widget per kind (slider, log slider, combo, check box, seed box) with the table's label,
// range and one-sentence tooltip, registered under the link key for browser tests (an open
// combo's items as "key:name"). Controls edit
// a copy; the scene proposes the copy to its model when the control says so. No model logic.
#pragma once
#include <algorithm>
#include <cmath>

#include "settings.hpp"

namespace web {

/// What one control did this frame.
struct ControlEdit {
  bool changed = false;  // the value moved this frame (during a drag too)
  bool done = false;     // an edit finished: drag released, item picked, box ticked, Enter typed
};

/// Draws the control for spec on v, width pixels wide (0: ImGui's default, -1: to the right edge).
ControlEdit setting_widget(const SettingSpec& spec, SettingValue& v, float width);

/// Width setting_widget takes for spec at `width` (frame plus visible label), pixels.
float setting_widget_width(const SettingSpec& spec, float width);

/// True when a change should reach the model now: live and restart settings while they move
/// (cheap), settings that rebuild the model only once the edit is done (never per frame).
inline bool should_propose(const SettingSpec& spec, ControlEdit e) {
  return spec.apply == Apply::Rebuild ? e.done : e.changed || e.done;
}

/// Draws the control for the table entry keyed `key` on the edit copy; returns true when the
/// scene should propose `edit` to its model now. `max` (when given) lowers the slider's upper
/// end for the current model (a set with 6 patterns offers 1..6 of the table's 1..64).
template <class T>
bool setting_control(std::span<const Setting<T>> table, const char* key, T& edit, float width, double max = NAN) {
  const Setting<T>* s = settings_find(table, key);
  if (!s) return false;
  SettingValue v = s->get(edit);
  SettingSpec spec = s->spec;
  if (max == max) spec.hi = std::min(spec.hi, max);
  const ControlEdit e = setting_widget(spec, v, width);
  if (e.changed || e.done) s->set(edit, v);
  return should_propose(s->spec, e);
}

/// Width the control for `key` takes when drawn `width` pixels wide (as setting_control takes
/// it): the frame plus its visible label, pixels. For same_line_if_fits.
template <class T>
float setting_control_width(std::span<const Setting<T>> table, const char* key, float width) {
  const Setting<T>* s = settings_find(table, key);
  return s ? setting_widget_width(s->spec, width) : 0.0f;
}

}  // namespace web
