// page_api.cpp: EM_JS bridges and EMSCRIPTEN_KEEPALIVE exports (see page_api.hpp).
#include "page_api.hpp"

#include <emscripten.h>

#include <cstdlib>

#include "app.hpp"

// clang-format off
EM_JS(char*, js_url_query, (), {
  return allocateUTF8(window.location.search || "");
});
EM_JS(void, js_set_url_query, (const char* q), {
  const s = UTF8ToString(q);
  try { history.replaceState(null, "", s.length ? "?" + s : window.location.pathname); } catch (e) {}
});
EM_JS(void, js_page_ready, (), {
  if (typeof window.ebmPageReady === "function") window.ebmPageReady();
});
EM_JS(void, js_page_fatal, (const char* m), {
  if (typeof window.ebmPageFatal === "function") window.ebmPageFatal(UTF8ToString(m));
});
EM_JS(void, js_set_unsaved, (int u), {
  window.ebmUnsaved = !!u;
});
EM_JS(void, js_copy_link, (const char* q), {
  const s = UTF8ToString(q);
  const url = window.location.origin + window.location.pathname + (s.length ? "?" + s : "");
  window.ebmLastCopiedLink = url;
  if (navigator.clipboard) navigator.clipboard.writeText(url).catch(() => {});
});
EM_JS(void, js_open_full, (const char* q), {
  const s = UTF8ToString(q);
  const url = window.location.origin + window.location.pathname + (s.length ? "?" + s : "");
  window.ebmLastOpenedLink = url;
  window.open(url, "_blank", "noopener");
});
// clang-format on

namespace web {

std::string page_url_query() {
  char* s = js_url_query();
  std::string out = s ? s : "";
  std::free(s);
  return out;
}
void page_set_url_query(const std::string& query) { js_set_url_query(query.c_str()); }
void page_ready() { js_page_ready(); }
void page_fatal(const std::string& message) { js_page_fatal(message.c_str()); }
void page_set_unsaved(bool unsaved) { js_set_unsaved(unsaved ? 1 : 0); }
void page_copy_link(const std::string& query) { js_copy_link(query.c_str()); }
void page_open_full(const std::string& query) { js_open_full(query.c_str()); }

}  // namespace web

extern "C" {

/// JSON snapshot of the app: active scene, its state, control rectangles, frame statistics.
/// The returned string stays valid until the next call.
EMSCRIPTEN_KEEPALIVE const char* ebm_query() {
  static std::string s;
  s = web::app_query();
  return s.c_str();
}

/// Runs a named command on the active scene ("play", "pause", "step", "reset", ...).
/// Returns 1 if the scene knew the command.
EMSCRIPTEN_KEEPALIVE int ebm_command(const char* name) { return web::app_command(name ? name : "") ? 1 : 0; }

}  // extern "C"
