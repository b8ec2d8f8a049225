// hopfield_controls.cpp: the Hopfield lab's transport row and settings column (see hopfield_ui.hpp).
#include "hopfield_ui.hpp"
#include "imgui.h"
#include "setting_controls.hpp"
#include "theme.hpp"
#include "widgets.hpp"

namespace web {

namespace {
void heading(const char* t, bool first = false) {
  if (!first) ImGui::Spacing();
  ImGui::PushFont(bold_font());
  ImGui::TextUnformatted(t);
  ImGui::PopFont();
}
bool classical_rule(const HopfieldSettings& s) { return hopfield_engine(s.rule) == HopfieldEngine::Classical; }
}  // namespace

void hopfield_transport(HopfieldModel& m, HopfieldSettings& edit, const HopfieldCommand& run) {
  const float fs = ImGui::GetFontSize();
  const auto table = hopfield_settings_table();
  if (button(m.playing() ? "Pause" : "Play", "play",
             "Runs or pauses the dynamics (shortcut: space). At a fixed point, Play starts from a fresh cue.",
             ImVec2(fs * 4.5f, 0))) {
    run("toggle");
  }
  same_line_if_fits(button_width("Step"));
  if (button("Step", "step", "One update: a single unit (or one synchronous step of all units) (shortcut: S).")) run("step");
  same_line_if_fits(button_width("Sweep"));
  if (button("Sweep", "sweep", "n single-unit updates: every unit once on average.")) run("sweep");
  same_line_if_fits(button_width("New cue"));
  if (button("New cue", "reset", "Corrupts the cue memory afresh and restarts the dynamics (shortcut: R).")) run("reset");
  same_line_if_fits(setting_control_width(table, "speed", fs * 9));
  bool propose = setting_control(table, "speed", edit, fs * 9);
  same_line_if_fits(setting_control_width(table, "dyn", fs * 13));
  // Dense and modern rules have one dynamics each (exact async at T = 0; whole-state updates).
  ImGui::BeginDisabled(!classical_rule(edit));
  propose |= setting_control(table, "dyn", edit, fs * 13);
  ImGui::EndDisabled();
  if (propose) m.propose(edit);
}

void hopfield_settings_panel(HopfieldModel& m, HopfieldSettings& edit, const HopfieldCommand& run,
                             const std::string& digits_status, float digits_progress) {
  const float fs = ImGui::GetFontSize();
  const auto table = hopfield_settings_table();
  bool propose = false;
  heading("Memories", true);
  const PatternSet before = edit.set;
  if (setting_control(table, "set", edit, -1)) {
    const PatternSet chosen = edit.set;
    edit.set = before;
    edit = hopfield_with_set(edit, chosen);  // the set's usual count, first cue, all ticked
    propose = true;
  }
  if (m.waiting_for_digits()) {
    if (!digits_status.empty()) {
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kRed), "digits unavailable: %s", digits_status.c_str());
    } else {
      ImGui::TextDisabled("loading the MNIST digits (letters meanwhile)...");
      ImGui::ProgressBar(digits_progress, ImVec2(-1, fs * 0.8f), "");
    }
  }
  if (m.built_set() == PatternSet::Digits && m.settings().rule == HopfieldRule::Hebbian) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("Digits share most of their background, so Hebbian storage blends them into spurious "
                        "states; the pseudo-inverse rule or a dense rule (degree 3 or more) keeps them apart.");
    ImGui::PopTextWrapPos();
  }
  propose |= setting_control(table, "patterns", edit, fs * 8, hopfield_set_size(edit.set));
  register_widget("stored");
  ImGui::SameLine();
  ImGui::TextDisabled("alpha = %.3f", static_cast<double>(m.memories().size()) / m.n());
  if (button("40 digits", "preset_40_digits",
             "Stores 40 MNIST digits (four of each class): classical rules blend them, a dense rule recalls the cued one.")) {
    edit = hopfield_with_set(edit, PatternSet::Digits);
    edit.patterns = 40;
    propose = true;
  }

  heading("Learning rule");
  propose |= setting_control(table, "rule", edit, -1);
  if (edit.rule == HopfieldRule::Dense) propose |= setting_control(table, "degree", edit, fs * 8);
  if (edit.rule == HopfieldRule::DenseExp || edit.rule == HopfieldRule::Modern) {
    propose |= setting_control(table, "beta", edit, fs * 8);
  }
  if (m.engine() == HopfieldEngine::Dense) {
    ImGui::PushTextWrapPos(0.0f);
    if (m.built_set() == PatternSet::Digits && edit.rule == HopfieldRule::Dense && edit.degree < 16)
      ImGui::TextDisabled("Different digits still overlap by m = 0.6 to 0.9: 40 of them need degree 20 or so.");
    ImGui::TextDisabled(edit.rule == HopfieldRule::Dense ? "E(s) = -sum_mu (x_mu . s)^n / (n N^(n-1)); no weight matrix"
                                                         : "E(s) = -sum_mu exp(beta (x_mu . s / N - 1)); no weight matrix");
    ImGui::PopTextWrapPos();
  } else if (m.engine() == HopfieldEngine::Modern) {
    ImGui::TextDisabled("xi <- X softmax(beta / N X^T xi), xi continuous");
  }
  if (!m.train_error().empty()) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kRed), "%s", m.train_error().c_str());
  if (m.pinv_dropped() > 0) ImGui::TextDisabled("%d dependent pattern(s) left out", m.pinv_dropped());

  heading("Cue");
  propose |= setting_control(table, "noise", edit, fs * 8);
  propose |= setting_control(table, "blank", edit, 0);

  heading("Temperature");
  if (!classical_rule(edit)) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("T = 0 (the dense and modern rules update deterministically)");
    ImGui::PopTextWrapPos();
  } else if (edit.dynamics == Dynamics::Glauber) {
    propose |= setting_control(table, "T", edit, fs * 8);
    register_widget("temperature");
  } else if (edit.dynamics == Dynamics::Anneal) {
    for (const char* key : {"tstart", "tend", "sweeps", "cooling"}) propose |= setting_control(table, key, edit, fs * 8);
  } else {
    ImGui::TextDisabled("T = 0 (choose Glauber or annealing above)");
  }
  if (propose) m.propose(edit);

  heading("Your drawings");
  if (m.can_restore_drawing() &&
      button("Restore your drawing", "restore_drawing", "Puts your last drawing back on the grid (it was replaced by a new cue).")) {
    run("restore_drawing");
  }
  if (button("Store the grid as a memory", "store_drawing",
             "Adds the current grid (draw on it first) to the stored memories and retrains the weights; the link keeps it.")) {
    run("store_drawing");
  }
  if (m.drawings_stored() > 0) {
    ImGui::TextDisabled("%d stored drawing(s)", m.drawings_stored());
    ImGui::SameLine();
    if (ImGui::SmallButton("forget")) run("forget_drawings");
    register_widget("forget_drawings");
    tip("Removes your drawn memories from the network (asks first).");
  }
  if (!m.notice().empty()) ImGui::TextDisabled("%s", m.notice().c_str());
  if (setting_control(table, "seed", edit, fs * 7)) m.propose(edit);
}

}  // namespace web
