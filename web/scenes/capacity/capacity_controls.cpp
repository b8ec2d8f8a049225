// capacity_controls.cpp: the capacity experiment's controls (see capacity_ui.hpp).
#include "capacity_ui.hpp"
#include "imgui.h"
#include "setting_controls.hpp"
#include "theme.hpp"
#include "widgets.hpp"

namespace web {

namespace {
const char* const kRuleLabels[] = {"Hebbian", "Storkey", "Pseudo-inverse", "Optimized"};
}  // namespace

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
  for (int r = 0; r < ebm::kRuleCount; ++r) {
    if (r) same_line_if_fits(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(kRuleLabels[r]).x);
    bool on = edit.rules.has(r);
    ImGui::PushStyleColor(ImGuiCol_CheckMark, ImGui::ColorConvertU32ToFloat4(colors::kSeries[r]));
    if (ImGui::Checkbox(kRuleLabels[r], &on)) {
      edit.rules.bits ^= uint64_t{1} << r;
      propose = true;
    }
    ImGui::PopStyleColor();
    tip(rules->spec.tooltip);
  }
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
