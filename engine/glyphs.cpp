// glyphs.cpp: glyph rasterization with stb_truetype (see glyphs.hpp). The web app also links
// Dear ImGui's own copy of stb_truetype (imstb_truetype.h, built with STBTT_STATIC), so this
// file keeps its copy private twice over: STBTT_STATIC makes every function static, and the
// include sits in an anonymous namespace so even the struct names (stbtt_fontinfo, ...) are
// local to this file and cannot meet ImGui's in one program.
#include "glyphs.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdlib>
#include <cstring>

// stb_truetype includes the C headers it needs unless these are defined; defining them
// keeps every #include out of the anonymous namespace below.
#define STBTT_ifloor(x) (static_cast<int>(std::floor(x)))
#define STBTT_iceil(x) (static_cast<int>(std::ceil(x)))
#define STBTT_sqrt(x) std::sqrt(x)
#define STBTT_pow(x, y) std::pow(x, y)
#define STBTT_fmod(x, y) std::fmod(x, y)
#define STBTT_cos(x) std::cos(x)
#define STBTT_acos(x) std::acos(x)
#define STBTT_fabs(x) std::fabs(x)
#define STBTT_malloc(x, u) ((void)(u), std::malloc(x))
#define STBTT_free(x, u) ((void)(u), std::free(x))
#define STBTT_assert(x) assert(x)
#define STBTT_strlen(x) std::strlen(x)
#define STBTT_memcpy std::memcpy
#define STBTT_memset std::memset
#define STBTT_STATIC
#define STB_TRUETYPE_IMPLEMENTATION

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wimplicit-fallthrough"
#pragma GCC diagnostic ignored "-Wunused-variable"
#pragma GCC diagnostic ignored "-Wunused-but-set-variable"
#pragma GCC diagnostic ignored "-Wcast-qual"
namespace {
#include <stb/stb_truetype.h>
}  // namespace
#pragma GCC diagnostic pop

namespace ebm {

Result<Pattern> glyph_pattern(std::span<const unsigned char> ttf, uint32_t codepoint,
                              const GlyphOptions& options) {
  const GlyphOptions& o = options;
  if (o.size < 4 || o.size > 256) return Error{"glyph size must be in [4, 256]"};
  if (!(o.threshold >= 0.0f && o.threshold < 1.0f)) return Error{"threshold must be in [0, 1)"};
  if (!(o.margin >= 0.0f && o.margin < 0.45f)) return Error{"margin must be in [0, 0.45)"};
  // The smallest table directory is 12 bytes; anything shorter is not a font at all.
  if (ttf.size() < 12) return Error{"font data is too short to be a TrueType font"};
  stbtt_fontinfo font;
  const int offset = stbtt_GetFontOffsetForIndex(ttf.data(), 0);
  if (offset < 0 || !stbtt_InitFont(&font, ttf.data(), offset))
    return Error{"font data is not a TrueType font stb_truetype can read"};
  const int glyph = stbtt_FindGlyphIndex(&font, static_cast<int>(codepoint));
  if (glyph == 0) return Error{"the font has no glyph for U+" + std::to_string(codepoint)};

  const int size = o.size;
  Pattern out(static_cast<size_t>(size) * size, -1);
  int x0, y0, x1, y1;  // outline box in font units, y up
  if (!stbtt_GetGlyphBox(&font, glyph, &x0, &y0, &x1, &y1) || x1 <= x0 || y1 <= y0)
    return out;  // no outline: a blank pattern
  const float inner = static_cast<float>(size) * (1.0f - 2.0f * o.margin);
  const float scale = inner / static_cast<float>(std::max(x1 - x0, y1 - y0));
  // Pixel position of font point (gx, gy) is (gx scale + ox, -gy scale + oy); put the box
  // centre at size/2. The integer part moves the bitmap, the fraction is stb's subpixel shift.
  const float ox = 0.5f * size - 0.5f * (x0 + x1) * scale;
  const float oy = 0.5f * size + 0.5f * (y0 + y1) * scale;
  const float fx = std::floor(ox), fy = std::floor(oy);
  const float sx = ox - fx, sy = oy - fy;
  int ix0, iy0, ix1, iy1;
  stbtt_GetGlyphBitmapBoxSubpixel(&font, glyph, scale, scale, sx, sy, &ix0, &iy0, &ix1, &iy1);
  const int w = ix1 - ix0, h = iy1 - iy0;
  if (w <= 0 || h <= 0) return out;
  std::vector<unsigned char> bmp(static_cast<size_t>(w) * h, 0);
  stbtt_MakeGlyphBitmapSubpixel(&font, bmp.data(), w, h, w, scale, scale, sx, sy, glyph);
  const int cut = static_cast<int>(o.threshold * 255.0f);
  for (int v = 0; v < h; ++v) {
    const int r = iy0 + v + static_cast<int>(fy);
    if (r < 0 || r >= size) continue;
    for (int u = 0; u < w; ++u) {
      const int c = ix0 + u + static_cast<int>(fx);
      if (c < 0 || c >= size) continue;
      if (bmp[static_cast<size_t>(v) * w + u] > cut) out[static_cast<size_t>(r) * size + c] = 1;
    }
  }
  return out;
}

Result<std::vector<GlyphImage>> glyph_image_set(std::span<const unsigned char> regular_ttf,
                                                std::span<const unsigned char> bold_ttf,
                                                int size) {
  // Capitals and digits with shared strokes and the shared background (mean pairwise
  // overlap about 0.3): enough for Hebbian to merge them all, while the optimized rule can
  // pull most apart within 3 epochs. Bold strokes keep the correlation from growing larger.
  struct Spec {
    char c;
    bool bold;
  };
  static constexpr Spec kSpecs[12] = {{'A', false}, {'B', true}, {'C', true}, {'D', true},
                                      {'E', true},  {'H', true}, {'K', true}, {'M', true},
                                      {'X', true},  {'Z', true}, {'2', true}, {'7', true}};
  GlyphOptions opt;
  opt.size = size;
  std::vector<GlyphImage> out;
  for (const Spec& s : kSpecs) {
    auto p = glyph_pattern(s.bold ? bold_ttf : regular_ttf, static_cast<uint32_t>(s.c), opt);
    if (!p.ok()) return Error{p.error()};
    out.push_back({std::string(1, s.c), std::move(p.value())});
  }
  return out;
}

}  // namespace ebm
