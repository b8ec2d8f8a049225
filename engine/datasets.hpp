// datasets.hpp: the RBM's data: the MNIST asset parser (format written by
// scripts/make_mnist_asset.mjs, documented below), the fixed train / held-out split,
// binarization, seed 003's 3-person toy, and 12 small 16x16 images of our own for the seed-000
// run. Not here: image files, fonts, downloads (the page fetches the bytes, the CLI reads a file).
//
// MNIST asset, version 1 (little-endian):
//   0   char[8] "EBMMNIST" | 8 uint32 version = 1 | 12 uint32 count | 16 uint32 rows (28)
//   20  uint32 cols (28)   | 24 uint32 FNV-1a 32 hash of bytes [28, end)
//   28  uint8 pixels[count][rows * cols], row-major, 0..255 (= round(255 * intensity))
//   28 + count*rows*cols   uint8 labels[count], 0..9
// Images are in a fixed shuffled order, so the last kMnistHeldOut of them are a mixed sample.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "rbm.hpp"
#include "result.hpp"
#include "rng.hpp"

namespace ebm {

/// Images of equal size with optional labels.
struct Dataset {
  std::string name;              // "mnist", "shapes16", ...
  int count = 0;                 // images
  int width = 0;                 // columns per image
  int height = 0;                // rows per image
  std::vector<uint8_t> pixels;   // (count, height * width) row-major intensities 0..255
  std::vector<uint8_t> labels;   // (count) class labels, or empty
  int dim() const { return width * height; }
};

inline constexpr int kMnistHeldOut = 1000;  // the last 1,000 asset images are held out

/// Parses and validates the asset bytes (magic, version, sizes, hash, labels < 10).
Result<Dataset> parse_mnist_asset(std::span<const uint8_t> bytes);

/// Reads a whole file into memory (CLI, benchmark, tests under node with NODERAWFS).
Result<std::vector<uint8_t>> read_file_bytes(const std::string& path);

/// Rows [0, count - held_out) and [count - held_out, count): a fixed, deterministic split.
struct DatasetSplit {
  Dataset train;
  Dataset held_out;
};
DatasetSplit split_held_out(const Dataset& d, int held_out);

/// Parses the asset straight into the fixed split (rows [0, count - held_out) train, the rest
/// held out), reusing the buffer: the training pixels stay in `bytes`' storage, so the digits
/// sit in memory once. Same checks and messages as parse_mnist_asset; held_out in [0, count].
Result<DatasetSplit> parse_mnist_split(std::vector<uint8_t> bytes, int held_out);

/// How intensities become visible units in [0, 1].
enum class Binarize {
  None,       // x / 255: grey levels, used as probabilities
  Threshold,  // 1 if x / 255 >= threshold else 0
  Sample,     // 1 with probability x / 255 (one fixed draw; RbmTrainConfig::sample_data redraws)
};
/// Link names of Binarize, indexed by its value.
inline constexpr const char* kBinarizeNames[] = {"grey", "threshold", "sample"};

/// (count, dim) floats in [0, 1] from the first `count` images (-1 = all).
std::vector<float> dataset_to_float(const Dataset& d, Binarize mode, float threshold = 0.5f,
                                    Rng* rng = nullptr, int count = -1);

/// The same rows as dataset_to_float, kept as bytes (a quarter of the memory): value =
/// byte / 255, so Threshold and Sample give 0 or 255 and None keeps the grey level. None and
/// Threshold equal dataset_to_float exactly after levels_to_float; Sample draws image by image
/// (its own fixed draw, deterministic per rng state, not dataset_to_float's).
std::vector<uint8_t> dataset_to_levels(const Dataset& d, Binarize mode, float threshold = 0.5f,
                                       Rng* rng = nullptr, int count = -1);

/// out[i] = levels[i] / 255 (as dataset_to_float computes it), n values.
void levels_to_float(const uint8_t* levels, size_t n, float* out);

// ---- Seed 003's toy: people A, B, C (visible) and fruits D, E (hidden) -------------------

/// The six training rows (6, 3): A B C = 101, 010, 101, 101, 010, 101.
std::vector<float> toy_people_rows();

/// The tutorial's hand-set model, reconstructed: visible biases A = 1, B = 2, C = 1, hidden
/// biases D = 2, E = 1, weights A-D = 2, B-E = 4, C-D = 2, C-E = -4, B-D = -5, A-E = 0. It
/// reproduces the scores (score = -energy) the tutorial prints: BE = 7, ACD = 8, BD = -1,
/// ACE = -1 (its table also lists BD = -2; the text's other figures fix the rest).
Rbm toy_people_model();

/// Names of the five units, "A".."E", for tables of the 32 joint states.
inline constexpr const char* kToyUnitNames[5] = {"A", "B", "C", "D", "E"};

// ---- 12 images for the seed-000 RBM run ----------------------------------------------------

/// Twelve 16x16 binary images (0 or 255): ring, disk, frame, X, plus, triangle, diamond,
/// stripes, the letters A, E, S and a smiley. Drawn here (procedural shapes and text art).
Dataset shapes_16x16();

}  // namespace ebm
