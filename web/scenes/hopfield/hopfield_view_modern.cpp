// hopfield_view_modern.cpp: the Hopfield lab's figures for the rules without a weight matrix
// (see hopfield_ui.hpp): the modern network's softmax weights over memories as live bars, the
// cued memory's bar in orange; and, for dense memories, what stands in for the weight matrix.
#include <algorithm>
#include <cstdio>

#include "hopfield_ui.hpp"
#include "imgui.h"
#include "theme.hpp"
#include "widgets.hpp"

namespace web {

void HopfieldView::attention_view(const HopfieldModel& m, float w, float h) {
  const float fs = ImGui::GetFontSize();
  const float width = w > 0 ? w : ImGui::GetContentRegionAvail().x;
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("attention", ImVec2(width, h));
  register_widget("attention_bars");
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const std::vector<float>& p = m.attention();
  const int count = static_cast<int>(p.size());

  ImGui::PushFont(bold_font());
  dl->AddText(ImGui::GetFont(), ImGui::GetFontSize() * 0.92f, p0, colors::kInk, "softmax weights over memories");
  ImGui::PopFont();
  char caption[128];
  std::snprintf(caption, sizeof caption, "p = softmax(beta / N X^T xi) at the current xi, beta = %.3g", m.settings().beta);
  dl->AddText(ImVec2(p0.x + fs * 13.5f, p0.y), colors::kMuted, caption);
  const float left = fs * 3.6f, bottom = fs * 2.6f, top = fs * 2.4f, right = fs * 0.8f;
  const ImVec2 a(p0.x + left, p0.y + top), b(p0.x + width - right, p0.y + h - bottom);
  dl->AddRectFilled(a, b, colors::kPanel, 3.0f);
  dl->AddText(ImVec2(p0.x + 2, p0.y + fs * 1.2f), colors::kMuted, "weight p_mu");
  // The axis fits the largest weight (at least 0.05), so nearly uniform weights stay visible.
  float top_w = 0.05f;
  for (float pk : p) top_w = std::max(top_w, pk);
  const float ymax = top_w > 0.5f ? 1.0f : top_w > 0.2f ? 0.5f : top_w > 0.1f ? 0.2f : top_w > 0.05f ? 0.1f : 0.05f;
  auto Y = [&](float y) { return b.y - y / ymax * (b.y - a.y); };
  for (float t : {0.0f, 0.5f * ymax, ymax}) {
    dl->AddLine(ImVec2(a.x, Y(t)), ImVec2(b.x, Y(t)), colors::kGrid);
    char buf[8];
    std::snprintf(buf, sizeof buf, ymax < 0.2f ? "%.3f" : "%.2f", t);
    const ImVec2 ts = ImGui::CalcTextSize(buf);
    dl->AddText(ImVec2(a.x - ts.x - 5, Y(t) - ts.y * 0.5f), colors::kMuted, buf);
  }
  const float sw = (b.x - a.x) / static_cast<float>(std::max(count, 1));
  const float bar = std::max(1.0f, sw * 0.7f);
  // Name labels where they fit: every k-th memory.
  const float label_w = ImGui::CalcTextSize("00").x + fs * 0.4f;
  const int every = std::max(1, static_cast<int>(label_w / std::max(sw, 1.0f)) + 1);
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  int hover = -1;
  for (int k = 0; k < count; ++k) {
    const float x0 = a.x + sw * k + (sw - bar) * 0.5f;
    const ImU32 col = k == m.cue_memory() ? colors::kOrange : colors::kBlue;
    dl->AddRectFilled(ImVec2(x0, Y(std::clamp(p[k], 0.0f, ymax))), ImVec2(x0 + bar, b.y), col, 1.0f);
    if (k % every == 0 && k < static_cast<int>(m.memory_names().size())) {
      const char* name = m.memory_names()[k].c_str();
      const ImVec2 ts = ImGui::CalcTextSize(name);
      dl->AddText(ImVec2(a.x + sw * (k + 0.5f) - ts.x * 0.5f, b.y + 3), colors::kMuted, name);
    }
    if (hovered && mouse.x >= a.x + sw * k && mouse.x < a.x + sw * (k + 1)) hover = k;
  }
  dl->AddRect(a, b, colors::kGrid, 3.0f);
  const char* xl = "memory mu (orange: the cued one)";
  const ImVec2 xs = ImGui::CalcTextSize(xl);
  dl->AddText(ImVec2((a.x + b.x - xs.x) * 0.5f, b.y + fs * 1.3f), colors::kMuted, xl);
  if (count == 0) dl->AddText(ImVec2(a.x + fs, a.y + fs), colors::kMuted, "no memories");
  if (hover >= 0 && hover < static_cast<int>(m.memory_names().size()))
    ImGui::SetTooltip("memory %s: weight %.4f", m.memory_names()[hover].c_str(), p[hover]);
}

void HopfieldView::dense_note(const HopfieldModel& m) {
  figure_title("No weight matrix");
  const ebm::DenseMemory& d = m.dense();
  ImGui::PushTextWrapPos(0.0f);
  if (m.engine() == HopfieldEngine::Modern) {
    ImGui::TextDisabled("The modern network keeps its %zu memories as the columns of X (N = %d) and updates the whole state "
                        "at once: xi <- X p with the weights p shown above.",
                        m.memories().size(), m.n());
  } else {
    ImGui::TextDisabled("A dense memory keeps its P = %d patterns (N = %d units) and decides each unit from the overlaps "
                        "x_mu . s: the unit takes the sign with the lower energy E(s) = -sum_mu F(x_mu . s), computed %s. "
                        "For F(x) = x^2 this is exactly the Hebbian network.",
                        d.p, d.n, d.exact ? "in exact integers" : "in double precision");
  }
  ImGui::PopTextWrapPos();
}

}  // namespace web
