// capacity_controls.cpp: the capacity experiment's controls (see capacity_ui.hpp).
#include <string>

#include "capacity_ui.hpp"
#include "imgui.h"
#include "setting_controls.hpp"
#include "theme.hpp"
#include "widgets.hpp"

namespace web {


void capacity_controls(CapacityModel& m, CapacitySettings& edit, const std::function<bool(const std::string&)>& run) {
  const float fs = ImGui::GetFontSize();
  const auto table = capacity_settings_table();
  if (button(m.running() ? "Pause" : (m.started() && !m.done()) ? "Resume" : "Run", "run",
             "Runs the experiment in slices between frames; the curves fill in as loads finish.", ImVec2(fs * 5, 0))) {
    run("toggle");
  }
  same_line_if_fits(button_width("Reset"));
  if (button("Reset", "reset", "Clears the curves; the settings stay.")) run("reset");
  same_line_if_fits(fs * 12);
  ImGui::ProgressBar(m.fraction(), ImVec2(fs * 12, 0));
  tip("Share of the estimated work done (training plus probes, over all selected rules).");
  ImGui::SameLine();
  ImGui::TextDisabled("%s", m.running() ? "running" : m.started() && m.done() ? "done" : "");

  bool propose = false;
  const Setting<CapacitySettings>* rules = settings_find(table, "rules");
  for (int r = 0; r < kCapacityRuleCount; ++r) {
    if (r) same_line_if_fits(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(kCapacityRuleLabels[r]).x);
    bool on = edit.rules.has(r);
    ImGui::PushStyleColor(ImGuiCol_CheckMark, ImGui::ColorConvertU32ToFloat4(kCapacityRuleColors[r]));
    if (ImGui::Checkbox(kCapacityRuleLabels[r], &on)) {
      edit.rules.bits ^= uint64_t{1} << r;
      propose = true;
    }
    register_widget((std::string("rule_") + kCapacityRuleNames[r]).c_str());
    ImGui::PopStyleColor();
    tip(rules->spec.tooltip);
  }
  if (edit.rules.has(static_cast<int>(CapacityRule::Dense))) {
    same_line_if_fits(setting_control_width(table, "degree", fs * 6));
    propose |= setting_control(table, "degree", edit, fs * 6);
  }
  if (edit.rules.has(static_cast<int>(CapacityRule::DenseExp))) {
    same_line_if_fits(setting_control_width(table, "beta", fs * 6));
    propose |= setting_control(table, "beta", edit, fs * 6);
  }
  same_line_if_fits(setting_control_width(table, "log", 0));
  propose |= setting_control(table, "log", edit, 0);
  propose |= setting_control(table, "n", edit, fs * 8);
  for (const char* key : {"trials", "noise", "max_alpha"}) {
    same_line_if_fits(setting_control_width(table, key, fs * 7));
    propose |= setting_control(table, key, edit, fs * 7);
  }
  same_line_if_fits(setting_control_width(table, "source", fs * 11));
  propose |= setting_control(table, "source", edit, fs * 11);
  if (propose) m.propose(edit);
  if (!m.error().empty()) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kRed), "%s", m.error().c_str());
}

}  // namespace web
