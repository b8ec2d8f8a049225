// dbn_view.cpp: the DBN scene's figures (see dbn_ui.hpp): the dreaming chains in a grid, each
// digit above the bars of P(label | pen), and training layer by layer (a progress bar and a
// reconstruction-error plot per layer), then the held-out accuracy.
#include <algorithm>
#include <cstdio>

#include "dbn_ui.hpp"
#include "imgui.h"
#include "theme.hpp"
#include "widgets.hpp"

namespace web {

namespace {
FieldStyle grey_levels() {
  FieldStyle s;
  s.map = ColorMap::Sequential;
  s.grid = false;
  return s;
}

// Ten bars of P(label | pen) under a dream: the clamped label in blue, the sampled one (free
// chains) in orange, the rest grey; digits below when there is room.
void posterior_bars(const double* p, int labels, int clamp, int sampled, float width, float height) {
  const float fs = ImGui::GetFontSize();
  const bool digits = width >= fs * 4.5f;
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float bw = width / static_cast<float>(labels);
  dl->AddRectFilled(p0, ImVec2(p0.x + width, p0.y + height), colors::kPanel);
  for (int l = 0; l < labels; ++l) {
    const float h = static_cast<float>(std::clamp(p[l], 0.0, 1.0)) * height;
    const ImU32 col = l == clamp ? colors::kBlue : (clamp < 0 && l == sampled) ? colors::kOrange : colors::kMuted;
    const float x0 = p0.x + bw * l + 1.0f, x1 = p0.x + bw * (l + 1) - 1.0f;
    dl->AddRectFilled(ImVec2(x0, p0.y + height - std::max(h, 1.0f)), ImVec2(x1, p0.y + height), col);
    if (digits) {
      char d[4];
      std::snprintf(d, sizeof d, "%d", l);
      const ImVec2 ts = ImGui::CalcTextSize(d);
      dl->AddText(ImVec2(0.5f * (x0 + x1) - 0.5f * ts.x, p0.y + height + 1.0f), colors::kMuted, d);
    }
  }
  dl->AddLine(ImVec2(p0.x, p0.y + height), ImVec2(p0.x + width, p0.y + height), colors::kGrid);
  ImGui::Dummy(ImVec2(width, height + (digits ? fs * 1.1f : 2.0f)));
}

// "Layer 1: 784 -> 128" or "Top: (128 + 10 labels) x 256" for stage s of a configuration.
std::string stage_title(const ebm::DbnConfig& c, int s) {
  const int L = static_cast<int>(c.hidden.size());
  char buf[96];
  if (s < L) {
    std::snprintf(buf, sizeof buf, "Layer %d: %d -> %d", s + 1, s == 0 ? kDbnSide * kDbnSide : c.hidden[s - 1], c.hidden[s]);
  } else {
    const int pen = L > 0 ? c.hidden.back() : kDbnSide * kDbnSide;
    std::snprintf(buf, sizeof buf, "Top: (%d + %d labels) x %d", pen, c.labels, c.top_hidden);
  }
  return buf;
}
}  // namespace

void DbnView::refresh(const DbnModel& m) {
  if (!m.has_model() || m.version() == shown_version_) return;
  upload(m);
}

void DbnView::upload(const DbnModel& m) {
  shown_version_ = m.version();
  const ebm::DbnChains& c = m.chains();
  if (static_cast<int>(dream_tex_.size()) != c.n) dream_tex_.resize(c.n);
  const int w = m.dbn().width > 0 ? m.dbn().width : kDbnSide, h = m.dbn().height > 0 ? m.dbn().height : kDbnSide;
  for (int r = 0; r < c.n; ++r) field_upload(dream_tex_[r], ebm::dbn_chains_image(c, m.dbn(), r).data(), w, h);
}

void DbnView::dreams(const DbnModel& m, float width) {
  const float fs = ImGui::GetFontSize();
  const ebm::DbnChains& c = m.chains();
  const bool free = m.settings().label == kDbnLabelFree;
  figure_title("Dreams", free ? "No label clamped: the label units are sampled with the rest, so each chain wanders between "
                                "classes. Bars: P(label | pen units) of the top RBM, the sampled label in orange."
                              : "Gibbs sampling in the top RBM with the label clamped, then one downward pass to pixels. "
                                "Bars: P(label | pen units), the clamped label in blue.");
  if (!m.has_model() || c.n == 0 || static_cast<int>(dream_tex_.size()) != c.n) {
    ImGui::TextDisabled(m.phase() == DbnScenePhase::Loading ? "Loading the pretrained deep belief net..." : "No model to dream with.");
    return;
  }
  // As many columns as fit at 3 font sizes per cell (10 on wide screens, fewer on phones).
  const float gap = fs * 0.6f;
  const int cols = std::clamp(static_cast<int>((width + gap) / (fs * 3.0f + gap)), 1, std::min(c.n, 10));
  const float cell = std::clamp((width - gap * (cols - 1)) / cols, fs * 3.0f, fs * 7.5f);
  const FieldStyle seq = grey_levels();
  const ImVec2 grid0 = ImGui::GetCursorScreenPos();
  ImVec2 grid1 = grid0;
  for (int r = 0; r < c.n; ++r) {
    if (r % cols) ImGui::SameLine(0, gap);
    ImGui::BeginGroup();
    ImGui::PushID(r);
    const int clamp = c.clamp[r];
    const int sampled = ebm::dbn_chains_label(c, m.dbn(), r);
    field_view("dream", dream_tex_[r], ImVec2(cell, cell), seq);
    if (clamp >= 0) ImGui::TextDisabled("label %d", clamp);
    else ImGui::TextDisabled("free: %d", sampled);
    posterior_bars(&m.posterior()[static_cast<size_t>(r) * m.dbn().labels], m.dbn().labels, clamp, sampled, cell, fs * 2.2f);
    ImGui::PopID();
    ImGui::EndGroup();
    grid1 = ImVec2(std::max(grid1.x, ImGui::GetItemRectMax().x), std::max(grid1.y, ImGui::GetItemRectMax().y));
  }
  // The whole grid, for tests that check the dreams are drawn.
  ImGui::SetCursorScreenPos(grid0);
  ImGui::Dummy(ImVec2(grid1.x - grid0.x, grid1.y - grid0.y));
  register_widget("dreams");
}

void DbnView::training(const DbnModel& m, const CommandFn& run) {
  const float fs = ImGui::GetFontSize();
  figure_title("Training from scratch, one layer at a time",
               "Each RBM learns the activities of the one below (greedy layer-wise, CD-k); the top RBM learns them "
               "jointly with the label. Then every digit is classified by the label whose clamped free energy is lowest.");
  const ebm::DbnTrainer* t = m.trainer();
  const bool running = t && !ebm::dbn_train_finished(*t);
  const char* label = !running ? "Train from scratch" : m.training() ? "Pause training" : "Resume training";
  if (button(label, "train",
             "Trains a new DBN on the digits with the settings on the left, layer by layer, in slices between frames.",
             ImVec2(fs * 9.5f, 0))) {
    run("train");
  }
  if (running) {
    same_line_if_fits(button_width("Discard run"));
    if (button("Discard run", "discard_run", "Stops this training run and forgets it (asks first).")) run("discard_run");
  }
  same_line_if_fits(ImGui::CalcTextSize("784 pixels -> layer 1 -> layer 2 -> top + labels").x);
  if (!m.has_data()) {
    ImGui::TextDisabled("loading the digits...");
  } else if (t) {
    ImGui::TextDisabled("%.1f ms per step, %lld steps", m.train_pacer().ms_per_unit, static_cast<long long>(m.train_units()));
    tip("One step is one minibatch update, or one minibatch of rows passed up to the next layer.");
  } else {
    ImGui::TextDisabled("784 pixels -> %s", m.settings().layer2 > 0 ? "layer 1 -> layer 2 -> top + labels" : "layer 1 -> top + labels");
  }
  ImGui::TextDisabled("Per layer: reconstruction error of the last minibatch (grey) and the mean of each epoch (blue).");

  // One column per stage: its progress and its reconstruction error per epoch.
  const ebm::DbnConfig cfg = t ? t->config : dbn_config(m.settings());
  const int stages = static_cast<int>(cfg.hidden.size()) + 1;
  const float avail = ImGui::GetContentRegionAvail().x;
  const float colw = std::max(fs * 12, (avail - fs * (stages - 1)) / stages);
  for (int s = 0; s < stages; ++s) {
    if (s && avail >= colw * stages) ImGui::SameLine(0, fs);
    ImGui::BeginGroup();
    ImGui::PushID(s);
    const std::string title = stage_title(cfg, s);
    const int epochs = s < stages - 1 ? cfg.layer.epochs : cfg.top.epochs;
    const float frac = m.stage_fraction(s);
    char text[96];
    const bool prop = t && t->phase == ebm::DbnPhase::Propagating && s == t->stage;
    if (prop) std::snprintf(text, sizeof text, "passing %d / %d digits up", t->prop_rows, t->n);
    else if (t && s < static_cast<int>(t->reports.size())) std::snprintf(text, sizeof text, "done: %d epochs in %.1f s", epochs, m.stage_seconds()[s]);
    else if (t && s == t->stage) std::snprintf(text, sizeof text, "epoch %d / %d", t->current.epoch + 1, epochs);
    else std::snprintf(text, sizeof text, "%d epochs", epochs);
    ImGui::ProgressBar(prop ? 1.0f : frac, ImVec2(colw, 0), text);
    const std::string pname = "progress_" + std::to_string(s + 1);
    register_widget(pname.c_str());
    tip("This layer's share of its epochs; a finished layer then passes every digit up as the next layer's data.");
    static const DbnStageMonitor kEmpty;
    const DbnStageMonitor& mon = t && s < static_cast<int>(m.monitors().size()) ? m.monitors()[s] : kEmpty;
    const Series series[] = {series_of(mon.batch, colors::kMuted), series_of(mon.epoch, colors::kBlue)};
    PlotSpec spec;
    spec.title = title.c_str();
    spec.x_label = "epochs";
    spec.y_label = "reconstruction error (MSE per unit)";
    spec.y_min = 0.0f;
    spec.x_min = 0.0f;
    spec.x_max = static_cast<float>(epochs);
    spec.size = ImVec2(colw, fs * 10.5f);
    spec.empty_text = t ? "waiting for the layer below" : "press Train from scratch";
    plot("recon", spec, series);
    ImGui::PopID();
    ImGui::EndGroup();
  }
  ImGui::Spacing();
  if (m.evaluating()) {
    ImGui::Text("Scoring the free-energy classifier: %d / %d held-out digits", m.eval_done(), m.eval_rows());
  } else if (m.accuracy() >= 0) {
    ImGui::PushFont(bold_font());
    ImGui::Text("Held-out accuracy: %.1f%%", 100.0 * m.accuracy());
    ImGui::PopFont();
    register_widget("accuracy");
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]);
    ImGui::TextWrapped("of %d held-out digits, each given the label whose clamped free energy is lowest (%s)", m.eval_rows(),
                       m.source_name().c_str());
    ImGui::PopStyleColor();
  }
}

}  // namespace web
