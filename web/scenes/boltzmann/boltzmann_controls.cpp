// boltzmann_controls.cpp: the Boltzmann machine scene's transport row and settings column
// (see boltzmann_ui.hpp).
#include <cstdio>
#include <string>

#include "boltzmann_ui.hpp"
#include "imgui.h"
#include "setting_controls.hpp"
#include "widgets.hpp"

namespace web {

void boltzmann_transport(BoltzmannModel& m, BoltzmannSettings& edit, const CommandFn& run) {
  const float fs = ImGui::GetFontSize();
  const ebm::BmTrainer& t = m.trainer();
  if (button(m.playing() ? "Pause" : "Play", "play", "Runs or pauses training, phase after phase (shortcut: space).",
             ImVec2(fs * 4.5f, 0))) {
    run("toggle");
  }
  same_line_if_fits(button_width("Step"));
  if (button("Step", "step", "One unit update: the highlighted unit is resampled from P(s_i = 1 | others) (shortcut: S).")) {
    run("step");
  }
  same_line_if_fits(button_width("Finish update"));
  if (button("Finish update", "update",
             "Runs the remaining clamped and free runs of this learning step and applies the weight change.")) {
    run("update");
  }
  same_line_if_fits(button_width("Reset"));
  if (button("Reset", "reset", "New random weights from the seed; the KL history starts over (shortcut: R).")) run("reset");
  same_line_if_fits(setting_control_width(boltzmann_settings_table(), "speed", fs * 10));
  if (setting_control(boltzmann_settings_table(), "speed", edit, fs * 10)) m.propose(edit);
  char status[96];
  std::snprintf(status, sizeof status, "learning step %lld, %lld sweeps, KL = %.3f nats",
                static_cast<long long>(t.weight_updates), static_cast<long long>(t.sweeps), m.kl());
  // Beside the controls when it fits, else on a line of its own (narrow embeds).
  const float line_end = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (line_end - ImGui::GetItemRectMax().x > ImGui::CalcTextSize(status).x + fs) ImGui::SameLine();
  ImGui::TextDisabled("%s", status);
}

void boltzmann_settings_panel(BoltzmannModel& m, BoltzmannSettings& edit) {
  const float fs = ImGui::GetFontSize();
  const auto table = boltzmann_settings_table();
  auto section = [](const char* name) {
    ImGui::Spacing();
    ImGui::PushFont(bold_font());
    ImGui::TextUnformatted(name);
    ImGui::PopFont();
  };
  bool propose = false;
  section("Data");
  ImGui::SetNextItemWidth(-1);  // the whole column (setting_control keeps a width set here when given 0)
  propose |= setting_control(table, "data", edit, 0.0f);
  // The rows of the data set in use (up to eight), as bit strings.
  const ebm::BmTrainer& t = m.trainer();
  const int nv = m.nv();
  std::string rows;
  for (int r = 0; r < t.rows && r < 8; ++r) {
    uint32_t v = 0;
    for (int i = 0; i < nv; ++i) v |= (t.data[static_cast<size_t>(r) * nv + i] ? 1u : 0u) << i;
    rows += (r ? " " : "") + bm_bit_string(v, nv);
  }
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("rows: %s%s", rows.c_str(), t.rows > 8 ? " ..." : "");
  ImGui::PopStyleColor();

  section("Machine");
  for (const char* key : {"hidden", "restricted", "init", "seed"}) propose |= setting_control(table, key, edit, fs * 8);
  section("Learning");
  for (const char* key : {"lr", "stats"}) propose |= setting_control(table, key, edit, fs * 8);
  section("Annealing");
  for (const char* key : {"tstart", "T", "anneal", "cooling"}) propose |= setting_control(table, key, edit, fs * 8);
  if (propose) m.propose(edit);
}

}  // namespace web
