// theme.cpp: the light palette (see theme.hpp).
#include "theme.hpp"

namespace web {

namespace {
/// Vertical frame padding on touch screens, CSS px: 15 px text + 2 x 11 = 37 px tall controls.
constexpr float kTouchFramePadY = 11.0f;
}  // namespace

ImVec4 theme_background() { return ImVec4(0.965f, 0.965f, 0.955f, 1.0f); }

void apply_theme(bool touch) {
  ImGui::StyleColorsLight();
  ImGuiStyle& s = ImGui::GetStyle();
  s.WindowRounding = 6.0f;
  s.ChildRounding = 6.0f;
  s.FrameRounding = 4.0f;
  s.GrabRounding = 4.0f;
  s.PopupRounding = 4.0f;
  s.TabRounding = 4.0f;
  s.WindowPadding = ImVec2(12, 10);
  s.FramePadding = ImVec2(8, 5);
  s.ItemSpacing = ImVec2(8, 7);
  s.ItemInnerSpacing = ImVec2(6, 4);
  s.ScrollbarSize = 12.0f;
  s.GrabMinSize = 14.0f;  // comfortable on touch screens
  if (touch) {
    // A fingertip is about 9 mm (35-45 CSS px): taller controls and grabs, wider scrollbars.
    s.FramePadding = ImVec2(10, kTouchFramePadY);
    s.ItemSpacing = ImVec2(10, 9);
    s.GrabMinSize = 28.0f;
    s.ScrollbarSize = 18.0f;
  }
  s.WindowBorderSize = 0.0f;
  s.ChildBorderSize = 1.0f;
  s.FrameBorderSize = 0.0f;
  ImVec4* c = s.Colors;
  const ImVec4 paper = theme_background();
  const ImVec4 accent(0.204f, 0.408f, 0.659f, 1.0f);
  c[ImGuiCol_Text] = ImVec4(0.176f, 0.204f, 0.251f, 1.0f);
  c[ImGuiCol_TextDisabled] = ImVec4(0.47f, 0.50f, 0.55f, 1.0f);
  c[ImGuiCol_WindowBg] = paper;
  c[ImGuiCol_ChildBg] = ImVec4(1, 1, 1, 1);
  c[ImGuiCol_PopupBg] = ImVec4(1, 1, 1, 0.98f);
  c[ImGuiCol_Border] = ImVec4(0.86f, 0.87f, 0.89f, 1.0f);
  c[ImGuiCol_FrameBg] = ImVec4(0.91f, 0.92f, 0.93f, 1.0f);
  c[ImGuiCol_FrameBgHovered] = ImVec4(0.86f, 0.89f, 0.93f, 1.0f);
  c[ImGuiCol_FrameBgActive] = ImVec4(0.80f, 0.86f, 0.93f, 1.0f);
  c[ImGuiCol_TitleBg] = c[ImGuiCol_TitleBgActive] = ImVec4(0.93f, 0.93f, 0.92f, 1.0f);
  c[ImGuiCol_Button] = ImVec4(0.89f, 0.91f, 0.94f, 1.0f);
  c[ImGuiCol_ButtonHovered] = ImVec4(0.80f, 0.86f, 0.94f, 1.0f);
  c[ImGuiCol_ButtonActive] = ImVec4(0.70f, 0.80f, 0.93f, 1.0f);
  c[ImGuiCol_SliderGrab] = accent;
  c[ImGuiCol_SliderGrabActive] = ImVec4(0.15f, 0.32f, 0.55f, 1.0f);
  c[ImGuiCol_CheckMark] = accent;
  c[ImGuiCol_Header] = ImVec4(0.85f, 0.89f, 0.95f, 1.0f);
  c[ImGuiCol_HeaderHovered] = ImVec4(0.80f, 0.86f, 0.94f, 1.0f);
  c[ImGuiCol_HeaderActive] = ImVec4(0.72f, 0.81f, 0.93f, 1.0f);
  c[ImGuiCol_Tab] = ImVec4(0.90f, 0.91f, 0.92f, 1.0f);
  c[ImGuiCol_TabHovered] = ImVec4(0.80f, 0.86f, 0.94f, 1.0f);
  c[ImGuiCol_TabActive] = ImVec4(1, 1, 1, 1);
  c[ImGuiCol_PlotLines] = accent;
  c[ImGuiCol_PlotHistogram] = accent;
  c[ImGuiCol_Separator] = c[ImGuiCol_Border];
}

}  // namespace web
