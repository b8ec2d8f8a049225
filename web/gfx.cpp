// gfx.cpp: shader programs, the table of field textures (GL texture + CPU copy each) and the
// field-drawing ImGui callback (see gfx.hpp).
#include "gfx.hpp"

#include <GLES3/gl3.h>

#include <deque>
#include <vector>

#include "shaders.hpp"

namespace web {

namespace {

struct FieldProgram {
  GLuint program = 0, vao = 0;
  GLint u_values = -1, u_cells = -1, u_map = -1, u_range = -1, u_highlight = -1, u_pixels = -1,
        u_grid = -1;
} g_field;

// One queued draw; a deque keeps pointers stable while the frame's UI adds more.
struct FieldDraw {
  unsigned slot;  // FieldTexture::tex
  int cols, rows;
  ImVec2 p0, p1;
  FieldStyle style;
};
std::deque<FieldDraw> g_draws;

// One field texture. The CPU copy of its values is what a restored context is rebuilt from.
struct FieldSlot {
  GLuint gl = 0;              // GL texture name, 0 while none exists (or the context is lost)
  int cols = 0, rows = 0;     // shape of values
  bool sized = false;         // the GL texture has storage of that shape
  std::vector<float> values;  // the last upload, rows * cols row-major
  bool live = false;          // owned by a FieldTexture
};
// Never destroyed: a FieldTexture in a static object may outlive this file's statics.
std::vector<FieldSlot>& slots() {
  static auto* s = new std::vector<FieldSlot>();
  return *s;
}
bool g_lost = false;  // the context is lost: uploads only update the CPU copies

void release_slot(unsigned handle) {
  if (handle == 0) return;
  FieldSlot& s = slots()[handle - 1];
  if (s.gl && !g_lost) glDeleteTextures(1, &s.gl);
  s = FieldSlot{};
}

// Sends the slot's CPU copy to its GL texture, creating the texture or its storage as needed.
void upload_slot(FieldSlot& s) {
  if (!s.gl) {
    glGenTextures(1, &s.gl);
    glBindTexture(GL_TEXTURE_2D, s.gl);
    // R32F is not filterable in WebGL2: nearest sampling, and the shader uses texelFetch.
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    s.sized = false;
  }
  glBindTexture(GL_TEXTURE_2D, s.gl);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  if (!s.sized) {
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R32F, s.cols, s.rows, 0, GL_RED, GL_FLOAT, s.values.data());
    s.sized = true;
  } else {
    glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, s.cols, s.rows, GL_RED, GL_FLOAT, s.values.data());
  }
}

GLuint compile(GLenum type, const char* body, std::string& error) {
  // The files in shaders/ carry no #version line: it is chosen by the target (WebGL2 here).
  const char* sources[2] = {"#version 300 es\n", body};
  GLuint s = glCreateShader(type);
  glShaderSource(s, 2, sources, nullptr);
  glCompileShader(s);
  GLint ok = 0;
  glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    char log[1024];
    glGetShaderInfoLog(s, sizeof log, nullptr, log);
    error = std::string("shader compile failed: ") + log;
    glDeleteShader(s);
    return 0;
  }
  return s;
}

GLuint link(const char* vs_src, const char* fs_src, std::string& error) {
  GLuint vs = compile(GL_VERTEX_SHADER, vs_src, error);
  GLuint fs = vs ? compile(GL_FRAGMENT_SHADER, fs_src, error) : 0;
  if (!vs || !fs) return 0;
  GLuint p = glCreateProgram();
  glAttachShader(p, vs);
  glAttachShader(p, fs);
  glLinkProgram(p);
  glDeleteShader(vs);
  glDeleteShader(fs);
  GLint ok = 0;
  glGetProgramiv(p, GL_LINK_STATUS, &ok);
  if (!ok) {
    char log[1024];
    glGetProgramInfoLog(p, sizeof log, nullptr, log);
    error = std::string("shader link failed: ") + log;
    glDeleteProgram(p);
    return 0;
  }
  return p;
}

