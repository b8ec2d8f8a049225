// widgets.cpp: plots, field views, tooltips and the widget registry (see widgets.hpp).
#include "widgets.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

#include "imgui_internal.h"
#include "theme.hpp"

namespace web {

namespace {

std::map<std::string, ImVec4> g_widgets;
bool g_fit_content = false;  // the window fits its content (embedded figure): see set_fit_content

// "Nice" tick step for a range (1, 2 or 5 x 10^k) giving about `target` ticks.
float nice_step(float range, int target) {
  const float raw = range / std::max(1, target);
  const float mag = std::pow(10.0f, std::floor(std::log10(raw)));
  const float n = raw / mag;
  return (n < 1.5f ? 1.0f : n < 3.5f ? 2.0f : n < 7.5f ? 5.0f : 10.0f) * mag;
}

void format_tick(char* buf, size_t n, float v, float step) {
  const float a = std::fabs(v);
  if (a != 0 && (a >= 1e5f || a < 1e-3f)) std::snprintf(buf, n, "%.1e", v);
  else if (step >= 1.0f) std::snprintf(buf, n, "%.0f", v);
  else if (step >= 0.1f) std::snprintf(buf, n, "%.1f", v);
  else if (step >= 0.01f) std::snprintf(buf, n, "%.2f", v);
  else std::snprintf(buf, n, "%.3f", v);
}

}  // namespace

ImFont* bold_font() {
  ImGuiIO& io = ImGui::GetIO();
  return io.Fonts->Fonts.Size > 1 ? io.Fonts->Fonts[1] : io.Fonts->Fonts[0];
}

void figure_title(const char* title, const char* caption) {
  ImGui::PushFont(bold_font());
  ImGui::TextUnformatted(title);
  ImGui::PopFont();
  if (caption) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(caption);
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
  }
}

void tip(const char* text) {
  // A short hover delay (ImGui 1.86 has no delay flag) keeps tooltips from flickering by.
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled) && GImGui->HoveredIdTimer > 0.3f) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 22.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
  }
}

void widgets_begin_frame() { g_widgets.clear(); }

void same_line_if_fits(float next_w) {
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + next_w <= right) ImGui::SameLine();
}

float button_width(const char* label) {
  return ImGui::CalcTextSize(label, nullptr, true).x + 2 * ImGui::GetStyle().FramePadding.x;
}

void set_fit_content(bool fit) { g_fit_content = fit; }

float fill_height(float natural) { return g_fit_content ? natural : ImGui::GetContentRegionAvail().y; }

void register_widget(const char* name) {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  g_widgets[name] = ImVec4(a.x, a.y, b.x - a.x, b.y - a.y);
}

void settings_beside_figures(float settings_w, float min_wide, const char* folded_label,
                             const std::function<void()>& settings, const std::function<void()>& figures) {
  if (ImGui::GetContentRegionAvail().x > min_wide) {
    // Filling the window, both columns take its height; fitting content (embeds), they take the
    // taller column's content height of the previous frame (settles in one frame).
    static float fitted_h = 1.0f;
    const float h = g_fit_content ? fitted_h : 0.0f;
    const float pad = ImGui::GetStyle().WindowPadding.y;
    ImGui::BeginChild("settings", ImVec2(settings_w, h), true);
    settings();
    const float settings_h = ImGui::GetCursorPosY() + pad;
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("figures", ImVec2(0, h), false);
    figures();
    const float figures_h = ImGui::GetCursorPosY();
    ImGui::EndChild();
    fitted_h = std::max(settings_h, figures_h);
  } else {
    figures();
    if (ImGui::CollapsingHeader(folded_label)) settings();
  }
}

bool button(const char* label, const char* name, const char* tooltip, ImVec2 size) {
  const bool pressed = ImGui::Button(label, size);
  if (name) register_widget(name);
  tip(tooltip);
  return pressed;
}

nlohmann::json widgets_json() {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [name, r] : g_widgets) j[name] = {r.x, r.y, r.z, r.w};
  return j;
}

