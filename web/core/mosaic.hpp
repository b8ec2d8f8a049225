// mosaic.hpp: lays equal-sized image tiles into one grid image with 1-cell gaps, for views that
// show many small images at once (filters, reconstructions, fantasy particles). UI-free.
#pragma once
#include <vector>

namespace web {

/// Size of a mosaic image in cells.
struct MosaicSize {
  int w = 0, h = 0;
};

/// tiles is (count, th, tw) row-major; the result `out` is (rows*(th+1)-1, cols*(tw+1)-1)
/// row-major with rows = ceil(count / cols), gaps and missing tiles filled with `gap`.
/// count >= 0, th, tw, cols >= 1.
MosaicSize mosaic(const float* tiles, int count, int th, int tw, int cols, float gap, std::vector<float>& out);

}  // namespace web
