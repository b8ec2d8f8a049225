// frame_stats.cpp: the per-phase frame timer and its window (see frame_stats.hpp).
#include "frame_stats.hpp"

#include <emscripten.h>

#include <algorithm>
#include <array>

#include "imgui.h"
#include "widgets.hpp"

namespace web {

namespace {

constexpr int kFrames = 120;  // window of the statistics, in drawn frames

struct Record {
  float step, ui, render, interval;  // ms; interval < 0 when the previous tick drew nothing
};

struct Stats {
  std::array<Record, kFrames> ring{};
  int count = 0;  // records written so far (the ring holds the last min(count, kFrames))
  double start = 0, step_done = 0, ui_done = 0;  // this frame's marks, ms since page load
  double last_start = 0;   // start of the previous animation frame
  bool last_drawn = false; // the previous animation frame drew
  double interval = -1;    // from the previous drawn frame's start to this one's, or -1
  bool shown = false;      // the window is open
} g;

// The q-quantile (0.5 = median) of value(record) over the ring, skipping negative values
// (intervals not measured); 0 when there is nothing to summarize.
template <class F>
float quantile(F value, float q) {
  std::array<float, kFrames> v{};
  int n = 0;
  for (int i = 0; i < std::min(g.count, kFrames); ++i) {
    const float x = value(g.ring[i]);
    if (x >= 0) v[n++] = x;
  }
  if (n == 0) return 0.0f;
  const int k = std::min(n - 1, static_cast<int>(q * n));
  std::nth_element(v.begin(), v.begin() + k, v.begin() + n);
  return v[k];
}

// The summarized quantities, one per row of the breakdown.
struct Row {
  const char* key;   // in frame_stats_json()
  const char* name;  // in the window
  const char* tip;
  float (*value)(const Record&);
};
constexpr Row kRows[] = {
    {"step_ms", "simulation step", "Time the scene spent advancing its model.",
     [](const Record& r) { return r.step; }},
    {"ui_ms", "UI build", "Building the controls and figures (Dear ImGui).", [](const Record& r) { return r.ui; }},
    {"render_ms", "render submit", "Issuing the WebGL calls that draw the frame.",
     [](const Record& r) { return r.render; }},
    {"other_ms", "work outside step", "UI build + render submit: what showing the model costs.",
     [](const Record& r) { return r.ui + r.render; }},
    {"work_ms", "all C++ work", "Step + UI build + render submit.",
     [](const Record& r) { return r.step + r.ui + r.render; }},
    {"interval_ms", "frame interval", "Time between two drawn frames: the browser's pace, GPU included.",
     [](const Record& r) { return r.interval; }},
};

nlohmann::json pair(float median, float p95) { return {{"median", median}, {"p95", p95}}; }

}  // namespace

void frame_mark_start() {
  const double now = emscripten_get_now();
  g.interval = g.last_drawn ? now - g.last_start : -1.0;
  g.start = g.step_done = g.ui_done = now;
  g.last_start = now;
  g.last_drawn = false;
}

void frame_mark_step_done() { g.step_done = emscripten_get_now(); }

void frame_mark_ui_done() { g.ui_done = emscripten_get_now(); }

void frame_mark_drawn() {
  const double now = emscripten_get_now();
  g.ring[g.count % kFrames] = Record{static_cast<float>(g.step_done - g.start),
                                     static_cast<float>(g.ui_done - g.step_done),
                                     static_cast<float>(now - g.ui_done), static_cast<float>(g.interval)};
  ++g.count;
  g.last_drawn = true;
}

void frame_mark_skipped() { g.last_drawn = false; }

nlohmann::json frame_stats_json() {
  nlohmann::json j;
  j["frames"] = std::min(g.count, kFrames);
  for (const Row& r : kRows) j[r.key] = pair(quantile(r.value, 0.5f), quantile(r.value, 0.95f));
  return j;
}

void frame_stats_toggle() { g.shown = !g.shown; }

void frame_stats_window() {
  if (!g.shown) return;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float fs = ImGui::GetFontSize();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x - fs, vp->WorkPos.y + 2.5f * fs),
                          ImGuiCond_Always, ImVec2(1.0f, 0.0f));
  ImGui::SetNextWindowBgAlpha(0.92f);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                                 ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse;
  if (!ImGui::Begin("Frame time", &g.shown, flags)) {
    ImGui::End();
    return;
  }
  ImGui::TextDisabled("last %d drawn frames, ms", std::min(g.count, kFrames));
  if (ImGui::BeginTable("frame_stats", 3, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg)) {
    ImGui::TableSetupColumn("");
    ImGui::TableSetupColumn("median");
    ImGui::TableSetupColumn("p95");
    ImGui::TableHeadersRow();
    for (const Row& r : kRows) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(r.name);
      if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", r.tip);
      ImGui::TableNextColumn();
      ImGui::Text("%6.1f", quantile(r.value, 0.5f));
      ImGui::TableNextColumn();
      ImGui::Text("%6.1f", quantile(r.value, 0.95f));
    }
    ImGui::EndTable();
    register_widget("frame_stats_table");
  }
  ImGui::End();
}

}  // namespace web
