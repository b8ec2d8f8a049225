// patterns.hpp: building {-1,+1} patterns for Hopfield networks from text art and at
// random. Font-rasterized letters and MNIST digits live in their own files; no I/O here.
#pragma once
#include <span>
#include <string_view>
#include <vector>

#include "hopfield.hpp"
#include "rng.hpp"

namespace ebm {

/// A (rows, cols) row-major pattern from text art: '#' or 'X' is +1, anything else -1.
/// All rows must have the same length.
Pattern pattern_from_art(std::span<const std::string_view> rows);

/// The seed library's first example, rebuilt: letters A, B and C on a 5x5 grid.
std::vector<Pattern> letters_5x5();

/// Bold letters on a 10x10 grid drawn by hand, in the order A, C, X, Z, T, H; count <= 6.
std::vector<Pattern> letters_10x10(int count);

/// n i.i.d. uniform {-1,+1} units.
Pattern random_pattern(int n, Rng& rng);

/// count i.i.d. random patterns of n units each (random_pattern, in order).
std::vector<Pattern> random_pattern_set(int count, int n, Rng& rng);

/// count correlated patterns of n units: one random prototype, and each pattern is the
/// prototype with every unit flipped independently with probability q in [0, 1]. Two such
/// patterns have expected overlap (1 - 2q)^2 (q = 0.5 gives independent patterns).
std::vector<Pattern> correlated_pattern_set(int count, int n, float q, Rng& rng);

/// Copy of x with exactly k distinct units flipped, chosen uniformly (0 <= k <= size).
/// Unlike corrupt(), the damage is exact: overlap with x is 1 - 2k/n.
Pattern corrupt_count(std::span<const int8_t> x, int k, Rng& rng);

/// Copy of a (rows, cols) row-major pattern x whose centred box of round(frac*rows) x
/// round(frac*cols) units is set to `value` (-1 erases ink): the seed's "blank the centre".
/// frac in [0, 1].
Pattern blank_center(std::span<const int8_t> x, int rows, int cols, float frac, int8_t value = -1);

}  // namespace ebm
