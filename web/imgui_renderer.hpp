// imgui_renderer.hpp: draws Dear ImGui's draw lists with WebGL2 (GL ES 3) for this page, in
// place of imgui_impl_opengl3's RenderDrawData. That backend (1.86) reads about 20 pieces of GL
// state back every frame to restore them afterwards; in a browser each read is a synchronous
// round trip to the GPU process. This renderer reads nothing back: it sets all the state it
// draws with, keeps one VAO and one pair of buffers for the page's life, and can rebuild them
// after a lost context. It is not a general backend: one context, one viewport, GL ES 3 only.
#pragma once
#include <string>

#include "imgui.h"

namespace web {

/// Builds the program, buffers, VAO and the font atlas texture. False with a message if the
/// shaders do not build.
bool imgui_renderer_init(std::string& error);

/// Uploads ImGui's font atlas again (after fonts were rebuilt, e.g. for a new devicePixelRatio).
void imgui_renderer_upload_fonts();

/// Clears the framebuffer to `clear` and draws dd (ImGui::GetDrawData() after ImGui::Render()),
/// running user callbacks in order. Leaves blending and the scissor test enabled: code that
/// draws with GL sets the state it needs (gfx's field callback does).
void imgui_renderer_draw(const ImDrawData* dd, ImVec4 clear);

/// The WebGL context was lost: every GL object is gone; forget their names
/// (imgui_renderer_init builds them again once the context is restored).
void imgui_renderer_context_lost();

}  // namespace web
