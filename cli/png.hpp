// png.hpp: the CLI's figure writer: a grid of grayscale tiles (patterns, reconstructions,
// filters), each scaled up by whole pixels, with optional column titles, row titles,
// captions and coloured frames, saved as an RGB PNG (stb_image_write). Shared by every
// `ebm` subcommand; knows nothing about models. Not a plotting library: no axes or curves.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace cli {

/// One image in the grid.
struct Tile {
  int rows = 0;                 // height in source pixels
  int cols = 0;                 // width in source pixels
  std::vector<float> gray{};    // (rows, cols) row-major, 0 = black .. 1 = white (clamped)
  std::string caption{};        // optional text under the tile
  uint32_t frame = 0;           // frame colour 0xRRGGBB around the tile; 0 = no frame
};

/// A {-1,+1} state as a tile: +1 (ink, "on") is black, -1 is white.
Tile tile_from_signs(std::span<const int8_t> s, int rows, int cols);

/// Values in [0, 1] (probabilities, pixel intensities) as a tile: 1 is black, 0 white.
Tile tile_from_ink(std::span<const float> v, int rows, int cols);

/// Frame colours for marking tiles.
inline constexpr uint32_t kFrameGood = 0x2E9E44;  // green: recalled
inline constexpr uint32_t kFrameBad = 0xD03030;   // red: not recalled

/// A grid figure. Tiles fill rows left to right, `columns` per row; the cell size is that
/// of the largest tile. Titles and captions are drawn with the embedded Roboto font.
struct Grid {
  int columns = 1;                           // tiles per row
  int scale = 8;                             // output pixels per source pixel (>= 1)
  int gap = 10;                              // pixels between cells
  std::string title{};                       // optional line above everything
  std::vector<std::string> column_titles{};  // optional text above each column
  std::vector<std::string> row_titles{};     // optional text left of each row
  std::vector<Tile> tiles{};                 // the images
};

/// Renders the grid and writes it to `path`. Returns an empty string on success, else a
/// message (an unwritable path, an empty grid).
std::string write_grid_png(const std::string& path, const Grid& grid);

}  // namespace cli
