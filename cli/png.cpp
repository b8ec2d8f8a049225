// png.cpp: grid figures as PNG (see png.hpp). stb_image_write and stb_truetype are compiled
// here with their STATIC options, so every symbol is private to this file: other CLI files
// reuse this helper rather than defining the implementations again.
#include "png.hpp"

#include <algorithm>
#include <cmath>

#include "fonts.hpp"

#define STB_IMAGE_WRITE_STATIC
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STBTT_STATIC
#define STB_TRUETYPE_IMPLEMENTATION
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wimplicit-fallthrough"
#include <stb/stb_image_write.h>
#include <stb/stb_truetype.h>
#pragma GCC diagnostic pop

namespace cli {

Tile tile_from_signs(std::span<const int8_t> s, int rows, int cols) {
  Tile t{.rows = rows, .cols = cols};
  t.gray.resize(s.size());
  for (size_t i = 0; i < s.size(); ++i) t.gray[i] = s[i] > 0 ? 0.0f : 1.0f;
  return t;
}

Tile tile_from_ink(std::span<const float> v, int rows, int cols) {
  Tile t{.rows = rows, .cols = cols};
  t.gray.resize(v.size());
  for (size_t i = 0; i < v.size(); ++i) t.gray[i] = 1.0f - v[i];
  return t;
}

namespace {

constexpr int kTextPx = 16;     // font pixel height of all text
constexpr int kLineH = 22;      // height reserved per text line
constexpr int kFrame = 3;       // frame width around a tile, pixels

struct Canvas {
  int w = 0, h = 0;
  std::vector<unsigned char> rgb;  // (h, w, 3)
  void put(int x, int y, uint32_t color, float alpha = 1.0f) {
    if (x < 0 || y < 0 || x >= w || y >= h) return;
    unsigned char* p = &rgb[(static_cast<size_t>(y) * w + x) * 3];
    const float c[3] = {static_cast<float>((color >> 16) & 255), static_cast<float>((color >> 8) & 255),
                        static_cast<float>(color & 255)};
    for (int k = 0; k < 3; ++k) p[k] = static_cast<unsigned char>(std::lround(p[k] + alpha * (c[k] - p[k])));
  }
  void fill(int x0, int y0, int ww, int hh, uint32_t color) {
    for (int y = y0; y < y0 + hh; ++y)
      for (int x = x0; x < x0 + ww; ++x) put(x, y, color);
  }
};

// UTF-8 to code points; malformed bytes become '?'.
std::vector<int> decode_utf8(const std::string& s) {
  std::vector<int> out;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) {
      out.push_back('?');
      ++i;
      continue;
    }
    int cp = len == 1 ? c : c & (0x7F >> len);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += len;
  }
  return out;
}

class TextPainter {
 public:
  TextPainter() {
    ok_ = stbtt_InitFont(&font_, kRobotoRegularTtf, 0) != 0;
    if (!ok_) return;
    scale_ = stbtt_ScaleForPixelHeight(&font_, kTextPx);
    int descent, gap;
    stbtt_GetFontVMetrics(&font_, &ascent_, &descent, &gap);
  }
  int width(const std::string& s) const {
    if (!ok_) return 0;
    float x = 0;
    for (int cp : decode_utf8(s)) {
      int adv, lsb;
      stbtt_GetCodepointHMetrics(&font_, cp, &adv, &lsb);
      x += adv * scale_;
    }
    return static_cast<int>(std::ceil(x));
  }
  // Draws s with its line box's top-left at (x, y), in black.
  void draw(Canvas& cv, int x, int y, const std::string& s) const {
    if (!ok_) return;
    const int baseline = y + static_cast<int>(std::lround(ascent_ * scale_)) + (kLineH - kTextPx) / 2;
    float pen = static_cast<float>(x);
    for (int cp : decode_utf8(s)) {
      int adv, lsb, x0, y0, x1, y1;
      stbtt_GetCodepointHMetrics(&font_, cp, &adv, &lsb);
      const float shift = pen - std::floor(pen);
      stbtt_GetCodepointBitmapBoxSubpixel(&font_, cp, scale_, scale_, shift, 0, &x0, &y0, &x1, &y1);
      const int gw = x1 - x0, gh = y1 - y0;
      if (gw > 0 && gh > 0) {
        std::vector<unsigned char> bmp(static_cast<size_t>(gw) * gh);
        stbtt_MakeCodepointBitmapSubpixel(&font_, bmp.data(), gw, gh, gw, scale_, scale_, shift, 0, cp);
        for (int v = 0; v < gh; ++v)
          for (int u = 0; u < gw; ++u)
            if (const unsigned char a = bmp[static_cast<size_t>(v) * gw + u])
              cv.put(static_cast<int>(std::floor(pen)) + x0 + u, baseline + y0 + v, 0x000000, a / 255.0f);
      }
      pen += adv * scale_;
    }
  }

