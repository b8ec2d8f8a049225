// platform.hpp: the SDL2 window on the page's <canvas>, its WebGL2 (GL ES 3) context, Dear
// ImGui's SDL input backend and our renderer (imgui_renderer), canvas sizing (CSS size x
// devicePixelRatio), frame timing and the per-phase frame marks (frame_stats).
// It knows nothing about scenes or models; app.cpp decides what a frame contains.
#pragma once
#include <string>

struct SDL_Window;

namespace web {

struct Platform {
  SDL_Window* window = nullptr;
  void* gl_context = nullptr;
  float dpr = 1.0f;          // device pixels per CSS pixel, fonts are rasterized at this scale
  double last_time_s = 0.0;  // time of the previous frame, seconds since page load
  std::string error;         // set when init fails: shown by the page instead of a canvas
};

/// Creates the window, the GL context and ImGui (fonts, theme). False on failure (p.error says why).
bool platform_init(Platform& p);

/// Polls SDL events into ImGui and keeps the canvas matched to its CSS box. Returns true if
/// any input event arrived (the app renders at least one frame after input).
bool platform_poll(Platform& p);

/// Clamped seconds since the previous call: a hidden tab or a breakpoint never yields a
/// burst of simulation (cap 0.1 s), as sokol_app does.
double platform_frame_dt(Platform& p);

/// Starts an ImGui frame (the scene's step ends here) / renders it and presents the canvas.
void platform_begin_frame(Platform& p);
void platform_end_frame(Platform& p);

/// Wall-clock seconds, monotonic. For the app's budgets only; the engine never sees it.
double platform_now_s();

}  // namespace web
