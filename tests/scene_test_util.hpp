// scene_test_util.hpp: stand-in data for the scene-model tests: 28x28 "digits" made of one of
// ten bar prototypes plus pixel noise, labelled by prototype. Deterministic; test code only.
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

/// A train / held-out split like the MNIST asset's (here train rows, then held rows).
inline ebm::DatasetSplit bar_split(int train, int held, uint64_t seed = 3) {
  return ebm::split_held_out(bar_digits(train + held, seed), held);
}

}  // namespace scene_test