void field_callback(const ImDrawList*, const ImDrawCmd* cmd) {
  const auto* d = static_cast<const FieldDraw*>(cmd->UserCallbackData);
  const GLuint tex = slots()[d->slot - 1].gl;
  if (!tex) return;
  const ImDrawData* dd = ImGui::GetDrawData();
  const ImVec2 sc = dd->FramebufferScale, off = dd->DisplayPos;
  const float fb_h = dd->DisplaySize.y * sc.y;
  // ImGui's y grows downwards, GL's upwards from the bottom of the framebuffer.
  const int x = static_cast<int>((d->p0.x - off.x) * sc.x);
  const int y = static_cast<int>(fb_h - (d->p1.y - off.y) * sc.y);
  const int w = static_cast<int>((d->p1.x - d->p0.x) * sc.x);
  const int h = static_cast<int>((d->p1.y - d->p0.y) * sc.y);
  const ImVec4 clip = cmd->ClipRect;
  glEnable(GL_SCISSOR_TEST);
  glScissor(static_cast<int>((clip.x - off.x) * sc.x), static_cast<int>(fb_h - (clip.w - off.y) * sc.y),
            static_cast<int>((clip.z - clip.x) * sc.x), static_cast<int>((clip.w - clip.y) * sc.y));
  glViewport(x, y, w, h);
  glDisable(GL_BLEND);
  glUseProgram(g_field.program);
  glBindVertexArray(g_field.vao);
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, tex);
  glUniform1i(g_field.u_values, 0);
  glUniform2i(g_field.u_cells, d->cols, d->rows);
  glUniform1i(g_field.u_map, static_cast<int>(d->style.map));
  glUniform1f(g_field.u_range, d->style.range);
  glUniform1i(g_field.u_highlight, d->style.highlight);
  glUniform2f(g_field.u_pixels, static_cast<float>(w), static_cast<float>(h));
  glUniform1f(g_field.u_grid, d->style.grid ? 1.0f : 0.0f);
  glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
}

}  // namespace

unsigned gfx_build_program(const char* vertex_body, const char* fragment_body, std::string& error) {
  return link(vertex_body, fragment_body, error);
}

bool gfx_init(std::string& error) {
  g_field.program = link(kQuadVert, kFieldFrag, error);
  if (!g_field.program) return false;
  glGenVertexArrays(1, &g_field.vao);  // WebGL2 draws need a bound VAO, even an empty one
  auto loc = [](const char* n) { return glGetUniformLocation(g_field.program, n); };
  g_field.u_values = loc("u_values");
  g_field.u_cells = loc("u_cells");
  g_field.u_map = loc("u_map");
  g_field.u_range = loc("u_range");
  g_field.u_highlight = loc("u_highlight");
  g_field.u_pixels = loc("u_pixels");
  g_field.u_grid = loc("u_grid");
  return true;
}

void gfx_begin_frame() { g_draws.clear(); }

FieldTexture::FieldTexture(FieldTexture&& o) noexcept : tex(o.tex), cols(o.cols), rows(o.rows) {
  o.tex = 0;
  o.cols = o.rows = 0;
}

FieldTexture& FieldTexture::operator=(FieldTexture&& o) noexcept {
  if (this != &o) {
    release_slot(tex);
    tex = o.tex;
    cols = o.cols;
    rows = o.rows;
    o.tex = 0;
    o.cols = o.rows = 0;
  }
  return *this;
}

FieldTexture::~FieldTexture() { release_slot(tex); }

void field_upload(FieldTexture& t, const float* values, int cols, int rows) {
  if (cols <= 0 || rows <= 0) return;
  std::vector<FieldSlot>& all = slots();
  if (!t.tex) {
    size_t i = 0;
    while (i < all.size() && all[i].live) ++i;
    if (i == all.size()) all.emplace_back();
    all[i].live = true;
    t.tex = static_cast<unsigned>(i + 1);
  }
  FieldSlot& s = all[t.tex - 1];
  if (s.cols != cols || s.rows != rows) s.sized = false;
  s.cols = t.cols = cols;
  s.rows = t.rows = rows;
  s.values.assign(values, values + static_cast<size_t>(cols) * rows);
  if (!g_lost) upload_slot(s);
}

void draw_field(ImDrawList* dl, const FieldTexture& t, ImVec2 p0, ImVec2 p1, const FieldStyle& style) {
  if (!t.tex || t.cols <= 0 || t.rows <= 0 || p1.x <= p0.x || p1.y <= p0.y) return;
  g_draws.push_back(FieldDraw{t.tex, t.cols, t.rows, p0, p1, style});
  dl->AddCallback(field_callback, &g_draws.back());
  dl->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

void gfx_context_lost() {
  g_lost = true;
  g_field.program = g_field.vao = 0;
  for (FieldSlot& s : slots()) s.gl = 0;
}

bool gfx_restore(std::string& error) {
  g_lost = false;
  if (!gfx_init(error)) return false;
  for (FieldSlot& s : slots())
    if (s.live) upload_slot(s);
  return true;
}

}  // namespace web