void discard_dialog(DiscardGuard& guard, const char* title, const std::function<void()>& save) {
  if (guard.pending() && !ImGui::IsPopupOpen(title)) ImGui::OpenPopup(title);
  const ImVec2 centre = ImGui::GetMainViewport()->GetCenter();
  ImGui::SetNextWindowPos(centre, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  if (!ImGui::BeginPopupModal(title, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  ImGui::Text("This would discard %s that is not saved.", guard.what().c_str());
  ImGui::Spacing();
  if (save && button("Save it, then continue", "confirm_save", "Downloads it first, then goes on.")) {
    save();
    guard.confirm();
  }
  if (save) ImGui::SameLine();
  if (button("Discard it", "confirm_discard", "Goes on without saving; it is lost.")) guard.confirm();
  ImGui::SameLine();
  if (button("Cancel", "confirm_cancel", "Keeps everything as it is and changes nothing.")) guard.cancel();
  if (!guard.pending()) ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

float plot(const char* id, const PlotSpec& spec, std::span<const Series> series) {
  ImGui::PushID(id);
  const float width = spec.size.x > 0 ? spec.size.x : ImGui::GetContentRegionAvail().x;
  const ImVec2 size(width, spec.size.y);
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("plot", size);
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float fs = ImGui::GetFontSize();

  // Layout: title line, then the frame with room for tick labels left and below.
  ImGui::PushFont(bold_font());
  dl->AddText(ImGui::GetFont(), ImGui::GetFontSize() * 0.92f, p0, colors::kInk, spec.title);
  ImGui::PopFont();
  const float left = fs * 3.6f, bottom = fs * 2.6f, top = fs * 2.6f, right = fs * 0.8f;
  const ImVec2 a(p0.x + left, p0.y + top), b(p0.x + size.x - right, p0.y + size.y - bottom);
  dl->AddRectFilled(a, b, colors::kPanel, 3.0f);
  dl->AddText(ImVec2(a.x - left + 2, p0.y + fs * 1.25f), colors::kMuted, spec.y_label);

  // Data range; on a log axis everything in x is log10 (non-positive x become NaN: left out).
  const auto tx = [&](float x) { return spec.x_log ? (x > 0.0f ? std::log10(x) : NAN) : x; };
  float x0 = tx(spec.x_min), x1 = tx(spec.x_max), y0 = spec.y_min, y1 = spec.y_max;
  bool any = false;
  float dx0 = INFINITY, dx1 = -INFINITY, dy0 = INFINITY, dy1 = -INFINITY;
  for (const Series& s : series)
    for (int i = 0; i < s.count; ++i) {
      const float x = tx(s.x ? s.x[i] : static_cast<float>(i)), y = s.y[i];
      if (!std::isfinite(x) || !std::isfinite(y)) continue;
      any = true;
      dx0 = std::min(dx0, x); dx1 = std::max(dx1, x);
      dy0 = std::min(dy0, y); dy1 = std::max(dy1, y);
    }
  if (std::isnan(x0)) x0 = any ? dx0 : 0.0f;
  if (std::isnan(x1)) x1 = any ? dx1 : 1.0f;
  if (std::isnan(y0)) y0 = any ? dy0 : 0.0f;
  if (std::isnan(y1)) y1 = any ? dy1 : 1.0f;
  if (x1 - x0 < 1e-9f) x1 = x0 + 1.0f;
  const bool fitted = std::isnan(spec.y_min) || std::isnan(spec.y_max);
  // A fitted, nearly flat series spans at least 0.2% of its magnitude, so its axis reads well
  // (-203.00 .. -203.02 becomes -203.2 .. -202.8); a perfectly flat one spans 1.
  const float min_span = 0.002f * std::max(std::fabs(y0), std::fabs(y1));
  if (y1 - y0 < 1e-9f) {
    y0 -= 0.5f;
    y1 += 0.5f;
  } else if (fitted && y1 - y0 < min_span) {
    const float mid = 0.5f * (y0 + y1);
    y0 = mid - 0.5f * min_span;
    y1 = mid + 0.5f * min_span;
  }
  if (fitted) {  // breathing room for fitted axes
    const float pad = 0.06f * (y1 - y0);
    if (std::isnan(spec.y_min)) y0 -= pad;
    if (std::isnan(spec.y_max)) y1 += pad;
  }
  auto X = [&](float x) { return a.x + (tx(x) - x0) / (x1 - x0) * (b.x - a.x); };
  auto Y = [&](float y) { return b.y - (y - y0) / (y1 - y0) * (b.y - a.y); };

  // Grid and ticks.
  char buf[32];
  const float ys = nice_step(y1 - y0, std::max(2, static_cast<int>((b.y - a.y) / (fs * 3.2f))));
  for (float t = std::ceil(y0 / ys) * ys; t <= y1 + 1e-6f * ys; t += ys) {
    dl->AddLine(ImVec2(a.x, Y(t)), ImVec2(b.x, Y(t)), colors::kGrid);
    format_tick(buf, sizeof buf, std::fabs(t) < 1e-6f * ys ? 0.0f : t, ys);
    const ImVec2 ts = ImGui::CalcTextSize(buf);
    dl->AddText(ImVec2(a.x - ts.x - 5, Y(t) - ts.y * 0.5f), colors::kMuted, buf);
  }
  if (spec.x_log) {  // a labelled line per decade, faint lines at 2..9 times it
    for (int k = static_cast<int>(std::floor(x0)); k <= static_cast<int>(std::ceil(x1)); ++k)
      for (int m = 1; m <= 9; ++m) {
        const float t = static_cast<float>(m) * std::pow(10.0f, static_cast<float>(k)), lt = tx(t);
        if (lt < x0 - 1e-6f || lt > x1 + 1e-6f) continue;
        dl->AddLine(ImVec2(X(t), a.y), ImVec2(X(t), b.y), m == 1 ? colors::kGrid : (colors::kGrid & 0x60FFFFFFu));
        if (m != 1) continue;
        std::snprintf(buf, sizeof buf, "%g", static_cast<double>(t));
        const ImVec2 ts = ImGui::CalcTextSize(buf);
        dl->AddText(ImVec2(X(t) - ts.x * 0.5f, b.y + 3), colors::kMuted, buf);
      }
  } else {
    const float xs = nice_step(x1 - x0, std::max(2, static_cast<int>((b.x - a.x) / (fs * 5.0f))));
    for (float t = std::ceil(x0 / xs) * xs; t <= x1 + 1e-6f * xs; t += xs) {
      dl->AddLine(ImVec2(X(t), a.y), ImVec2(X(t), b.y), colors::kGrid);
      format_tick(buf, sizeof buf, std::fabs(t) < 1e-6f * xs ? 0.0f : t, xs);
      const ImVec2 ts = ImGui::CalcTextSize(buf);
      dl->AddText(ImVec2(X(t) - ts.x * 0.5f, b.y + 3), colors::kMuted, buf);
    }
  }
  const ImVec2 xl = ImGui::CalcTextSize(spec.x_label);
  dl->AddText(ImVec2((a.x + b.x - xl.x) * 0.5f, b.y + fs * 1.35f), colors::kMuted, spec.x_label);
  dl->AddRect(a, b, colors::kGrid, 3.0f);

  // Series, clipped to the frame.
  dl->PushClipRect(a, b, true);
  for (const VLine& v : spec.vlines) {
    if (!(tx(v.x) >= x0 && tx(v.x) <= x1)) continue;
    dl->AddLine(ImVec2(X(v.x), a.y), ImVec2(X(v.x), b.y), colors::kRed, 1.5f);
    if (v.label) dl->AddText(ImVec2(X(v.x) + 4, a.y + 2), colors::kRed, v.label);
  }
  for (const Series& s : series) {
    if (s.count == 1) {
      const float x = s.x ? s.x[0] : 0.0f;
      if (std::isfinite(tx(x)) && std::isfinite(s.y[0])) dl->AddCircleFilled(ImVec2(X(x), Y(s.y[0])), 3.0f, s.color);
      continue;
    }
    // Thin to at most ~2 points per pixel column so long histories stay cheap to draw.
    const int stride = std::max(1, s.count / std::max(1, static_cast<int>(2 * (b.x - a.x))));
    ImVec2 prev;
    bool has_prev = false;
    for (int i = 0; i < s.count; i += stride) {
      const float x = s.x ? s.x[i] : static_cast<float>(i), y = s.y[i];
      if (!std::isfinite(tx(x)) || !std::isfinite(y)) { has_prev = false; continue; }
      const ImVec2 p(X(x), Y(y));
      if (has_prev) dl->AddLine(prev, p, s.color, 2.0f);
      prev = p;
      has_prev = true;
    }
    if (s.count > 0 && s.count <= 40)
      for (int i = 0; i < s.count; ++i) {
        const float x = s.x ? s.x[i] : static_cast<float>(i), y = s.y[i];
        if (std::isfinite(tx(x)) && std::isfinite(y)) dl->AddCircleFilled(ImVec2(X(x), Y(y)), 2.5f, s.color);
      }
  }
  dl->PopClipRect();
  if (!any && spec.empty_text) {
    const ImVec2 ts = ImGui::CalcTextSize(spec.empty_text);
    dl->AddText(ImVec2((a.x + b.x - ts.x) * 0.5f, (a.y + b.y - ts.y) * 0.5f), colors::kMuted, spec.empty_text);
  }

  // Legend, right-aligned on the title line (the y-axis label has the line below); when the
  // title leaves no room (narrow plots on phones), on the y-axis label's line instead.
  float legend_w = 0;
  for (const Series& s : series)
    if (s.label) legend_w += ImGui::CalcTextSize(s.label).x + fs * 1.7f;
  ImGui::PushFont(bold_font());
  const float title_w = ImGui::CalcTextSize(spec.title).x * 0.92f;
  ImGui::PopFont();
  const float ly = title_w + legend_w + fs <= size.x - right ? p0.y : p0.y + fs * 1.25f;
  float lx = p0.x + size.x - right;
  for (int k = static_cast<int>(series.size()) - 1; k >= 0; --k) {
    if (!series[k].label) continue;
    const ImVec2 ts = ImGui::CalcTextSize(series[k].label);
    lx -= ts.x;
    dl->AddText(ImVec2(lx, ly), colors::kInk, series[k].label);
    lx -= fs * 0.9f;
    dl->AddRectFilled(ImVec2(lx, ly + fs * 0.3f), ImVec2(lx + fs * 0.6f, ly + fs * 0.7f), series[k].color, 2.0f);
    lx -= fs * 0.8f;
  }

  float hover_x = NAN;
  if (hovered) {
    const ImVec2 m = ImGui::GetIO().MousePos;
    if (m.x >= a.x && m.x <= b.x && m.y >= a.y && m.y <= b.y) {
      hover_x = x0 + (m.x - a.x) / (b.x - a.x) * (x1 - x0);
      if (spec.x_log) hover_x = std::pow(10.0f, hover_x);
      dl->AddLine(ImVec2(m.x, a.y), ImVec2(m.x, b.y), colors::kMuted);
      std::string t;
      for (const Series& s : series) {
        if (s.count == 0) continue;
        // Nearest point by x (series are sorted by x).
        int best = 0;
        float bd = INFINITY;
        for (int i = 0; i < s.count; ++i) {
          const float d = std::fabs((s.x ? s.x[i] : static_cast<float>(i)) - hover_x);
          if (d < bd) { bd = d; best = i; }
        }
        std::snprintf(buf, sizeof buf, "%s%s = %.4g", t.empty() ? "" : "\n", s.label ? s.label : spec.y_label, s.y[best]);
        t += buf;
      }
      std::snprintf(buf, sizeof buf, "\n%s = %.4g", spec.x_label, hover_x);
      ImGui::SetTooltip("%s%s", t.c_str(), buf);
    }
  }
  ImGui::PopID();
  return hover_x;
}

FieldHit field_view(const char* id, const FieldTexture& t, ImVec2 size, const FieldStyle& style) {
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton(id, size, ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight);
  const ImVec2 p1(p0.x + size.x, p0.y + size.y);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  draw_field(dl, t, p0, p1, style);
  dl->AddRect(ImVec2(p0.x - 1, p0.y - 1), ImVec2(p1.x + 1, p1.y + 1), colors::kGrid);
  FieldHit hit;
  const ImVec2 m = ImGui::GetIO().MousePos;
  if ((ImGui::IsItemHovered() || ImGui::IsItemActive()) && t.cols > 0 && m.x >= p0.x && m.x < p1.x &&
      m.y >= p0.y && m.y < p1.y) {
    const int c = std::clamp(static_cast<int>((m.x - p0.x) / size.x * t.cols), 0, t.cols - 1);
    const int r = std::clamp(static_cast<int>((m.y - p0.y) / size.y * t.rows), 0, t.rows - 1);
    hit.cell = r * t.cols + c;
    if (ImGui::IsItemActive()) {
      hit.paint = ImGui::IsMouseDown(ImGuiMouseButton_Left);
      hit.erase = ImGui::IsMouseDown(ImGuiMouseButton_Right);
    }
  }
  return hit;
}

bool divergence_notice(const std::string& message, bool can_restore) {
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(colors::kRed), "%s", message.c_str());
  ImGui::PopTextWrapPos();
  if (!can_restore) return false;
  return button("Restore last good weights", "restore",
                "Puts back the weights saved at the last checkpoint before training went wrong; lower the learning rate before going on.");
}

}  // namespace web
