// mnist_data.cpp: one shared MNIST download and parse (see mnist_data.hpp).
#include "mnist_data.hpp"

#include "assets.hpp"

namespace web {

const MnistData& mnist_poll() {
  static MnistData d;
  if (d.ready || d.failed) return d;
  const Asset& a = asset_fetch("mnist", "assets/mnist.bin");
  if (a.status == AssetStatus::Loading) {
    d.progress = a.total > 0 ? static_cast<float>(a.loaded / a.total) : 0.0f;
  } else if (a.status == AssetStatus::Failed) {
    d.failed = true;
    d.error = a.error;
  } else if (a.status == AssetStatus::Ready) {
    // The download's buffer becomes the training pixels: the digits sit in memory once.
    auto parsed = ebm::parse_mnist_split(asset_take("mnist"), ebm::kMnistHeldOut);
    if (!parsed.ok()) {
      d.failed = true;
      d.error = "the digits file is damaged: " + parsed.error();
    } else {
      d.split = std::move(parsed.value());
      d.ready = true;
      d.progress = 1.0f;
    }
  }
  return d;
}

}  // namespace web
