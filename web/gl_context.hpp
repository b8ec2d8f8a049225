// gl_context.hpp: surviving a lost WebGL context. On webglcontextlost the page pauses (no
// step, no drawing) and says so over the canvas; on webglcontextrestored the GL objects (ImGui's
// renderer and font atlas, the field programs and textures) are built again before the next
// frame, and everything else (models, plots, UI state) simply carries on: it never lived in GL.
#pragma once

namespace web {

/// Listens for webglcontextlost / webglcontextrestored on the page's canvas.
void gl_context_watch();

/// Called at the top of every animation frame: false while the context is lost (skip the
/// frame); after a restore, rebuilds the GL objects first. A failed rebuild is a fatal page error.
bool gl_context_ready();

/// True once after a restore: the app must draw the next frame even if nothing moves.
bool gl_context_take_redraw();

/// "ok", "lost" or "failed" (for ebm_query()).
const char* gl_context_state();

}  // namespace web
