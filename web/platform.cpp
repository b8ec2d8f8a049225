// platform.cpp: SDL2 + WebGL2 + ImGui backend glue (see platform.hpp).
#include "platform.hpp"

#include <SDL.h>
#include <emscripten.h>
#include <emscripten/html5.h>

#include <algorithm>
#include <cmath>

#include "fonts.hpp"
#include "frame_stats.hpp"
#include "gl_context.hpp"
#include "imgui.h"
#include "imgui_impl_sdl.h"
#include "imgui_renderer.hpp"
#include "theme.hpp"

// clang-format off
// True on touch-first devices (phones, tablets): the primary pointer is a finger.
EM_JS(int, js_coarse_pointer, (), {
  return (window.matchMedia && window.matchMedia("(pointer: coarse)").matches) ? 1 : 0;
});
// clang-format on

namespace web {

namespace {

// Keeps the canvas backing store at CSS size x devicePixelRatio. SDL only reacts to window
// resizes; a container that changes size inside an iframe or a blog column needs this poll.
void sync_canvas_size(Platform& p) {
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size("#canvas", &css_w, &css_h);
  const int w = std::max(1, static_cast<int>(std::lround(css_w)));
  const int h = std::max(1, static_cast<int>(std::lround(css_h)));
  const float dpr = static_cast<float>(emscripten_get_device_pixel_ratio());
  int cur_w = 0, cur_h = 0;
  SDL_GetWindowSize(p.window, &cur_w, &cur_h);
  int pix_w = 0, pix_h = 0;
  emscripten_get_canvas_element_size("#canvas", &pix_w, &pix_h);
  const int want_w = static_cast<int>(std::lround(w * dpr));
  const int want_h = static_cast<int>(std::lround(h * dpr));
  if (cur_w != w || cur_h != h || pix_w != want_w || pix_h != want_h) {
    SDL_SetWindowSize(p.window, w, h);
    emscripten_set_canvas_element_size("#canvas", want_w, want_h);
  }
}

void load_fonts(Platform& p) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ImFontConfig cfg;
  cfg.FontDataOwnedByAtlas = false;  // the bytes are a static array in the binary
  cfg.OversampleH = 2;
  // Rasterize at device pixels, draw at 1/dpr: crisp text on high-DPI screens.
  const float px = 15.0f * p.dpr;
  io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(kRobotoRegularTtf),
                                 static_cast<int>(kRobotoRegularTtf_size), px, &cfg);
  io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(kRobotoMediumTtf),
                                 static_cast<int>(kRobotoMediumTtf_size), 16.0f * p.dpr, &cfg);
  io.FontGlobalScale = 1.0f / p.dpr;
}

}  // namespace

double platform_now_s() { return emscripten_get_now() * 1e-3; }

bool platform_init(Platform& p) {
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
    p.error = std::string("SDL could not start: ") + SDL_GetError();
    return false;
  }
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
  SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);
  const auto flags = static_cast<SDL_WindowFlags>(SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE |
                                                  SDL_WINDOW_ALLOW_HIGHDPI);
  p.window = SDL_CreateWindow("EBM Playground", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                              1280, 800, flags);
  if (!p.window) {
    p.error = std::string("could not create the canvas window: ") + SDL_GetError();
    return false;
  }
  p.gl_context = SDL_GL_CreateContext(p.window);
  if (!p.gl_context) {
    p.error = "WebGL2 is not available in this browser (could not create a GL ES 3 context).";
    return false;
  }
  SDL_GL_SetSwapInterval(1);
  p.dpr = static_cast<float>(emscripten_get_device_pixel_ratio());
  sync_canvas_size(p);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // no file system; layout comes from code
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  apply_theme(js_coarse_pointer() != 0);
  load_fonts(p);
  ImGui_ImplSDL2_InitForOpenGL(p.window, p.gl_context);
  std::string err;
  if (!imgui_renderer_init(err)) {
    p.error = err;
    return false;
  }
  gl_context_watch();
  p.last_time_s = platform_now_s();
  return true;
}

bool platform_poll(Platform& p) {
  frame_mark_start();
  bool input = gl_context_take_redraw();  // a restored context has an empty canvas
  SDL_Event e;
  while (SDL_PollEvent(&e)) {
    ImGui_ImplSDL2_ProcessEvent(&e);
    input = true;
  }
  const float dpr = static_cast<float>(emscripten_get_device_pixel_ratio());
  if (dpr != p.dpr) {  // moved to another screen or zoomed: re-rasterize fonts
    p.dpr = dpr;
    load_fonts(p);
    imgui_renderer_upload_fonts();
    input = true;
  }
  sync_canvas_size(p);
  return input;
}

double platform_frame_dt(Platform& p) {
  const double now = platform_now_s();
  const double dt = std::clamp(now - p.last_time_s, 0.0, 0.1);
  p.last_time_s = now;
  return dt;
}

void platform_begin_frame(Platform& p) {
  frame_mark_step_done();
  ImGui_ImplSDL2_NewFrame();
  ImGui::NewFrame();
}

void platform_end_frame(Platform& p) {
  frame_stats_window();
  ImGui::Render();
  frame_mark_ui_done();
  // No GL state is read back in the frame loop (each read would wait for the GPU process).
  const ImVec4 bg = theme_background();
  imgui_renderer_draw(ImGui::GetDrawData(), ImVec4(bg.x, bg.y, bg.z, 1.0f));
  SDL_GL_SwapWindow(p.window);
  frame_mark_drawn();
}

}  // namespace web
