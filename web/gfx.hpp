// gfx.hpp: the GL side of figures: shader programs built from shaders/*.{vert,frag}
// (embedded at build time, "#version 300 es" prepended here) and value fields drawn through a
// colour-map shader inside ImGui windows. Reads engine data as plain arrays; owns no model.
// Every field keeps a CPU copy of its values, so a lost WebGL context is rebuilt without the
// scenes' help (gfx_restore). Nothing here reads GL state back: callers set what they use.
#pragma once
#include <string>

#include "imgui.h"

namespace web {

enum class ColorMap : int {
  Spins = 0,       // -1 paper .. +1 ink (Hopfield states)
  Diverging = 1,   // -range blue .. 0 white .. +range red (weights)
  Sequential = 2,  // 0 white .. 1 deep blue (probabilities, pixel intensities)
};

/// A (cols x rows) float field on the GPU: one R32F texel per cell, row 0 at the top.
/// Move-only: it owns a slot in gfx's table (GL texture + CPU copy), freed on destruction.
struct FieldTexture {
  unsigned tex = 0;        // slot handle in gfx's table, 0 before the first upload
  int cols = 0, rows = 0;  // size of the last upload

  FieldTexture() = default;
  FieldTexture(FieldTexture&& o) noexcept;
  FieldTexture& operator=(FieldTexture&& o) noexcept;
  FieldTexture(const FieldTexture&) = delete;
  FieldTexture& operator=(const FieldTexture&) = delete;
  ~FieldTexture();
};

/// How a field is drawn.
struct FieldStyle {
  ColorMap map = ColorMap::Spins;
  float range = 1.0f;    // |value| that saturates the diverging map
  int highlight = -1;    // cell index row*cols+col outlined in orange, -1 for none
  bool grid = true;      // thin cell borders when cells are at least 8 device pixels
};

/// Compiles and links a program from two shader bodies (no #version line: "#version 300 es"
/// is prepended). Returns the GL program, or 0 with a message in error.
unsigned gfx_build_program(const char* vertex_body, const char* fragment_body, std::string& error);

/// Compiles the programs. False with a message if the GL driver rejects them.
bool gfx_init(std::string& error);

/// Frees last frame's draw records; call once per frame before building the UI.
void gfx_begin_frame();

/// Uploads values[rows * cols] (row-major) into t, (re)allocating when the size changes.
void field_upload(FieldTexture& t, const float* values, int cols, int rows);

/// Queues a draw of t into the screen rectangle [p0, p1] of draw list dl (clipped like any
/// ImGui item); the shader runs when ImGui renders the frame.
void draw_field(ImDrawList* dl, const FieldTexture& t, ImVec2 p0, ImVec2 p1, const FieldStyle& style);

/// The WebGL context was lost: every GL object is gone; forget their names.
void gfx_context_lost();

/// The context is back: rebuilds the programs and re-uploads every live field from its CPU
/// copy. False with a message if the programs no longer build.
bool gfx_restore(std::string& error);

}  // namespace web
