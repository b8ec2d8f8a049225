// gibbs_controls.cpp: the Gibbs sampling scene's transport and settings row (see gibbs_ui.hpp).
#include "gibbs_ui.hpp"
#include "imgui.h"
#include "setting_controls.hpp"
#include "widgets.hpp"

namespace web {

void gibbs_controls(GibbsModel& m, GibbsSettings& edit, bool rbm_tab_changed, const CommandFn& run) {
  const float fs = ImGui::GetFontSize();
  const auto table = gibbs_settings_table();
  if (button(m.playing() ? "Pause" : "Play", "play", "Runs Gibbs sweeps continuously (shortcut: space).",
             ImVec2(fs * 4.5f, 0))) {
    run("toggle");
  }
  same_line_if_fits(button_width("Step"));
  if (button("Step", "step", "One sweep: h ~ P(h | v), then v ~ P(v | h), for every chain (shortcut: S).")) run("step");
  same_line_if_fits(button_width("Restart"));
  if (button("Restart", "reset", "Restarts every chain from its starting state.")) run("reset");
  same_line_if_fits(setting_control_width(table, "speed", fs * 8));
  bool propose = setting_control(table, "speed", edit, fs * 8);
  same_line_if_fits(setting_control_width(table, "noise_start", 0.0f));
  propose |= setting_control(table, "noise_start", edit, 0.0f);
  same_line_if_fits(setting_control_width(table, "digit", fs * 6));
  propose |= setting_control(table, "digit", edit, fs * 6);
  if (propose) m.propose(edit);
  same_line_if_fits(button_width("Use the RBM tab's model"));
  if (button("Use the RBM tab's model", "use_trained",
             "Samples from the model you trained in the 'RBM on MNIST' tab instead of the pretrained one.")) {
    run("use_trained");
  }
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
  ImGui::TextWrapped("model: %s%s", m.model_name().c_str(),
                     rbm_tab_changed ? " (the RBM tab's model has changed since: press again to take it)" : "");
  ImGui::PopStyleColor();
}

}  // namespace web
