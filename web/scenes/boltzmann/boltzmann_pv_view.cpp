// boltzmann_pv_view.cpp: the P(v) chart (see boltzmann_ui.hpp): grouped bars over the visible
// vectors, the data (orange) beside the machine's marginal P(v) (blue), with a hover tooltip.
// Which vectors get a bar is the model's rule (bm_pv_slots).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "boltzmann_ui.hpp"
#include "imgui.h"
#include "theme.hpp"
#include "widgets.hpp"

namespace web {

void BoltzmannView::pv_bars(const BoltzmannModel& m, float w, float h) {
  const float fs = ImGui::GetFontSize();
  const float width = w > 0 ? w : ImGui::GetContentRegionAvail().x;
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("pv", ImVec2(width, h));
  register_widget("pv_bars");
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const std::vector<double>& p_data = m.p_data();
  const std::vector<double>& p_model = m.p_model();
  const int nv = m.nv();
  slots_ = bm_pv_slots(p_data, p_model);
  const int count = static_cast<int>(slots_.size());
  auto data_of = [&](int v) { return v < 0 ? 0.0 : p_data[v]; };
  auto model_of = [&](int v) {
    if (v >= 0) return v < static_cast<int>(p_model.size()) ? p_model[v] : 0.0;
    double rest = 1.0;
    for (int u : slots_)
      if (u >= 0 && u < static_cast<int>(p_model.size())) rest -= p_model[u];
    return std::max(rest, 0.0);
  };
  auto label_of = [&](int v) { return v < 0 ? std::string("rest") : bm_bit_string(static_cast<uint32_t>(v), nv); };
  const float plot_w = width - fs * 4.4f;
  const float slot = plot_w / static_cast<float>(std::max(count, 1));
  const bool stagger = ImGui::CalcTextSize(bm_bit_string(0, nv).c_str()).x + 6 > slot;  // two label rows

  ImGui::PushFont(bold_font());
  dl->AddText(ImGui::GetFont(), ImGui::GetFontSize() * 0.92f, p0, colors::kInk,
              "P(v): the model's marginal over hidden units beside the data");
  ImGui::PopFont();
  const float left = fs * 3.6f, bottom = fs * (stagger ? 3.6f : 2.6f), top = fs * 2.6f, right = fs * 0.8f;
  const ImVec2 a(p0.x + left, p0.y + top), b(p0.x + width - right, p0.y + h - bottom);
  dl->AddRectFilled(a, b, colors::kPanel, 3.0f);
  dl->AddText(ImVec2(p0.x + 2, p0.y + fs * 1.25f), colors::kMuted, "probability");
  float ymax = 0.05f;
  for (int v : slots_) ymax = std::max({ymax, static_cast<float>(data_of(v)), static_cast<float>(model_of(v))});
  const float step = ymax > 0.5f ? 0.2f : ymax > 0.2f ? 0.1f : ymax > 0.1f ? 0.05f : 0.02f;
  ymax = std::ceil(ymax * 1.05f / step) * step;
  auto Y = [&](float y) { return b.y - y / ymax * (b.y - a.y); };
  char buf[32];
  for (float t = 0; t <= ymax + 1e-6f; t += step) {
    dl->AddLine(ImVec2(a.x, Y(t)), ImVec2(b.x, Y(t)), colors::kGrid);
    std::snprintf(buf, sizeof buf, step < 0.1f ? "%.2f" : "%.1f", t);
    const ImVec2 ts = ImGui::CalcTextSize(buf);
    dl->AddText(ImVec2(a.x - ts.x - 5, Y(t) - ts.y * 0.5f), colors::kMuted, buf);
  }
  const float sw = (b.x - a.x) / static_cast<float>(std::max(count, 1));
  const float bar = std::max(1.0f, sw * 0.36f);
  int hover = -1;
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  for (int k = 0; k < count; ++k) {
    const int v = slots_[k];
    const float x0 = a.x + sw * k + sw * 0.5f - bar;
    const float pd = static_cast<float>(data_of(v)), pm = static_cast<float>(model_of(v));
    if (pd > 0) dl->AddRectFilled(ImVec2(x0, Y(pd)), ImVec2(x0 + bar, b.y), colors::kOrange, 1.5f);
    dl->AddRectFilled(ImVec2(x0 + bar, Y(pm)), ImVec2(x0 + 2 * bar, b.y), v < 0 ? colors::kMuted : colors::kBlue, 1.5f);
    const std::string s = label_of(v);
    const ImVec2 ts = ImGui::CalcTextSize(s.c_str());
    const float ly = b.y + 3 + (stagger && (k % 2) ? fs * 1.05f : 0.0f);
    dl->AddText(ImVec2(a.x + sw * (k + 0.5f) - ts.x * 0.5f, ly), pd > 0 ? colors::kInk : colors::kMuted, s.c_str());
    if (hovered && mouse.x >= a.x + sw * k && mouse.x < a.x + sw * (k + 1) && mouse.y >= a.y && mouse.y <= b.y) hover = k;
  }
  dl->AddRect(a, b, colors::kGrid, 3.0f);
  char xl[128];
  if (static_cast<int>(p_data.size()) == count)
    std::snprintf(xl, sizeof xl, "visible vector v (v1 ... v%d); KL = %.3f nats, mean log P(v) = %.3f", nv, m.kl(),
                  m.log_likelihood());
  else
    std::snprintf(xl, sizeof xl, "v (v1 ... v%d): the data's and the model's likeliest of %d vectors; KL = %.3f nats", nv,
                  static_cast<int>(p_data.size()), m.kl());
  const ImVec2 xs = ImGui::CalcTextSize(xl);
  dl->AddText(ImVec2((a.x + b.x - xs.x) * 0.5f, b.y + fs * (stagger ? 2.35f : 1.35f)), colors::kMuted, xl);
  // Legend on the title line.
  float lx = p0.x + width - right;
  const struct {
    const char* text;
    ImU32 col;
  } legend[] = {{"model P(v)", colors::kBlue}, {"data", colors::kOrange}};
  for (const auto& e : legend) {
    lx -= ImGui::CalcTextSize(e.text).x;
    dl->AddText(ImVec2(lx, p0.y + fs * 1.25f), colors::kInk, e.text);
    lx -= fs * 0.9f;
    dl->AddRectFilled(ImVec2(lx, p0.y + fs * 1.55f), ImVec2(lx + fs * 0.6f, p0.y + fs * 1.95f), e.col, 2.0f);
    lx -= fs * 0.8f;
  }
  if (hover >= 0) {
    const int v = slots_[hover];
    dl->AddRect(ImVec2(a.x + sw * hover, a.y), ImVec2(a.x + sw * (hover + 1), b.y), colors::kMuted);
    ImGui::SetTooltip("v = %s\ndata %.3f\nmodel %.3f", label_of(v).c_str(), data_of(v), model_of(v));
  }
}

}  // namespace web
