// setting_controls.cpp: one ImGui widget per setting kind (see setting_controls.hpp).
#include "setting_controls.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "imgui.h"
#include "widgets.hpp"

namespace web {

namespace {
// A slider edit is done when the drag is released, or at once for keyboard entry (Ctrl+click).
ControlEdit slider_edit(bool changed) {
  return {changed, ImGui::IsItemDeactivatedAfterEdit() || (changed && !ImGui::IsItemActive())};
}
}  // namespace

float setting_widget_width(const SettingSpec& spec, float width) {
  const ImGuiStyle& st = ImGui::GetStyle();
  const float label = ImGui::CalcTextSize(spec.label, nullptr, true).x;
  float frame = width > 0 ? width : ImGui::CalcItemWidth();
  if (spec.kind == SettingKind::Flag) frame = ImGui::GetFrameHeight();
  return frame + (label > 0 ? st.ItemInnerSpacing.x + label : 0.0f);
}

ControlEdit setting_widget(const SettingSpec& spec, SettingValue& v, float width) {
  if (width != 0) ImGui::SetNextItemWidth(width);  // negative: up to that far from the right edge
  // Typed values (Ctrl+click on a slider) are clamped too: the table's range is the only range.
  const ImGuiSliderFlags clamp = ImGuiSliderFlags_AlwaysClamp;
  ControlEdit e;
  switch (spec.kind) {
    case SettingKind::Int: {
      int i = static_cast<int>(v.number);
      const char* fmt = i == 0 && spec.zero_text ? spec.zero_text : spec.format ? spec.format : "%d";
      const bool ch = ImGui::SliderInt(spec.label, &i, static_cast<int>(spec.lo), static_cast<int>(spec.hi), fmt,
                                       clamp | (spec.log ? ImGuiSliderFlags_Logarithmic : 0));
      e = slider_edit(ch);
      v.number = std::clamp(i, static_cast<int>(spec.lo), static_cast<int>(spec.hi));
      break;
    }
    case SettingKind::Float: {
      float f = static_cast<float>(v.number);
      const bool ch = ImGui::SliderFloat(spec.label, &f, static_cast<float>(spec.lo), static_cast<float>(spec.hi),
                                         spec.format ? spec.format : "%.3g",
                                         clamp | (spec.log ? ImGuiSliderFlags_Logarithmic : 0));
      e = slider_edit(ch);
      if (std::isfinite(f)) v.number = std::clamp(f, static_cast<float>(spec.lo), static_cast<float>(spec.hi));
      break;
    }
    case SettingKind::Choice: {
      int c = static_cast<int>(v.number);
      const auto& src = spec.labels.empty() ? spec.names : spec.labels;
      const int n = static_cast<int>(src.size());
      bool ch = false;
      // ImGui::Combo spelled out, so each open item registers as "key:name" for browser tests.
      if (ImGui::BeginCombo(spec.label, c >= 0 && c < n ? src[c] : "")) {
        for (int k = 0; k < n; ++k) {
          ImGui::PushID(k);
          if (ImGui::Selectable(src[k], k == c)) {
            c = k;
            ch = true;
          }
          if (k == c) ImGui::SetItemDefaultFocus();
          register_widget((std::string(spec.key) + ":" + spec.names[k]).c_str());
          ImGui::PopID();
        }
        ImGui::EndCombo();
      }
      e = {ch, ch};
      v.number = c;
      break;
    }
    case SettingKind::Flag: {
      bool b = v.number != 0;
      const bool ch = ImGui::Checkbox(spec.label, &b);
      e = {ch, ch};
      v.number = b ? 1 : 0;
      break;
    }
    case SettingKind::Seed: {
      int i = static_cast<int>(v.number);
      // Enter (or a +/- click) applies a typed seed; half-typed digits never rebuild the model.
      const bool ch = ImGui::InputInt(spec.label, &i, 1, 100, ImGuiInputTextFlags_EnterReturnsTrue);
      e = {ch, ch};
      v.number = std::clamp<double>(i, spec.lo, spec.hi);
      break;
    }
    case SettingKind::IndexSet:
    case SettingKind::ChoiceSet:
    case SettingKind::Text:
      ImGui::TextDisabled("%s", spec.label);  // drawn by the scene beside what the values mean
      break;
  }
  register_widget(spec.key);
  tip(spec.tooltip);
  return e;
}

}  // namespace web
