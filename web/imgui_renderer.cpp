// imgui_renderer.cpp: ImGui draw lists -> WebGL2 draw calls (see imgui_renderer.hpp). Follows
// imgui_impl_opengl3.cpp (1.86) step for step (same shaders, blend function, scissor and
// projection), minus the per-frame state backup and restore and the per-frame VAO.
#include "imgui_renderer.hpp"

#include <GLES3/gl3.h>

#include <cstddef>
#include <cstdint>

#include "gfx.hpp"
#include "shaders.hpp"

namespace web {

namespace {

struct Renderer {
  GLuint program = 0, vao = 0, vbo = 0, ibo = 0, font = 0;
  GLint u_tex = -1, u_proj = -1, u_white = -1;
  GLsizeiptr vbo_size = 0, ibo_size = 0;  // bytes allocated in vbo / ibo
} g;

// Everything ImGui's triangles need, set from scratch (at the start and after a user callback
// asked for ImDrawCallback_ResetRenderState). ImGui space is DisplayPos..DisplayPos+DisplaySize,
// y down; the projection maps it to clip space, y up.
void setup_state(const ImDrawData* dd, int fb_w, int fb_h) {
  glEnable(GL_BLEND);
  glBlendEquation(GL_FUNC_ADD);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  glDisable(GL_CULL_FACE);
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_STENCIL_TEST);
  glEnable(GL_SCISSOR_TEST);
  glViewport(0, 0, fb_w, fb_h);
  const float l = dd->DisplayPos.x, r = dd->DisplayPos.x + dd->DisplaySize.x;
  const float t = dd->DisplayPos.y, b = dd->DisplayPos.y + dd->DisplaySize.y;
  const float proj[4][4] = {
      {2.0f / (r - l), 0.0f, 0.0f, 0.0f},
      {0.0f, 2.0f / (t - b), 0.0f, 0.0f},
      {0.0f, 0.0f, -1.0f, 0.0f},
      {(r + l) / (l - r), (t + b) / (b - t), 0.0f, 1.0f},
  };
  glUseProgram(g.program);
  glUniform1i(g.u_tex, 0);
  glUniformMatrix4fv(g.u_proj, 1, GL_FALSE, &proj[0][0]);
  glActiveTexture(GL_TEXTURE0);
  glBindVertexArray(g.vao);  // holds the attribute layout and the index buffer binding
  glBindBuffer(GL_ARRAY_BUFFER, g.vbo);
}

}  // namespace

bool imgui_renderer_init(std::string& error) {
  g = Renderer{};
  g.program = gfx_build_program(kImguiVert, kImguiFrag, error);
  if (!g.program) {
    error = "ImGui's shaders: " + error;
    return false;
  }
  g.u_tex = glGetUniformLocation(g.program, "Texture");
  g.u_proj = glGetUniformLocation(g.program, "ProjMtx");
  g.u_white = glGetUniformLocation(g.program, "WhiteUV");
  glGenBuffers(1, &g.vbo);
  glGenBuffers(1, &g.ibo);
  glGenVertexArrays(1, &g.vao);
  glBindVertexArray(g.vao);
  glBindBuffer(GL_ARRAY_BUFFER, g.vbo);
  glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, g.ibo);
  // Locations 0, 1, 2 are fixed by layout qualifiers in shaders/imgui.vert.
  glEnableVertexAttribArray(0);
  glEnableVertexAttribArray(1);
  glEnableVertexAttribArray(2);
  const auto stride = static_cast<GLsizei>(sizeof(ImDrawVert));
  glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offsetof(ImDrawVert, pos)));
  glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<void*>(offsetof(ImDrawVert, uv)));
  glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, reinterpret_cast<void*>(offsetof(ImDrawVert, col)));
  glBindVertexArray(0);
  ImGuiIO& io = ImGui::GetIO();
  io.BackendRendererName = "ebm_webgl2";
  imgui_renderer_upload_fonts();
  return true;
}

