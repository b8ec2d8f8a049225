// boltzmann_graph_view.cpp: the machine drawn as a graph (see boltzmann_ui.hpp): hidden row
// above, visible row below, edges coloured by the sign of the weight and bowed within a row,
// each unit's state, clamping and P(s_i = 1 | rest) ring, and a legend.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "boltzmann_ui.hpp"
#include "imgui.h"
#include "theme.hpp"
#include "widgets.hpp"

namespace web {

namespace {

constexpr float kPi = 3.14159265f;
constexpr double kMinWeightScale = 0.5;  // tiny initial weights stay thin and faint
constexpr float kMinRingP = 0.004f;      // rings below this probability draw no arc

ImU32 with_alpha(ImU32 c, float a) {
  return (c & ~IM_COL32_A_MASK) | (static_cast<ImU32>(std::clamp(a, 0.0f, 1.0f) * 255.0f) << IM_COL32_A_SHIFT);
}

// Legend along the bottom edge, left to right while there is room.
void legend(ImDrawList* dl, ImVec2 p0, ImVec2 p1, float fs) {
  float x = p0.x + 10;
  const float y = p1.y - fs * 1.4f;
  auto swatch = [&](ImU32 col, const char* text, bool circle) {
    if (x + fs * 1.2f + ImGui::CalcTextSize(text).x > p1.x - 4) { x = p1.x; return; }  // no room left
    if (circle) dl->AddCircleFilled(ImVec2(x + fs * 0.35f, y + fs * 0.5f), fs * 0.35f, col, 16);
    else dl->AddRectFilled(ImVec2(x, y + fs * 0.35f), ImVec2(x + fs * 0.9f, y + fs * 0.65f), col, 1.0f);
    if (circle) dl->AddCircle(ImVec2(x + fs * 0.35f, y + fs * 0.5f), fs * 0.35f, colors::kMuted, 16);
    x += fs * 1.2f;
    dl->AddText(ImVec2(x, y), colors::kMuted, text);
    x += ImGui::CalcTextSize(text).x + fs * 0.9f;
  };
  swatch(colors::kInk, "on", true);
  swatch(colors::kPanel, "off", true);
  swatch(colors::kPurple, "ring: P(on | rest)", false);
  swatch(colors::kRed, "w > 0", false);
  swatch(colors::kBlue, "w < 0", false);
  if (x + fs * 8 < p1.x) {
    dl->AddCircle(ImVec2(x + fs * 0.35f, y + fs * 0.5f), fs * 0.35f, colors::kOrange, 16, 2.5f);
    dl->AddText(ImVec2(x + fs * 1.2f, y), colors::kMuted, "clamped");
  }
}

}  // namespace

void BoltzmannView::graph(const BoltzmannModel& m, float w, float h) {
  const float fs = ImGui::GetFontSize();
  const ebm::BmTrainer& t = m.trainer();
  const ebm::Boltzmann& bm = t.bm;
  const int n = ebm::bm_units(bm), nv = bm.nv, nh = bm.nh;
  const ImVec2 p0 = ImGui::GetCursorScreenPos(), p1(p0.x + w, p0.y + h);
  ImGui::InvisibleButton("graph", ImVec2(w, h));
  register_widget("graph");
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p0, p1, colors::kPanel, 6.0f);
  dl->AddRect(p0, p1, colors::kGrid, 6.0f);
  ImGui::PushFont(bold_font());
  dl->AddText(ImGui::GetFont(), ImGui::GetFontSize() * 0.92f, ImVec2(p0.x + 8, p0.y + 6), colors::kInk,
              "The machine: units and weights");
  ImGui::PopFont();

