// dbn_controls.cpp: the DBN scene's transport row, label picker and settings column (see
// dbn_ui.hpp).
#include <cstdio>

#include "dbn_ui.hpp"
#include "imgui.h"
#include "setting_controls.hpp"
#include "theme.hpp"
#include "widgets.hpp"

namespace web {

void dbn_transport(DbnModel& m, DbnSettings& edit, const CommandFn& run) {
  const float fs = ImGui::GetFontSize();
  if (button(m.playing() ? "Pause" : "Dream", "play",
             "Runs Gibbs sweeps in the top RBM and draws each chain's digit after the downward pass (shortcut: space).",
             ImVec2(fs * 4.5f, 0))) {
    run("toggle");
  }
  same_line_if_fits(button_width("Step"));
  if (button("Step", "step", "One Gibbs sweep of every chain (shortcut: S).")) run("step");
  same_line_if_fits(button_width("Restart"));
  if (button("Restart", "reset", "Restarts every chain from its starting state (shortcut: R).")) run("reset");
  same_line_if_fits(setting_control_width(dbn_settings_table(), "speed", fs * 9));
  if (setting_control(dbn_settings_table(), "speed", edit, fs * 9)) m.propose(edit);
  same_line_if_fits(ImGui::CalcTextSize("000000 sweeps").x);
  ImGui::TextDisabled("%lld sweeps", static_cast<long long>(m.chains().sweeps));
  tip("Gibbs sweeps of the chains since they last restarted.");
  same_line_if_fits(ImGui::CalcTextSize(m.source_name().c_str()).x + fs * 4);
  ImGui::TextDisabled("model: %s", m.source_name().c_str());
}

void dbn_label_picker(const DbnModel& m, const CommandFn& run) {
  const float fs = ImGui::GetFontSize();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Label");
  tip("The label clamped in the top RBM while the chains dream.");
  for (int c = 0; c <= kDbnLabelFree; ++c) {
    const char* text = c == kDbnLabelEach ? "one per chain" : c == kDbnLabelFree ? "free" : kDbnLabelNames[c];
    const float bw = c == kDbnLabelEach || c == kDbnLabelFree ? button_width(text) : fs * 1.8f;
    const float gap = c == 1 || c == kDbnLabelFree ? fs * 0.8f : fs * 0.25f;
    // The row wraps on phones instead of running off the edge.
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    if (ImGui::GetItemRectMax().x + gap + bw <= right) ImGui::SameLine(0, gap);
    const bool on = m.settings().label == c;
    if (on) {
      ImGui::PushStyleColor(ImGuiCol_Button, ImGui::ColorConvertU32ToFloat4(colors::kBlue));
      ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    }
    const std::string key = std::string("label_") + kDbnLabelNames[c];
    const char* tooltip = c == kDbnLabelEach   ? "Chain r is clamped to label r mod 10: every digit at once."
                          : c == kDbnLabelFree ? "No label is clamped: the label units are sampled too, so a chain wanders between classes."
                                               : "Every chain is clamped to this digit.";
    const bool pressed = ImGui::Button(text, ImVec2(c == kDbnLabelEach || c == kDbnLabelFree ? 0 : bw, 0));
    register_widget(key.c_str());
    tip(tooltip);
    if (on) ImGui::PopStyleColor(2);
    if (pressed) run(key);
  }
}

void dbn_settings_panel(DbnModel& m, DbnSettings& edit, const CommandFn& run) {
  const float w = ImGui::GetFontSize() * 8.5f;
  const auto table = dbn_settings_table();
  auto heading = [](const char* t) {
    ImGui::Spacing();
    ImGui::PushFont(bold_font());
    ImGui::TextUnformatted(t);
    ImGui::PopFont();
  };
  bool propose = false;
  heading("Network (for the next training)");
  for (const char* key : {"layer1", "layer2", "top"}) propose |= setting_control(table, key, edit, w);
  heading("Training");
  for (const char* key : {"train_rows", "binarize", "epochs", "top_epochs", "lr", "k", "top_k", "batch", "momentum",
                          "decay", "seed"}) {
    propose |= setting_control(table, key, edit, w);
  }
  heading("Dreams");
  for (const char* key : {"chains", "start"}) propose |= setting_control(table, key, edit, w);
  if (propose) m.propose(edit);

  heading("Model files");
  if (button("Save", "save", "Downloads the dreaming model as a JSON file (format ebm-dbn, version 1).")) run("save");
  same_line_if_fits(button_width("Load..."));
  if (button("Load...", "load", "Loads a saved DBN (JSON or binary); a bad file leaves the current model untouched and says why.")) {
    run("load");
  }
  same_line_if_fits(button_width("Pretrained"));
  if (button("Pretrained", "pretrained", "Loads the DBN trained ahead of time and shipped with the page.")) run("pretrained");
}

}  // namespace web
