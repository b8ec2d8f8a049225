// gl_context.cpp: webglcontextlost / webglcontextrestored handling (see gl_context.hpp).
#include "gl_context.hpp"

#include <emscripten.h>
#include <emscripten/html5.h>

#include <string>

#include "frame_stats.hpp"
#include "gfx.hpp"
#include "imgui_renderer.hpp"
#include "page_api.hpp"

// clang-format off
// A note over the canvas while the context is lost (the canvas itself shows nothing then).
EM_JS(void, js_show_context_note, (int show), {
  let note = document.getElementById("ebm-context-note");
  if (!show) { if (note) note.remove(); return; }
  if (note) return;
  const canvas = Module["canvas"];
  note = document.createElement("div");
  note.id = "ebm-context-note";
  note.setAttribute("role", "status");
  note.textContent = "The graphics context was lost (GPU reset or memory pressure). Your models are kept; " +
                     "drawing resumes as soon as the browser restores the context.";
  const s = note.style;
  s.position = "absolute"; s.left = "50%"; s.top = "1em"; s.transform = "translateX(-50%)";
  s.maxWidth = "32em"; s.padding = ".6em 1em"; s.borderRadius = "4px"; s.background = "#fff8e6";
  s.border = "1px solid #e0c070"; s.color = "#2d3440"; s.font = "14px/1.4 system-ui, sans-serif";
  (canvas && canvas.parentElement ? canvas.parentElement : document.body).appendChild(note);
});
// clang-format on

namespace web {

namespace {

enum class State { Ok, Lost, RestorePending, Failed };
State g_state = State::Ok;
bool g_redraw = false;

EM_BOOL on_lost(int, const void*, void*) {
  g_state = State::Lost;
  gfx_context_lost();
  imgui_renderer_context_lost();
  js_show_context_note(1);
  return EM_TRUE;  // preventDefault: tells the browser we will handle a restore
}

EM_BOOL on_restored(int, const void*, void*) {
  if (g_state == State::Lost) g_state = State::RestorePending;
  return EM_TRUE;
}

}  // namespace

void gl_context_watch() {
  emscripten_set_webglcontextlost_callback("#canvas", nullptr, EM_FALSE, on_lost);
  emscripten_set_webglcontextrestored_callback("#canvas", nullptr, EM_FALSE, on_restored);
}

bool gl_context_ready() {
  if (g_state == State::RestorePending) {
    std::string err;
    if (!gfx_restore(err) || !imgui_renderer_init(err)) {
      g_state = State::Failed;
      page_fatal("The graphics context came back but the figures could not be rebuilt: " + err);
      return false;
    }
    g_state = State::Ok;
    g_redraw = true;
    js_show_context_note(0);
  }
  if (g_state != State::Ok) {
    frame_mark_skipped();
    return false;
  }
  return true;
}

bool gl_context_take_redraw() {
  const bool r = g_redraw;
  g_redraw = false;
  return r;
}

const char* gl_context_state() {
  switch (g_state) {
    case State::Ok: return "ok";
    case State::Lost:
    case State::RestorePending: return "lost";
    case State::Failed: return "failed";
  }
  return "failed";
}

}  // namespace web
