// toy_controls.cpp: the exact RBM scene's transport row and settings row (see toy_ui.hpp).
#include "imgui.h"
#include "setting_controls.hpp"
#include "toy_ui.hpp"
#include "widgets.hpp"

namespace web {

void toy_controls(ToyModel& m, ToySettings& edit, const CommandFn& run) {
  const float fs = ImGui::GetFontSize();
  const auto table = toy_settings_table();
  if (button(m.playing() ? "Pause" : "Train", "play", "Runs CD-k updates on the six data rows (shortcut: space).",
             ImVec2(fs * 4.5f, 0))) {
    run("toggle");
  }
  ImGui::SameLine();
  if (button("Step", "step", "One CD-k update on the whole six-row batch.")) run("step");
  ImGui::SameLine();
  if (button("Reset", "reset", "Back to the starting model; the updates and the KL curve restart.")) run("reset");
  ImGui::SameLine();
  bool propose = setting_control(table, "speed", edit, fs * 8);
  propose |= setting_control(table, "start", edit, fs * 10);
  ImGui::SameLine();
  propose |= setting_control(table, "lr", edit, fs * 7);
  ImGui::SameLine();
  propose |= setting_control(table, "k", edit, fs * 5);
  ImGui::SameLine();
  propose |= setting_control(table, "pcd", edit, 0.0f);
  if (propose) m.propose(edit);
}

}  // namespace web
