// embed.cpp: visibility and size reporting for figures (see embed.hpp). The JavaScript halves
// sit beside the C++ state they feed, as in assets.cpp.
#include "embed.hpp"

#include <emscripten.h>

#include <cmath>

namespace web {
namespace {
struct EmbedState {
  bool visible = true;        // until an observer says otherwise
  bool woke = false;          // became visible since the last embed_take_woke()
  bool seen = false;          // has been visible at least once
  bool first_taken = false;   // embed_take_first_visible() already answered true
  float reported_px = -1.0f;  // last height told to the parent
};
EmbedState g_embed;
}  // namespace
}  // namespace web

// clang-format off
EM_JS(void, js_embed_init, (), {
  let inView = true;
  const tell = () => _ebm_set_visible(inView && !document.hidden ? 1 : 0);
  if (typeof IntersectionObserver === "function" && Module.canvas) {
    // Inside an iframe the implicit root is the top-level viewport: scrolling the post moves
    // the figure in and out of view.
    new IntersectionObserver((entries) => {
      inView = entries[entries.length - 1].isIntersecting; tell();
    }, { threshold: 0 }).observe(Module.canvas);
  }
  document.addEventListener("visibilitychange", tell);
  // The parent's embed.js may load after the figure reported: it asks, the figure answers.
  window.addEventListener("message", (e) => {
    if (e.source === window.parent && e.data && e.data.type === "ebm-figure-size-request" &&
        Module.ebmFigureHeight > 0)
      window.parent.postMessage({ type: "ebm-figure-size", height: Module.ebmFigureHeight }, "*");
  });
  tell();
});
EM_JS(void, js_embed_report_height, (int px), {
  Module.ebmFigureHeight = px;
  if (window.parent !== window) window.parent.postMessage({ type: "ebm-figure-size", height: px }, "*");
});
// clang-format on

extern "C" {
/// Called by the page's observers: 1 when the figure is on screen in a visible tab, else 0.
EMSCRIPTEN_KEEPALIVE void ebm_set_visible(int visible) {
  web::EmbedState& s = web::g_embed;
  const bool v = visible != 0;
  if (v && !s.visible) s.woke = true;
  if (v) s.seen = true;
  s.visible = v;
}
}

namespace web {

void embed_init() { js_embed_init(); }

bool embed_visible() { return g_embed.visible; }

bool embed_take_woke() {
  const bool w = g_embed.woke;
  g_embed.woke = false;
  return w;
}

bool embed_take_first_visible() {
  if (g_embed.first_taken || !g_embed.seen || !g_embed.visible) return false;
  g_embed.first_taken = true;
  return true;
}

void embed_report_height(float css_px) {
  if (!(css_px >= 0.0f)) return;
  const float px = std::ceil(css_px);
  if (std::fabs(px - g_embed.reported_px) < 1.0f) return;
  g_embed.reported_px = px;
  js_embed_report_height(static_cast<int>(px));
}

}  // namespace web
