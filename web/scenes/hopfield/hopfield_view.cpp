// hopfield_view.cpp: the Hopfield lab's figures (see hopfield_ui.hpp): the state grid with the
// updated unit outlined, energy and temperature over time, the memories with their overlap
// bars and tick boxes, and the weight matrix.
#include <algorithm>
#include <cmath>

#include "hopfield_analysis.hpp"
#include "hopfield_ui.hpp"
#include "imgui.h"
#include "theme.hpp"
#include "widgets.hpp"

namespace web {

void HopfieldView::refresh(const HopfieldModel& m) {
  if (m.state_version() != shown_state_) {
    shown_state_ = m.state_version();
    const ebm::Pattern& s = m.state();
    if (m.engine() == HopfieldEngine::Modern) values_ = m.modern_run().xi;  // continuous: a grey field
    else values_.assign(s.begin(), s.end());
    field_upload(state_tex_, values_.data(), m.side(), m.side());
  }
  if (m.weights_version() != shown_weights_) {
    shown_weights_ = m.weights_version();
    const int n = m.n();
    field_upload(weights_tex_, m.net().w.data(), n, n);
    thumbs_.resize(m.candidates().size());
    for (size_t k = 0; k < m.candidates().size(); ++k) {
      // Unticked candidates are drawn faded (values scaled towards the paper colour).
      const float fade = m.memory_of_candidate(static_cast<int>(k)) < 0 ? 0.3f : 1.0f;
      const ebm::Pattern& c = m.candidates()[k];
      values_.resize(c.size());
      for (size_t u = 0; u < c.size(); ++u) values_[u] = c[u] > 0 ? fade * 2.0f - 1.0f : -1.0f;
      field_upload(thumbs_[k], values_.data(), m.side(), m.side());
    }
    shown_state_ = ~uint64_t{0};  // values_ was reused: the state uploads again next frame
  }
}

void HopfieldView::figures(HopfieldModel& m) {
  const float fs = ImGui::GetFontSize();
  const float avail = ImGui::GetContentRegionAvail().x;
  const bool side_by_side = avail > fs * 34;
  const float grid = std::min(fs * 17.0f, side_by_side ? avail * 0.42f : avail);
  const bool anneal = m.engine() == HopfieldEngine::Classical && m.settings().dynamics == Dynamics::Anneal;
  ImGui::BeginGroup();
  state_view(m, grid);
  ImGui::EndGroup();
  if (side_by_side) ImGui::SameLine(0, fs * 1.2f);
  ImGui::BeginGroup();
  const float w = side_by_side ? ImGui::GetContentRegionAvail().x : 0.0f;
  energy_plot(m, w, anneal ? grid * 0.55f : grid + fs * 3);
  if (anneal) temperature_plot(m, w, grid * 0.55f);
  ImGui::EndGroup();
  ImGui::Spacing();
  if (m.engine() == HopfieldEngine::Modern) {
    attention_view(m, 0.0f, fs * 12);
    ImGui::Spacing();
  }
  memories_view(m);
  ImGui::Spacing();
  if (m.engine() == HopfieldEngine::Classical) weights_view(m);
  else dense_note(m);
}

void HopfieldView::state_view(HopfieldModel& m, float size) {
  ImGui::TextDisabled(m.engine() == HopfieldEngine::Modern ? "State xi (grey: between -1 and +1): drag to draw"
                                                            : "State s: drag to draw, right-drag to erase");
  FieldStyle st;
  st.highlight = m.last_unit();
  const FieldHit hit = field_view("state", state_tex_, ImVec2(size, size), st);
  register_widget("state_grid");
  if (hit.cell >= 0 && (hit.paint || hit.erase)) m.paint(hit.cell, hit.paint ? 1 : -1);
  ImGui::Text("E = %.3f after %lld updates", m.energy(), static_cast<long long>(m.time()));
  status_line(m);
}

void HopfieldView::status_line(const HopfieldModel& m) {
  const ebm::Classification c = ebm::classify_state(m.memories(), m.state());
  const char* what = c.kind == ebm::RecallKind::Stored ? "recalled" : c.kind == ebm::RecallKind::Inverted ? "mirror image of" : "";
  const bool modern = m.engine() == HopfieldEngine::Modern;
  if (modern && m.finished() && !m.modern_run().converged) {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kOrange), "still moving after %d updates (stopped)",
                       m.modern_run().steps);
  } else if (m.engine() == HopfieldEngine::Classical && m.settings().dynamics == Dynamics::Sync &&
             m.sync_run().status == ebm::SyncStatus::TwoCycle) {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kOrange), "2-cycle: the state flips between two patterns");
  } else if (!m.finished()) {
    ImGui::TextDisabled(m.playing() ? "descending..." : "paused");
  } else if (c.kind == ebm::RecallKind::Spurious) {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kRed), "fixed point: %s (nearest %s, m = %+.2f)",
                       modern ? "no single memory (sign of xi)" : "a spurious state",
                       c.index >= 0 ? m.memory_names()[c.index].c_str() : "-", c.overlap);
  } else {
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kGreen), "fixed point: %s memory %s", what,
                       m.memory_names()[c.index].c_str());
  }
}

