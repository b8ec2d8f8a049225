// scene_test_util.hpp: stand-in data for the scene-model tests: 28x28 "digits" made of one of
// ten bar prototypes plus pixel noise, labelled by prototype; and "ink blots", correlated like
// MNIST digits (a shared blank border). Deterministic; test code only.
// (The real MNIST asset is not readable from the WebAssembly test run, which has no files.)
#pragma once
#include <cstdint>

#include "datasets.hpp"
#include "rng.hpp"

namespace scene_test {

inline ebm::Dataset bar_digits(int count, uint64_t seed) {
  ebm::Dataset d;
  d.name = "bars28";
  d.count = count;
  d.width = d.height = 28;
  d.pixels.assign(static_cast<size_t>(count) * 784, 0);
  d.labels.resize(count);
  ebm::Rng rng(seed);
  for (int i = 0; i < count; ++i) {
    const int label = i % 10;
    d.labels[i] = static_cast<uint8_t>(label);
    for (int y = 0; y < 28; ++y)
      for (int x = 0; x < 28; ++x) {
        const bool on = label < 5 ? (x / 3 == label + 2) : (y / 3 == label - 3);
        const bool flip = rng.uniform() < 0.03;
        d.pixels[static_cast<size_t>(i) * 784 + y * 28 + x] = (on != flip) ? 230 : 0;
      }
  }
  return d;
}

/// 28x28 images blank outside the central 16x16 square and inked at random inside it (each
/// pixel with probability 0.35), labelled i % 10. Thresholded, two of them overlap by about
/// m = 0.7, as different MNIST digits do (0.6 to 0.9): their shared background is what makes a
/// Hebbian network blend them.
inline ebm::Dataset ink_blots(int count, uint64_t seed) {
  ebm::Dataset d;
  d.name = "blots28";
  d.count = count;
  d.width = d.height = 28;
  d.pixels.assign(static_cast<size_t>(count) * 784, 0);
  d.labels.resize(count);
  ebm::Rng rng(seed);
  for (int i = 0; i < count; ++i) {
    d.labels[i] = static_cast<uint8_t>(i % 10);
    for (int y = 6; y < 22; ++y)
      for (int x = 6; x < 22; ++x)
        if (rng.uniform() < 0.35) d.pixels[static_cast<size_t>(i) * 784 + y * 28 + x] = 255;
  }
  return d;
}

/// A train / held-out split like the MNIST asset's (here train rows, then held rows).
inline ebm::DatasetSplit bar_split(int train, int held, uint64_t seed = 3) {
  return ebm::split_held_out(bar_digits(train + held, seed), held);
}

/// The same split of ink blots.
inline ebm::DatasetSplit blot_split(int train, int held, uint64_t seed = 3) {
  return ebm::split_held_out(ink_blots(train + held, seed), held);
}

}  // namespace scene_test
