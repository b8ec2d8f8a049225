// test_patterns.cpp: pattern builders of patterns.hpp beyond the letters (random sets,
// correlated sets, exact corruption, blanked centre).
#include <doctest/doctest.h>

#include <cstdio>

#include "patterns.hpp"

using namespace ebm;

TEST_CASE("patterns: corrupt_count flips exactly k distinct units") {
  Rng rng(1);
  const Pattern x = random_pattern(100, rng);
  for (int k : {0, 1, 10, 37, 100}) {
    const Pattern y = corrupt_count(x, k, rng);
    int diff = 0;
    for (size_t i = 0; i < x.size(); ++i) diff += x[i] != y[i];
    CHECK(diff == k);
    CHECK(overlap(x, y) == doctest::Approx(1.0f - 2.0f * k / 100));
  }
}

TEST_CASE("patterns: correlated sets have the expected mean overlap (1 - 2q)^2") {
  Rng rng(2);
  const int n = 400;
  const float q = 0.2f;
  auto ps = correlated_pattern_set(30, n, q, rng);
  double sum = 0;
  int pairs = 0;
  for (size_t a = 0; a < ps.size(); ++a)
    for (size_t b = a + 1; b < ps.size(); ++b) {
      sum += overlap(ps[a], ps[b]);
      ++pairs;
    }
  const double mean = sum / pairs, expect = (1 - 2 * q) * (1 - 2 * q);
  std::printf("correlated set: mean overlap %.3f, expected %.3f\n", mean, expect);
  CHECK(mean == doctest::Approx(expect).epsilon(0.1));
  auto rs = random_pattern_set(5, 7, rng);
  CHECK(rs.size() == 5);
  for (auto& p : rs)
    for (int8_t v : p) REQUIRE((v == 1 || v == -1));
}

TEST_CASE("patterns: blank_center erases a centred box and nothing else") {
  const int rows = 10, cols = 8;
  const Pattern ink(rows * cols, 1);
  const Pattern b = blank_center(ink, rows, cols, 0.5f);  // a 5 x 4 box
  int blanked = 0;
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) {
      const bool inside = r >= 2 && r < 7 && c >= 2 && c < 6;
      CHECK(b[r * cols + c] == (inside ? -1 : 1));
      blanked += b[r * cols + c] == -1;
    }
  CHECK(blanked == 20);
  CHECK(blank_center(ink, rows, cols, 0.0f) == ink);
  CHECK(blank_center(ink, rows, cols, 1.0f) == Pattern(rows * cols, -1));
  CHECK(blank_center(Pattern(rows * cols, -1), rows, cols, 0.5f, 1)[4 * cols + 4] == 1);
}
