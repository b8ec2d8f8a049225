// rbm_controls.cpp: the RBM lab's transport row and settings column (see rbm_ui.hpp).
#include <cstdio>

#include "imgui.h"
#include "rbm_ui.hpp"
#include "setting_controls.hpp"
#include "widgets.hpp"

namespace web {

void rbm_transport(const RbmModel& m, const CommandFn& run) {
  const float fs = ImGui::GetFontSize();
  const ebm::RbmTrainer& t = m.trainer();
  if (button(m.playing() ? "Pause" : "Train", "play",
             "Trains in slices between frames so the page stays responsive (shortcut: space).", ImVec2(fs * 4.5f, 0))) {
    run("toggle");
  }
  same_line_if_fits(button_width("Step"));
  if (button("Step", "step", "One minibatch update (shortcut: S).")) run("step");
  same_line_if_fits(button_width("Epoch"));
  if (button("Epoch", "epoch", "Finishes the current epoch at once (may take a moment for large models).")) run("epoch");
  same_line_if_fits(button_width("Reset"));
  if (button("Reset", "reset", "A fresh model from the settings and seed; curves restart (shortcut: R).")) run("reset");
  same_line_if_fits(fs * 13);
  const float frac = t.batches_per_epoch ? static_cast<float>(t.batch) / t.batches_per_epoch : 0.0f;
  char label[96];
  std::snprintf(label, sizeof label, "epoch %d, batch %d / %d", t.epoch + 1, t.batch, t.batches_per_epoch);
  ImGui::ProgressBar(frac, ImVec2(fs * 13, 0), label);
  tip("Progress through the current epoch (one pass over the training digits).");
  same_line_if_fits(ImGui::CalcTextSize("k = 100").x);
  ImGui::Text("k = %d", t.k_current);
  tip("Gibbs steps in the negative phase this epoch (grows with the k schedule).");
  same_line_if_fits(ImGui::CalcTextSize("000000 samples/s, 000.0 ms/batch").x);
  ImGui::TextDisabled("%.0f samples/s, %.1f ms/batch", m.samples_per_s(), m.train_pacer().ms_per_unit);
  tip("Training throughput measured in this tab (digits processed per second of training work).");
}

void rbm_settings_panel(RbmModel& m, RbmSettings& edit, const CommandFn& run) {
  const float w = ImGui::GetFontSize() * 9;
  const auto table = rbm_settings_table();
  auto heading = [](const char* t) {
    ImGui::Spacing();
    ImGui::PushFont(bold_font());
    ImGui::TextUnformatted(t);
    ImGui::PopFont();
  };
  bool propose = false;
  heading("Model");
  for (const char* key : {"hidden", "train_rows", "binarize", "seed"}) propose |= setting_control(table, key, edit, w);
  heading("Training");
  for (const char* key : {"method", "k", "k_every", "lr", "batch", "momentum", "decay"})
    propose |= setting_control(table, key, edit, w);
  if (propose) m.propose(edit);

  heading("Model files");
  if (button("Save", "save", "Downloads the current model as a JSON file (format ebm-rbm, version 1).")) run("save");
  same_line_if_fits(button_width("Load..."));
  if (button("Load...", "load", "Loads a saved model; a bad file leaves the current model untouched and says why.")) run("load");
  same_line_if_fits(button_width("Pretrained"));
  if (button("Pretrained", "pretrained",
             "Loads the model trained ahead of time and shipped with the page, so you can see good samples at once.")) {
    run("pretrained");
  }
  ImGui::TextDisabled("model: %s", m.source_name().c_str());
}

}  // namespace web
