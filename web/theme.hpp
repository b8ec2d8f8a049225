// theme.hpp: the page's calm light palette, shared by ImGui widgets, plots and shaders.
// Colours only; layout lives in app.cpp and the scenes.
#pragma once
#include "imgui.h"

namespace web {

/// Sets ImGui's style: light paper background, soft borders, rounded controls; with touch
/// (a coarse pointer, as on phones), controls big enough for a thumb.
void apply_theme(bool touch);
/// The canvas clear colour.
ImVec4 theme_background();

// Plot and accent colours (ImU32, ABGR as ImGui packs them).
namespace colors {
inline constexpr ImU32 kInk = IM_COL32(45, 52, 64, 255);         // text, axes
inline constexpr ImU32 kMuted = IM_COL32(120, 128, 140, 255);    // tick labels, hints
inline constexpr ImU32 kGrid = IM_COL32(225, 228, 233, 255);     // plot grid lines
inline constexpr ImU32 kPanel = IM_COL32(255, 255, 255, 255);    // plot background
inline constexpr ImU32 kBlue = IM_COL32(52, 104, 168, 255);      // primary series
inline constexpr ImU32 kOrange = IM_COL32(214, 120, 48, 255);    // secondary series
inline constexpr ImU32 kGreen = IM_COL32(70, 150, 100, 255);     // third series
inline constexpr ImU32 kRed = IM_COL32(190, 70, 70, 255);        // warnings, fourth series
inline constexpr ImU32 kPurple = IM_COL32(130, 90, 170, 255);    // fifth series
inline constexpr ImU32 kSeries[5] = {kBlue, kOrange, kGreen, kRed, kPurple};
}  // namespace colors

}  // namespace web
