// mosaic.cpp: see mosaic.hpp.
#include "mosaic.hpp"

#include <algorithm>

namespace web {

MosaicSize mosaic(const float* tiles, int count, int th, int tw, int cols, float gap, std::vector<float>& out) {
  cols = std::max(1, cols);
  const int rows = std::max(1, (count + cols - 1) / cols);
  const MosaicSize sz{cols * (tw + 1) - 1, rows * (th + 1) - 1};
  out.assign(static_cast<size_t>(sz.w) * sz.h, gap);
  for (int t = 0; t < count; ++t) {
    const int r0 = (t / cols) * (th + 1), c0 = (t % cols) * (tw + 1);
    for (int y = 0; y < th; ++y)
      std::copy_n(tiles + (static_cast<size_t>(t) * th + y) * tw, tw, out.begin() + static_cast<long>((r0 + y) * sz.w + c0));
  }
  return sz;
}

}  // namespace web