void imgui_renderer_upload_fonts() {
  ImGuiIO& io = ImGui::GetIO();
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  // RGBA like imgui_impl_opengl3 (the shader multiplies by the texel), linear filtering.
  io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  if (!g.font) glGenTextures(1, &g.font);
  glBindTexture(GL_TEXTURE_2D, g.font);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
  io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(g.font)));
}

void imgui_renderer_draw(const ImDrawData* dd, ImVec4 clear) {
  const int fb_w = static_cast<int>(dd->DisplaySize.x * dd->FramebufferScale.x);
  const int fb_h = static_cast<int>(dd->DisplaySize.y * dd->FramebufferScale.y);
  if (fb_w <= 0 || fb_h <= 0 || !g.program) return;
  glDisable(GL_SCISSOR_TEST);  // glClear honours the scissor box the last frame left
  glViewport(0, 0, fb_w, fb_h);
  glClearColor(clear.x, clear.y, clear.z, clear.w);
  glClear(GL_COLOR_BUFFER_BIT);
  setup_state(dd, fb_w, fb_h);

  const ImVec2 clip_off = dd->DisplayPos, clip_scale = dd->FramebufferScale;
  GLuint bound = 0;  // texture bound to unit 0 by this loop (0: unknown, bind before drawing)
  for (int n = 0; n < dd->CmdListsCount; ++n) {
    const ImDrawList* list = dd->CmdLists[n];
    const auto vtx_bytes = static_cast<GLsizeiptr>(list->VtxBuffer.Size * sizeof(ImDrawVert));
    const auto idx_bytes = static_cast<GLsizeiptr>(list->IdxBuffer.Size * sizeof(ImDrawIdx));
    // Grow-only buffers, refilled with glBufferSubData like the backend does.
    if (g.vbo_size < vtx_bytes) {
      g.vbo_size = vtx_bytes;
      glBufferData(GL_ARRAY_BUFFER, g.vbo_size, nullptr, GL_STREAM_DRAW);
    }
    if (g.ibo_size < idx_bytes) {
      g.ibo_size = idx_bytes;
      glBufferData(GL_ELEMENT_ARRAY_BUFFER, g.ibo_size, nullptr, GL_STREAM_DRAW);
    }
    glBufferSubData(GL_ARRAY_BUFFER, 0, vtx_bytes, list->VtxBuffer.Data);
    glBufferSubData(GL_ELEMENT_ARRAY_BUFFER, 0, idx_bytes, list->IdxBuffer.Data);

    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback) {
        if (cmd.UserCallback == ImDrawCallback_ResetRenderState) setup_state(dd, fb_w, fb_h);
        else cmd.UserCallback(list, &cmd);
        bound = 0;
        continue;
      }
      // Clip rectangle in framebuffer pixels; GL's y runs up from the bottom.
      const ImVec2 lo((cmd.ClipRect.x - clip_off.x) * clip_scale.x, (cmd.ClipRect.y - clip_off.y) * clip_scale.y);
      const ImVec2 hi((cmd.ClipRect.z - clip_off.x) * clip_scale.x, (cmd.ClipRect.w - clip_off.y) * clip_scale.y);
      if (hi.x <= lo.x || hi.y <= lo.y) continue;
      glScissor(static_cast<int>(lo.x), static_cast<int>(fb_h - hi.y), static_cast<int>(hi.x - lo.x),
                static_cast<int>(hi.y - lo.y));
      const auto tex = static_cast<GLuint>(reinterpret_cast<intptr_t>(cmd.GetTexID()));
      if (tex != bound) {
        glBindTexture(GL_TEXTURE_2D, tex);
        bound = tex;
        // Only the font atlas has ImGui's white pixel; other textures never skip sampling.
        const ImVec2 w = tex == g.font ? ImGui::GetIO().Fonts->TexUvWhitePixel : ImVec2(-1, -1);
        glUniform2f(g.u_white, w.x, w.y);
      }
      glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(cmd.ElemCount),
                     sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT,
                     reinterpret_cast<void*>(static_cast<intptr_t>(cmd.IdxOffset * sizeof(ImDrawIdx))));
    }
  }
}

void imgui_renderer_context_lost() {
  g = Renderer{};
  ImGui::GetIO().Fonts->SetTexID(nullptr);
}

}  // namespace web
