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
  same_line_if_fits(button_width("Step"));
  if (button("Step", "step", "One CD-k update on the whole six-row batch.")) run("step");
  same_line_if_fits(button_width("Reset"));
  if (button("Reset", "reset", "Back to the starting model; the updates and the KL curve restart.")) run("reset");
  same_line_if_fits(setting_control_width(table, "speed", fs * 8));
  bool propose = setting_control(table, "speed", edit, fs * 8);
  propose |= setting_control(table, "start", edit, fs * 10);
  same_line_if_fits(setting_control_width(table, "lr", fs * 7));
  propose |= setting_control(table, "lr", edit, fs * 7);
  same_line_if_fits(setting_control_width(table, "k", fs * 5));
  propose |= setting_control(table, "k", edit, fs * 5);
  same_line_if_fits(setting_control_width(table, "pcd", 0.0f));
  propose |= setting_control(table, "pcd", edit, 0.0f);
  if (propose) m.propose(edit);
}

}  // namespace web
