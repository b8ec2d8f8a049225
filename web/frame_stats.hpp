// frame_stats.hpp: where a frame's time goes, over the last 120 drawn frames: the simulation
// step, building the UI, submitting the GL work, and the interval between two drawn frames
// (medians and 95th percentiles). The platform layer marks the phases; ebm_query() reports
// them and a small window shows them on request. It measures; it decides nothing.
#pragma once
#include <nlohmann/json.hpp>

namespace web {

/// Phase marks, in this order within a frame. frame_mark_start comes first in every animation
/// frame; an idle frame (the app draws nothing) stops there.
void frame_mark_start();       // the animation frame begins (events are polled next)
void frame_mark_step_done();   // the scene stepped; building the UI begins
void frame_mark_ui_done();     // ImGui::Render() finished; GL submission begins
void frame_mark_drawn();       // GL calls issued and the canvas presented

/// The animation frame did not run the app at all (the GL context is lost): the next interval
/// is not one between two drawn frames.
void frame_mark_skipped();

/// {"frames": n, "step_ms": {"median", "p95"}, "ui_ms", "render_ms", "work_ms" (all C++ work),
///  "other_ms" (work outside the step), "interval_ms"} over the last 120 drawn frames.
nlohmann::json frame_stats_json();

/// Shows or hides the breakdown window (the page's toggle).
void frame_stats_toggle();

/// Draws the breakdown window when it is shown; call while building the UI.
void frame_stats_window();

}  // namespace web
