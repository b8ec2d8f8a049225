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

/// Letters on a 10x10 grid drawn by hand (A, B, C, D, E, ...); count <= 6.
std::vector<Pattern> letters_10x10(int count);

/// n i.i.d. uniform {-1,+1} units.
Pattern random_pattern(int n, Rng& rng);

}  // namespace ebm
