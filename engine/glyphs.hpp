// glyphs.hpp: {-1,+1} patterns rasterized from TrueType font bytes (stb_truetype): one
// character centred in a size x size grid, and the 12-image set of our own making that the
// optimized-rule demo stores. The engine embeds no font: callers pass the bytes (the build
// generates them into fonts.hpp for the app, CLI and tests). No file I/O, no UI here.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "hopfield.hpp"
#include "result.hpp"

namespace ebm {

/// How a glyph becomes a pattern.
struct GlyphOptions {
  int size = 32;              // output is size x size units, row-major, row 0 at the top
  float threshold = 0.5f;     // ink coverage in [0, 1] above which a unit is +1
  float margin = 0.0625f;     // empty border on each side, as a fraction of size
};

/// Rasterizes `codepoint` from a TrueType font: the glyph's outline box is scaled uniformly
/// so its larger side fills size (1 - 2 margin) units, centred, anti-aliased by stb_truetype
/// (coverage 0..255), then binarized: coverage > threshold * 255 -> +1 (ink), else -1.
/// A glyph without an outline (space) gives all -1. Errors: bytes that are not a font,
/// a codepoint the font lacks, size outside [4, 256], threshold outside [0, 1).
/// stb_truetype trusts its input, so pass real font files (the embedded ones), never
/// unchecked uploads.
Result<Pattern> glyph_pattern(std::span<const unsigned char> ttf, uint32_t codepoint,
                              const GlyphOptions& options = {});

/// One image of the 12-image set: a character and the font it comes from.
struct GlyphImage {
  std::string label;  // the character, e.g. "B"
  Pattern pattern;    // size x size units in {-1,+1}
};

/// The 12 "images of our own making" for the optimized-rule demo: A from the regular font
/// (Roboto) and B C D E H K M X Z 2 7 from the bold one (DejaVu Sans Bold), size x size
/// (default 32). They are correlated (mean pairwise overlap about 0.3, mostly the shared
/// background), so plain Hebbian storage recalls none of them at 32x32 while the optimized
/// rule makes most of them fixed points within 3 epochs and the pseudo-inverse all.
Result<std::vector<GlyphImage>> glyph_image_set(std::span<const unsigned char> regular_ttf,
                                                std::span<const unsigned char> bold_ttf,
                                                int size = 32);

}  // namespace ebm
