// toy_view.cpp: the exact RBM scene's figures (see toy_ui.hpp): the 32-state table with a bar
// per probability, P(v) of the model beside the data, the exact KL curve and the parameters.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "imgui.h"
#include "theme.hpp"
#include "toy_ui.hpp"
#include "widgets.hpp"

namespace web {

namespace {

void state_table(const ToyModel& m, float width) {
  const float fs = ImGui::GetFontSize();
  ImGui::PushFont(bold_font());
  ImGui::TextUnformatted("All 32 states (v = A B C, h = D E)");
  ImGui::PopFont();
  ImGui::TextDisabled("score = -E(v, h); Z = %.3f; sum of P = %.4f", std::exp(m.log_z()), m.p_sum());
  const ImGuiTableFlags tf = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit |
                             ImGuiTableFlags_ScrollY;
  const float height = std::min(fs * 33.0f, std::max(fs * 12.0f, fill_height(fs * 34.0f) - fs));
  const std::vector<float>& p_data = m.p_data();
  if (ImGui::BeginTable("states", 5, tf, ImVec2(width, height))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("A B C");
    ImGui::TableSetupColumn("D E");
    ImGui::TableSetupColumn("score");
    ImGui::TableSetupColumn("exp(score)");
    ImGui::TableSetupColumn("P(v, h)", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    for (const ToyState& r : m.states()) {
      const bool in_data = p_data[r.visible] > 0;
      const int a = static_cast<int>(r.v[0]), b = static_cast<int>(r.v[1]), c = static_cast<int>(r.v[2]);
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      if (in_data) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kBlue), "%d %d %d", a, b, c);
      else ImGui::Text("%d %d %d", a, b, c);
      ImGui::TableNextColumn();
      ImGui::Text("%d %d", static_cast<int>(r.h[0]), static_cast<int>(r.h[1]));
      ImGui::TableNextColumn();
      ImGui::Text("%+.2f", r.score);
      ImGui::TableNextColumn();
      ImGui::Text("%.3g", r.weight);
      ImGui::TableNextColumn();
      const ImVec2 p0 = ImGui::GetCursorScreenPos();
      const float bw = ImGui::GetContentRegionAvail().x - fs * 3.2f;
      ImDrawList* dl = ImGui::GetWindowDrawList();
      dl->AddRectFilled(ImVec2(p0.x, p0.y + 3), ImVec2(p0.x + std::max(1.0f, bw * r.p), p0.y + fs - 1),
                        in_data ? colors::kBlue : colors::kMuted, 2.0f);
      ImGui::Dummy(ImVec2(bw, fs));
      ImGui::SameLine();
      ImGui::Text("%.3f", r.p);
    }
    ImGui::EndTable();
  }
  register_widget("table");
  ImGui::TextDisabled("blue rows: visible states that occur in the data");
}

void marginal_plot(const ToyModel& m, float width) {
  const float fs = ImGui::GetFontSize();
  ImGui::PushFont(bold_font());
  ImGui::TextUnformatted("P(v): model vs data over the 8 visible states");
  ImGui::PopFont();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const float h = fs * 9, left = fs * 2.5f, bottom = fs * 2.4f;
  ImGui::Dummy(ImVec2(width, h + bottom));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float x0 = p0.x + left, y1 = p0.y + h, gw = (width - left) / kToyVisibleStates;
  for (float t = 0; t <= 1.0f; t += 0.25f) {
    const float y = y1 - t * (h - fs * 0.5f);
    dl->AddLine(ImVec2(x0, y), ImVec2(p0.x + width, y), colors::kGrid);
    char b[8];
    std::snprintf(b, sizeof b, "%.2f", t);
    dl->AddText(ImVec2(p0.x, y - fs * 0.5f), colors::kMuted, b);
  }
  for (int s = 0; s < kToyVisibleStates; ++s) {
    const float gx = x0 + gw * s + gw * 0.15f, bw = gw * 0.33f;
    const float hm = m.p_visible()[s] * (h - fs * 0.5f), hd = m.p_data()[s] * (h - fs * 0.5f);
    dl->AddRectFilled(ImVec2(gx, y1 - hd), ImVec2(gx + bw, y1), colors::kGrid);
    dl->AddRectFilled(ImVec2(gx + bw, y1 - hm), ImVec2(gx + 2 * bw, y1), colors::kBlue);
    char lbl[8];
    std::snprintf(lbl, sizeof lbl, "%d%d%d", (s >> 2) & 1, (s >> 1) & 1, s & 1);
    dl->AddText(ImVec2(gx + bw * 0.4f, y1 + 3), colors::kInk, lbl);
  }
  dl->AddText(ImVec2(x0, y1 + fs * 1.2f), colors::kMuted, "visible state A B C   (grey: data, blue: model P(v))");
}

void kl_plot(const ToyModel& m, float width) {
  const Series s[] = {series_of(m.kl_history(), colors::kOrange)};
  PlotSpec spec;
  spec.title = "Exact KL(data || model) during training";
  spec.x_label = "CD-k updates";
  spec.y_label = "KL (nats)";
  spec.y_min = 0.0f;
  spec.size = ImVec2(width, ImGui::GetFontSize() * 12);
  spec.empty_text = "press Train";
  plot("kl", spec, s);
  register_widget("kl_plot");
}

void params_view(const ToyModel& m) {
  const ebm::Rbm& r = m.trainer().rbm;
  ImGui::TextDisabled("b (A B C) = %+.2f %+.2f %+.2f   c (D E) = %+.2f %+.2f", r.b[0], r.b[1], r.b[2], r.c[0], r.c[1]);
  ImGui::TextDisabled("W: A-D %+.2f  A-E %+.2f  B-D %+.2f  B-E %+.2f  C-D %+.2f  C-E %+.2f", r.w[0], r.w[1], r.w[2],
                      r.w[3], r.w[4], r.w[5]);
  ImGui::TextDisabled("%lld updates, KL = %.4f nats", static_cast<long long>(m.trainer().updates), m.kl());
}

}  // namespace

void toy_figures(const ToyModel& m) {
  const float fs = ImGui::GetFontSize();
  const float avail = ImGui::GetContentRegionAvail().x;
  const bool wide = avail > fs * 50;
  ImGui::BeginGroup();
  state_table(m, wide ? fs * 30 : avail);
  ImGui::EndGroup();
  if (wide) ImGui::SameLine(0, fs * 1.5f);
  ImGui::BeginGroup();
  const float w = wide ? ImGui::GetContentRegionAvail().x : avail;
  marginal_plot(m, w);
  kl_plot(m, w);
  params_view(m);
  ImGui::EndGroup();
}

}  // namespace web
