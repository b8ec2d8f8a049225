// mnist_data.cpp: one shared MNIST download and parse (see mnist_data.hpp).
#include "mnist_data.hpp"

#include <string>
#include <vector>

#include "assets.hpp"

namespace web {

namespace {

// Frees the training digits: an empty set of no rows, so nothing can read the freed pixels.
void drop_train(MnistData& d) {
  std::vector<uint8_t>().swap(d.split.train.pixels);
  std::vector<uint8_t>().swap(d.split.train.labels);
  d.split.train.count = 0;
  d.train_dropped = true;
}

}  // namespace

const MnistData& mnist_poll(MnistUse use) {
  static MnistData d;
  if (d.ready && d.train_dropped && use == MnistUse::All) {
    d.ready = false;  // fetched again below; held-out digits stay usable meanwhile
    d.train_dropped = false;
  }
  if (d.ready && use == MnistUse::HeldOut && !d.train_dropped) drop_train(d);
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
    } else if (parsed.value().held_out.width != 28 || parsed.value().held_out.height != 28) {
      d.failed = true;
      d.error = "the digits file holds " + std::to_string(parsed.value().held_out.width) + " x " +
                std::to_string(parsed.value().held_out.height) + " images; the figures need 28 x 28 MNIST digits";
    } else {
      d.split = std::move(parsed.value());
      d.ready = true;
      d.progress = 1.0f;
      if (use == MnistUse::HeldOut) drop_train(d);
    }
  }
  return d;
}

}  // namespace web
