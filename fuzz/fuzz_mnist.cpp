// fuzz_mnist.cpp: libFuzzer target for the MNIST asset parser (engine/datasets), as the page's
// download (web/mnist_data), the CLI's --asset and the benchmarks reach it. The first input
// byte is a selector: odd, the harness writes the correct content hash into the header so the
// fuzzer reaches the size and label checks behind it; even, the bytes stay as they are.
// Properties: parsing never crashes; a parsed asset has the sizes its header promises and
// labels 0..9; parse_mnist_split (what every consumer calls) gives the header's image size with the
// held-out tail it was asked for, the same bytes in the same order, or a message; binarized rows
// lie in [0, 1].
#include <cstdint>
#include <vector>

#include "datasets.hpp"
#include "fuzz_check.hpp"
#include "rng.hpp"

using namespace ebm;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  std::vector<uint8_t> bytes(data + 1, data + size);
  if ((data[0] & 1) && bytes.size() >= 28) {
    uint32_t h = 0x811C9DC5u;
    for (size_t i = 28; i < bytes.size(); ++i) h = (h ^ bytes[i]) * 0x01000193u;
    for (int k = 0; k < 4; ++k) bytes[24 + k] = static_cast<uint8_t>(h >> (8 * k));
  }
  auto d = parse_mnist_asset(bytes);
  if (d.ok()) {
    const Dataset& ds = d.value();
    FUZZ_CHECK(ds.count > 0 && ds.width > 0 && ds.height > 0);
    FUZZ_CHECK(ds.pixels.size() == size_t(ds.count) * ds.dim());
    FUZZ_CHECK(ds.labels.size() == size_t(ds.count));
    for (uint8_t l : ds.labels) FUZZ_CHECK(l <= 9);
    Rng rng(data[0]);
    const auto mode = static_cast<Binarize>((data[0] >> 1) % 3);
    const std::vector<float> x = dataset_to_float(ds, mode, 0.5f, &rng, 4);
    for (float v : x) FUZZ_CHECK(v >= 0.0f && v <= 1.0f);
  } else {
    FUZZ_CHECK(!d.error().empty());
  }
  // The split the page makes (1,000 held out) and, from the first byte, other sizes, negative
  // and larger than the file included (bit 1 of the selector byte).
  const int held = (data[0] & 2) ? kMnistHeldOut : (data[0] >> 2) - 8;  // -8..55
  auto s = parse_mnist_split(bytes, held);
  FUZZ_CHECK(s.ok() <= d.ok());
  if (s.ok()) {
    const DatasetSplit& sp = s.value();
    const int count = d.value().count, all_w = d.value().width, all_h = d.value().height;
    FUZZ_CHECK(held >= 0 && held <= count);
    FUZZ_CHECK(sp.train.width == all_w && sp.train.height == all_h && sp.held_out.dim() == all_w * all_h);
    FUZZ_CHECK(sp.held_out.count == held && sp.train.count == count - held);
    FUZZ_CHECK(sp.train.pixels.size() == size_t(sp.train.count) * all_w * all_h);
    FUZZ_CHECK(sp.held_out.pixels.size() == size_t(held) * all_w * all_h);
    FUZZ_CHECK(sp.held_out.labels.size() == size_t(held) && sp.train.labels.size() == size_t(count - held));
    // The split keeps every digit in order: train then held-out, the same bytes as the whole set.
    const Dataset& all = d.value();
    if (sp.train.count > 0) FUZZ_CHECK(sp.train.pixels[0] == all.pixels[0]);
    if (held > 0) FUZZ_CHECK(sp.held_out.pixels.back() == all.pixels.back() && sp.held_out.labels.back() == all.labels.back());
  } else {
    FUZZ_CHECK(!s.error().empty());
  }
  return 0;
}
