// main.cpp: entry point of the page. Starts the app and hands its frame function to the
// browser's animation loop; everything else lives in app.cpp.
#include <emscripten.h>

#include "app.hpp"

int main() {
  if (!web::app_init()) return 1;
  emscripten_set_main_loop(web::app_frame, 0, true);
  return 0;
}
