// widgets.hpp: the figure building blocks every scene shares: line plots with titled,
// labelled axes; field views (state grids, weight maps) with pointer painting; one-sentence
// tooltips; and a registry of control rectangles that browser tests click. No model logic.
#pragma once
#include <cmath>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "discard_guard.hpp"
#include "gfx.hpp"
#include "history.hpp"
#include "imgui.h"

namespace web {

/// One polyline of a plot: count points (x[i], y[i]); x may be null for x = i.
struct Series {
  const float* x = nullptr;
  const float* y = nullptr;
  int count = 0;
  ImU32 color = 0;
  const char* label = nullptr;  // legend entry; null hides it
};

/// A marker line across the plot at a fixed x (e.g. alpha = 0.138).
struct VLine {
  float x;
  const char* label;
};

struct PlotSpec {
  const char* title = "";
  const char* x_label = "";
  const char* y_label = "";
  ImVec2 size = ImVec2(0, 180);   // 0 width = fill the available width
  float x_min = NAN, x_max = NAN; // NAN = fit to data
  float y_min = NAN, y_max = NAN;
  bool x_log = false;             // logarithmic x axis: decade ticks, points with x <= 0 left out
  std::span<const VLine> vlines = {};
  const char* empty_text = "no data yet: press Play";
};

/// A plot series drawing a History.
inline Series series_of(const History& h, ImU32 color, const char* label = nullptr) {
  return Series{h.x.data(), h.y.data(), h.count(), color, label};
}

/// Draws a plot; returns the hovered x in data units, or NAN.
float plot(const char* id, const PlotSpec& spec, std::span<const Series> series);

/// Result of pointer interaction with a field view.
struct FieldHit {
  int cell = -1;       // cell under the pointer, -1 when outside
  bool paint = false;  // primary button (or touch) held on a cell
  bool erase = false;  // secondary button held on a cell
};

/// Draws t at size (width, height) through style; returns what the pointer does on it.
FieldHit field_view(const char* id, const FieldTexture& t, ImVec2 size, const FieldStyle& style);

/// Figure heading: bold title and a muted one-line explanation below it.
void figure_title(const char* title, const char* caption = nullptr);

/// Shows text as a tooltip when the previous item is hovered (one sentence per control).
void tip(const char* text);

/// Where ImGui::SameLine() would go in a row of controls: keeps the next item (next_w pixels
/// wide) on this line if it still fits in the window, else starts a new line (rows wrap on
/// phones and in narrow embeds instead of running off the edge).
void same_line_if_fits(float next_w);

/// Width of a button with this label (text up to "##" plus frame padding), pixels.
float button_width(const char* label);

/// Records the previous item's rectangle under name, so tests can click the real control.
void register_widget(const char* name);

/// Scene body layout: a bordered settings column settings_w pixels wide beside the figures when the
/// window is wider than min_wide pixels; otherwise the figures first and the settings folded under
/// a collapsing header titled folded_label (phones, narrow iframes).
void settings_beside_figures(float settings_w, float min_wide, const char* folded_label,
                             const std::function<void()>& settings, const std::function<void()>& figures);

/// A button with its one-sentence tooltip, registered under name for tests (nullptr: not
/// registered). size in pixels, 0 = fit the label. Returns true on the frame it is pressed.
bool button(const char* label, const char* name, const char* tooltip, ImVec2 size = ImVec2(0, 0));

/// A stopped training run's message in red and, when can_restore, a "Restore last good weights"
/// button (registered as "restore"); returns true on the frame it is pressed.
bool divergence_notice(const std::string& message, bool can_restore);

/// The modal question of a DiscardGuard: "Save it, then continue" (when save is given),
/// "Discard it", "Cancel"; opens by itself while the guard has a pending action. title names
/// the loss ("Discard the trained model?"). Buttons register as confirm_save / confirm_discard /
/// confirm_cancel.
void discard_dialog(DiscardGuard& guard, const char* title, const std::function<void()>& save);

/// JSON object {"name": [x, y, w, h], ...} of this frame's registered widgets, CSS pixels.
nlohmann::json widgets_json();

/// Embedded figures size their frame to their content (embed.hpp): then nothing may grow to fill
/// the window, or the content would grow with the frame. The app sets this once per frame.
void set_fit_content(bool fit);

/// Height below the cursor for a figure that fills the window (pixels); `natural` when the
/// window fits its content instead.
float fill_height(float natural);

/// Clears the registry; call at the start of each frame.
void widgets_begin_frame();

/// The bold heading font (loaded second by the platform).
ImFont* bold_font();

}  // namespace web