  // Rows: hidden above, visible below; intra-layer edges bow away from the other row.
  const float top = p0.y + fs * 2.0f, bottom = p1.y - fs * 2.4f, left = p0.x + fs * 3.6f, right = p1.x - fs * 0.8f;
  const float yh = top + (bottom - top) * 0.30f, yv = top + (bottom - top) * 0.70f;
  const int widest = std::max(nv, std::max(nh, 1));
  const float gap = (right - left) / static_cast<float>(widest);
  const float r = std::clamp(gap * 0.28f, 7.0f, fs * 1.25f);
  std::vector<ImVec2> pos(n);
  for (int i = 0; i < nv; ++i) pos[i] = ImVec2(left + (right - left) * (i + 0.5f) / nv, yv);
  for (int j = 0; j < nh; ++j) pos[nv + j] = ImVec2(left + (right - left) * (j + 0.5f) / nh, yh);
  dl->AddText(ImVec2(p0.x + 8, yh - fs * 0.5f), colors::kMuted, "hidden");
  dl->AddText(ImVec2(p0.x + 8, yv - fs * 0.5f), colors::kMuted, "visible");
  if (nh == 0) dl->AddText(ImVec2((left + right) * 0.5f - fs * 3.5f, yh - fs * 0.5f), colors::kMuted, "(no hidden units)");

  double wmax = 0;
  for (double v : bm.w) wmax = std::max(wmax, std::fabs(v));
  const double scale = std::max(wmax, kMinWeightScale);
  const float room = (bottom - top) * 0.27f;  // how far an arc may bow out of its row
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j) {
      if (!ebm::bm_connected(bm, i, j)) continue;
      const double wij = bm.w[static_cast<size_t>(i) * n + j];
      const float a = static_cast<float>(std::min(1.0, std::fabs(wij) / scale));
      const ImU32 col = with_alpha(wij >= 0 ? colors::kRed : colors::kBlue, 0.15f + 0.85f * a);
      const float thick = 0.8f + 5.0f * a;
      const bool vis_i = i < nv, vis_j = j < nv;
      if (vis_i != vis_j) {
        dl->AddLine(pos[i], pos[j], col, thick);
      } else {
        // Same row: a cubic arc bowing down (visible) or up (hidden), deeper for farther units.
        const float dir = vis_i ? 1.0f : -1.0f;
        const float bow = std::min(room / 0.75f, 0.45f * std::fabs(pos[j].x - pos[i].x)) * dir;
        dl->AddBezierCubic(pos[i], ImVec2(pos[i].x, pos[i].y + bow), ImVec2(pos[j].x, pos[j].y + bow), pos[j], col, thick);
      }
    }

  const bool clamped = t.phase == ebm::BmPhase::Clamped && t.run_active;
  const auto& s = t.chain.s;
  const std::vector<float>& p_on = m.p_on();
  char label[8];
  for (int i = 0; i < n; ++i) {
    const ImVec2 c = pos[i];
    const bool on = i < static_cast<int>(s.size()) && s[i];
    const bool held = clamped && i < nv;
    if (i == t.chain.last_unit) dl->AddCircleFilled(c, r + 11.0f, with_alpha(colors::kOrange, 0.25f), 32);
    dl->AddCircleFilled(c, r, on ? colors::kInk : colors::kPanel, 32);
    dl->AddCircle(c, r, held ? colors::kOrange : colors::kMuted, 32, held ? 3.0f : 1.5f);
    if (!held && i < static_cast<int>(p_on.size())) {
      // Ring: P(s_i = 1 | others) at the current temperature, clockwise from the top.
      dl->AddCircle(c, r + 5.0f, colors::kGrid, 32, 3.0f);
      if (p_on[i] > kMinRingP) {
        dl->PathArcTo(c, r + 5.0f, -kPi * 0.5f, -kPi * 0.5f + 2.0f * kPi * p_on[i], 32);
        dl->PathStroke(colors::kPurple, 0, 3.0f);
      }
    }
    std::snprintf(label, sizeof label, i < nv ? "v%d" : "h%d", i < nv ? i + 1 : i - nv + 1);
    const ImVec2 ts = ImGui::CalcTextSize(label);
    dl->AddText(ImVec2(c.x - ts.x * 0.5f, c.y - ts.y * 0.5f), on ? colors::kPanel : colors::kInk, label);
  }
  legend(dl, p0, p1, fs);
}

}  // namespace web