 private:
  stbtt_fontinfo font_{};
  bool ok_ = false;
  float scale_ = 1;
  int ascent_ = 0;
};

}  // namespace

std::string write_grid_png(const std::string& path, const Grid& g) {
  if (g.tiles.empty()) return "nothing to draw: the grid has no tiles";
  if (g.columns < 1 || g.scale < 1 || g.gap < 0) return "grid needs columns >= 1, scale >= 1, gap >= 0";
  const TextPainter text;
  int max_r = 1, max_c = 1;
  bool captions = false;
  for (const Tile& t : g.tiles) {
    if (static_cast<int>(t.gray.size()) != t.rows * t.cols) return "a tile's pixel count is not rows x cols";
    max_r = std::max(max_r, t.rows);
    max_c = std::max(max_c, t.cols);
    captions |= !t.caption.empty();
  }
  const int columns = g.columns;
  const int rows = (static_cast<int>(g.tiles.size()) + columns - 1) / columns;
  const int cell_w = max_c * g.scale + 2 * kFrame, cell_h = max_r * g.scale + 2 * kFrame;
  const int cap_h = captions ? kLineH : 0;
  const int title_h = g.title.empty() ? 0 : kLineH + 4;
  const int head_h = g.column_titles.empty() ? 0 : kLineH;
  int left = 0;
  for (const auto& s : g.row_titles) left = std::max(left, text.width(s) + g.gap);
  // Column titles wider than a cell widen the cells' spacing instead of overlapping.
  int col_w = cell_w;
  for (const auto& s : g.column_titles) col_w = std::max(col_w, text.width(s) + 4);

  Canvas cv;
  cv.w = g.gap + left + columns * (col_w + g.gap);
  cv.h = g.gap + title_h + head_h + rows * (cell_h + cap_h + g.gap);
  cv.rgb.assign(static_cast<size_t>(cv.w) * cv.h * 3, 255);
  if (!g.title.empty()) text.draw(cv, g.gap, g.gap, g.title);
  const int top = g.gap + title_h;
  for (int c = 0; c < columns && c < static_cast<int>(g.column_titles.size()); ++c) {
    const int x = g.gap + left + c * (col_w + g.gap);
    text.draw(cv, x + (col_w - text.width(g.column_titles[c])) / 2, top, g.column_titles[c]);
  }
  for (int r = 0; r < rows && r < static_cast<int>(g.row_titles.size()); ++r) {
    const int y = top + head_h + r * (cell_h + cap_h + g.gap) + (cell_h - kLineH) / 2;
    text.draw(cv, g.gap, y, g.row_titles[r]);
  }
  for (size_t k = 0; k < g.tiles.size(); ++k) {
    const Tile& t = g.tiles[k];
    const int r = static_cast<int>(k) / columns, c = static_cast<int>(k) % columns;
    const int cx = g.gap + left + c * (col_w + g.gap) + (col_w - cell_w) / 2;
    const int cy = top + head_h + r * (cell_h + cap_h + g.gap);
    // Centre a smaller tile in its cell.
    const int tx = cx + kFrame + (max_c - t.cols) * g.scale / 2;
    const int ty = cy + kFrame + (max_r - t.rows) * g.scale / 2;
    if (t.frame) cv.fill(tx - kFrame, ty - kFrame, t.cols * g.scale + 2 * kFrame, t.rows * g.scale + 2 * kFrame, t.frame);
    else  // a thin grey outline so white tiles stay visible on the white page
      cv.fill(tx - 1, ty - 1, t.cols * g.scale + 2, t.rows * g.scale + 2, 0xB0B0B0);
    for (int i = 0; i < t.rows; ++i)
      for (int j = 0; j < t.cols; ++j) {
        const float v = std::clamp(t.gray[static_cast<size_t>(i) * t.cols + j], 0.0f, 1.0f);
        const auto lv = static_cast<uint32_t>(std::lround(v * 255.0f));
        cv.fill(tx + j * g.scale, ty + i * g.scale, g.scale, g.scale, (lv << 16) | (lv << 8) | lv);
      }
    if (!t.caption.empty()) text.draw(cv, cx + (cell_w - text.width(t.caption)) / 2, cy + cell_h, t.caption);
  }
  if (!stbi_write_png(path.c_str(), cv.w, cv.h, 3, cv.rgb.data(), cv.w * 3))
    return "could not write " + path;
  return {};
}

}  // namespace cli
