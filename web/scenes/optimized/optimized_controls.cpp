// optimized_controls.cpp: the optimized-rule scene's controls (see optimized_ui.hpp).
#include <algorithm>

#include "imgui.h"
#include "optimized_ui.hpp"
#include "setting_controls.hpp"
#include "widgets.hpp"

namespace web {

void optimized_controls(OptimizedModel& m, OptimizedSettings& edit, const std::function<bool(const std::string&)>& run) {
  const float fs = ImGui::GetFontSize();
  const auto table = optimized_settings_table();
  if (button(m.playing() ? "Pause" : "Play", "play", "Runs the optimized rule, one target at a time (shortcut: space).",
             ImVec2(fs * 4.5f, 0))) {
    run("toggle");
  }
  same_line_if_fits(button_width("Step"));
  if (button("Step", "step", "Visits one target: finds its parasite and updates the weights once.")) run("step");
  same_line_if_fits(button_width("Reset"));
  if (button("Reset", "reset", "Back to plain Hebbian weights.")) run("reset");
  same_line_if_fits(setting_control_width(table, "speed", fs * 8));
  bool propose = setting_control(table, "speed", edit, fs * 8);
  same_line_if_fits(fs * 8);
  ImGui::ProgressBar(ebm::optimized_fraction_done(m.trainer()), ImVec2(fs * 8, 0));
  tip("Share of the target visits done over all epochs.");
  same_line_if_fits(ImGui::CalcTextSize("epoch 00 / 00").x);
  const int epochs = m.settings().epochs;
  ImGui::Text("epoch %d / %d", std::min(m.trainer().epoch + 1, epochs), epochs);
  propose |= setting_control(table, "lr", edit, fs * 8);
  same_line_if_fits(setting_control_width(table, "steps", fs * 6));
  propose |= setting_control(table, "steps", edit, fs * 6);
  same_line_if_fits(setting_control_width(table, "epochs", fs * 6));
  propose |= setting_control(table, "epochs", edit, fs * 6);
  if (propose) m.propose(edit);
}

}  // namespace web