void HopfieldView::energy_plot(const HopfieldModel& m, float width, float height) {
  const Series s[] = {series_of(m.energy_history(), colors::kBlue)};
  PlotSpec spec;
  spec.title = "Energy";
  spec.x_label = m.engine() == HopfieldEngine::Modern ? "unit updates (one update of xi counts n)" : "unit updates";
  spec.y_label = m.engine() == HopfieldEngine::Modern ? "E(xi)" : "E(s)";
  spec.size = ImVec2(width, height);
  plot("energy", spec, s);
  register_widget("energy_plot");
}

void HopfieldView::temperature_plot(const HopfieldModel& m, float width, float height) {
  const ebm::Schedule& sch = m.anneal_run().schedule;
  const std::vector<float> sched = ebm::schedule_sample(sch, 64);
  std::vector<float> sx(sched.size());
  for (size_t i = 0; i < sx.size(); ++i)
    sx[i] = static_cast<float>(sch.steps) * static_cast<float>(i) / static_cast<float>(sx.size() - 1);
  const Series s[] = {{sx.data(), sched.data(), static_cast<int>(sx.size()), colors::kGrid, "schedule"},
                      series_of(m.temperature_history(), colors::kOrange, "T now")};
  PlotSpec spec;
  spec.title = "Temperature";
  spec.x_label = "sweeps (n updates)";
  spec.y_label = "T";
  spec.y_min = 0.0f;
  spec.size = ImVec2(width, height);
  plot("temperature", spec, s);
}

void HopfieldView::memories_view(HopfieldModel& m) {
  const float fs = ImGui::GetFontSize();
  figure_title("Memories");
  ImGui::SameLine();
  ImGui::TextDisabled("tick to store; click an image to use it as the cue; bar = overlap m = (1/n) sum x_i s_i with the state");
  const std::vector<float> ov = ebm::overlaps(m.candidates(), m.state());
  const float thumb = fs * 3.4f, gap = fs * 0.8f;
  // Every cell as wide as the widest caption (tick box, name, overlap), so rows line up and fit.
  float cell = thumb;
  for (const std::string& name : m.candidate_names())
    cell = std::max(cell, ImGui::GetFrameHeight() + 3 + ImGui::CalcTextSize((name + " +0.00").c_str()).x);
  const float x0 = ImGui::GetCursorPosX();
  const int per_row = std::max(1, static_cast<int>((ImGui::GetContentRegionAvail().x + gap) / (cell + gap)));
  int toggled = -1, cue = -1;
  const size_t count = std::min(m.candidates().size(), thumbs_.size());
  for (size_t k = 0; k < count; ++k) {
    if (k % per_row) ImGui::SameLine(x0 + static_cast<float>(k % per_row) * (cell + gap));
    ImGui::BeginGroup();
    ImGui::PushID(static_cast<int>(k));
    FieldStyle st;
    st.grid = false;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const FieldHit hit = field_view("memory", thumbs_[k], ImVec2(thumb, thumb), st);
    const int mem = m.memory_of_candidate(static_cast<int>(k));
    if (mem >= 0 && mem == m.cue_memory())
      ImGui::GetWindowDrawList()->AddRect(ImVec2(p.x - 3, p.y - 3), ImVec2(p.x + thumb + 3, p.y + thumb + 3), colors::kOrange,
                                          3.0f, 0, 2.0f);
    if (hit.paint && ImGui::IsItemActivated() && mem >= 0) cue = mem;
    // Overlap bar: centre is m = 0, right full is +1, left full is -1.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 b0 = ImGui::GetCursorScreenPos();
    const float bw = thumb, bh = fs * 0.55f, mid = b0.x + bw * 0.5f;
    dl->AddRectFilled(b0, ImVec2(b0.x + bw, b0.y + bh), colors::kGrid, 2.0f);
    const float mk = k < ov.size() ? ov[k] : 0.0f;
    dl->AddRectFilled(ImVec2(std::min(mid, mid + mk * bw * 0.5f), b0.y), ImVec2(std::max(mid, mid + mk * bw * 0.5f), b0.y + bh),
                      mk >= 0 ? colors::kBlue : colors::kOrange, 2.0f);
    ImGui::Dummy(ImVec2(bw, bh));
    bool stored = mem >= 0;
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(2, 1));
    if (k < 64 && ImGui::Checkbox("##stored", &stored)) toggled = static_cast<int>(k);
    ImGui::PopStyleVar();
    if (k == 0) register_widget("store_toggle_0");
    tip("Store this pattern in the weights (untick to leave it out and retrain).");
    ImGui::SameLine(0, 3);
    ImGui::Text("%s %+.2f", m.candidate_names()[k].c_str(), mk);
    ImGui::PopID();
    ImGui::EndGroup();
  }
  if (toggled >= 0) m.toggle_candidate(toggled);
  if (cue >= 0) m.set_cue(cue);
}

void HopfieldView::weights_view(const HopfieldModel& m) {
  const float fs = ImGui::GetFontSize();
  figure_title("Weight matrix W");
  ImGui::SameLine();
  ImGui::TextDisabled("n x n, blue negative, red positive, |w| up to %.3f; row i holds unit i's incoming weights",
                      m.weight_range());
  const float size = std::min(fs * 16.0f, ImGui::GetContentRegionAvail().x);
  FieldStyle st;
  st.map = ColorMap::Diverging;
  st.range = m.weight_range();
  st.grid = false;
  field_view("weights", weights_tex_, ImVec2(size, size), st);
  register_widget("weights");
}

}  // namespace web
