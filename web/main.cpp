// main.cpp: entry point of the page. Starts the app and hands its frame function to the
// browser's animation loop; everything else lives in app.cpp. While the WebGL context is lost
// the loop keeps running but the app does not (gl_context.hpp).
#include <emscripten.h>

#include "app.hpp"
#include "gl_context.hpp"

namespace {

void frame() {
  if (web::gl_context_ready()) web::app_frame();
}

}  // namespace

int main() {
  if (!web::app_init()) return 1;
  emscripten_set_main_loop(frame, 0, true);
  return 0;
}
