// test_glyphs.cpp: glyph rasterization from the embedded font bytes (glyphs.hpp): shape,
// centring, errors for bad input, and the 12-image set.
#include <doctest/doctest.h>

#include <cstdio>

#include "fonts.hpp"
#include "glyphs.hpp"

using namespace ebm;

namespace {
const std::span<const unsigned char> kRegular{kRobotoRegularTtf, kRobotoRegularTtf_size};
const std::span<const unsigned char> kBold{kDejaVuSansBoldTtf, kDejaVuSansBoldTtf_size};

// Centre of ink mass in units, (row, col).
std::pair<double, double> ink_centre(const Pattern& p, int size) {
  double r = 0, c = 0;
  int count = 0;
  for (int i = 0; i < size; ++i)
    for (int j = 0; j < size; ++j)
      if (p[i * size + j] > 0) {
        r += i;
        c += j;
        ++count;
      }
  return {r / count, c / count};
}
}  // namespace

TEST_CASE("glyphs: a letter is size x size, +-1, centred, within the margin") {
  for (int size : {16, 32, 48}) {
    auto o = glyph_pattern(kBold, 'O', {.size = size});
    REQUIRE(o.ok());
    const Pattern& p = o.value();
    REQUIRE(p.size() == static_cast<size_t>(size * size));
    int ink = 0;
    for (int8_t v : p) {
      REQUIRE((v == 1 || v == -1));
      ink += v > 0;
    }
    CHECK(ink > size * size / 10);
    CHECK(ink < size * size / 2);
    // 'O' is symmetric: its ink centre is the grid centre (within a unit).
    auto [r, c] = ink_centre(p, size);
    std::printf("glyph O at %d: ink %d units, centre (%.2f, %.2f)\n", size, ink, r, c);
    CHECK(r == doctest::Approx((size - 1) / 2.0).epsilon(1.0 / size));
    CHECK(c == doctest::Approx((size - 1) / 2.0).epsilon(1.0 / size));
    // The default margin (1/16 per side) keeps the border rows and columns empty.
    for (int i = 0; i < size; ++i) {
      CHECK(p[i] == -1);
      CHECK(p[i * size] == -1);
    }
    // The taller side fills the inner box: ink touches row margin and row size-1-margin.
    bool top = false;
    const int m = size / 16;
    for (int j = 0; j < size; ++j) top |= p[(m + 1) * size + j] > 0;
    CHECK(top);
  }
}

TEST_CASE("glyphs: threshold, blank glyphs and user errors") {
  auto thin = glyph_pattern(kRegular, 'B', {.threshold = 0.9f});
  auto thick = glyph_pattern(kRegular, 'B', {.threshold = 0.1f});
  REQUIRE(thin.ok());
  REQUIRE(thick.ok());
  int a = 0, b = 0;
  for (size_t i = 0; i < thin.value().size(); ++i) {
    a += thin.value()[i] > 0;
    b += thick.value()[i] > 0;
    REQUIRE((thin.value()[i] < 0 || thick.value()[i] > 0));  // thin ink is inside thick ink
  }
  CHECK(a < b);
  auto space = glyph_pattern(kRegular, ' ');
  REQUIRE(space.ok());
  CHECK(space.value() == Pattern(32 * 32, -1));
  const unsigned char junk[64] = {1, 2, 3};
  CHECK_FALSE(glyph_pattern(junk, 'A').ok());
  CHECK_FALSE(glyph_pattern({junk, 4}, 'A').ok());
  CHECK_FALSE(glyph_pattern(kRegular, 0x10FFFF).ok());  // no such glyph
  CHECK_FALSE(glyph_pattern(kRegular, 'A', {.size = 2}).ok());
  CHECK_FALSE(glyph_pattern(kRegular, 'A', {.threshold = 1.5f}).ok());
}

TEST_CASE("glyphs: the 12-image set is 12 distinct, correlated 32x32 patterns") {
  auto set = glyph_image_set(kRegular, kBold);
  REQUIRE(set.ok());
  const auto& imgs = set.value();
  REQUIRE(imgs.size() == 12);
  double sum = 0;
  int pairs = 0;
  for (size_t i = 0; i < imgs.size(); ++i) {
    CHECK(imgs[i].pattern.size() == 1024);
    CHECK_FALSE(imgs[i].label.empty());
    for (size_t j = i + 1; j < imgs.size(); ++j) {
      CHECK(imgs[i].pattern != imgs[j].pattern);
      sum += overlap(imgs[i].pattern, imgs[j].pattern);
      ++pairs;
    }
  }
  std::printf("12-image set: mean pairwise overlap %.3f\n", sum / pairs);
  CHECK(sum / pairs > 0.2);
  CHECK(glyph_image_set({}, kBold).ok() == false);
}
