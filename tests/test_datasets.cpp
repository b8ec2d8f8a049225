// test_datasets.cpp: the MNIST asset parser accepts the documented format and rejects damaged
// bytes with a message; the split and binarization; the 12 shapes. The real asset is checked
// too when the build produced it (native builds; skipped silently where the file is absent).
#include <doctest/doctest.h>

#include <cstdio>
#include <set>
#include <vector>

#include "datasets.hpp"

using namespace ebm;

namespace {
// A valid 3-image 2x2 asset built by hand, as scripts/make_mnist_asset.mjs writes it.
std::vector<uint8_t> tiny_asset() {
  std::vector<uint8_t> b = {'E', 'B', 'M', 'M', 'N', 'I', 'S', 'T', 1, 0, 0, 0, 3, 0, 0, 0,
                            2, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0};
  for (int p : {0, 255, 128, 64, 255, 255, 0, 0, 10, 20, 200, 250}) b.push_back(static_cast<uint8_t>(p));
  for (int l : {7, 0, 9}) b.push_back(static_cast<uint8_t>(l));
  uint32_t h = 0x811C9DC5u;
  for (size_t i = 28; i < b.size(); ++i) h = (h ^ b[i]) * 0x01000193u;
  for (int k = 0; k < 4; ++k) b[24 + k] = static_cast<uint8_t>(h >> (8 * k));
  return b;
}
}  // namespace

TEST_CASE("mnist asset: parses the documented layout") {
  const auto bytes = tiny_asset();
  auto d = parse_mnist_asset(bytes);
  REQUIRE_MESSAGE(d.ok(), d.error());
  CHECK(d.value().count == 3);
  CHECK(d.value().width == 2);
  CHECK(d.value().height == 2);
  CHECK(d.value().pixels[1] == 255);
  CHECK(d.value().labels == std::vector<uint8_t>{7, 0, 9});
  const DatasetSplit s = split_held_out(d.value(), 1);
  CHECK(s.train.count == 2);
  CHECK(s.held_out.count == 1);
  CHECK(s.held_out.pixels == std::vector<uint8_t>{10, 20, 200, 250});
  CHECK(s.held_out.labels == std::vector<uint8_t>{9});
  const auto grey = dataset_to_float(d.value(), Binarize::None);
  CHECK(grey[2] == doctest::Approx(128 / 255.0));
  const auto thr = dataset_to_float(d.value(), Binarize::Threshold, 0.5f);
  CHECK(std::vector<float>(thr.begin(), thr.begin() + 4) == std::vector<float>{0, 1, 1, 0});
  Rng rng(1);
  const auto smp = dataset_to_float(d.value(), Binarize::Sample, 0.5f, &rng);
  for (size_t i = 0; i < smp.size(); ++i) {
    CHECK((smp[i] == 0.0f || smp[i] == 1.0f));
    if (d.value().pixels[i] == 0) CHECK(smp[i] == 0.0f);
    if (d.value().pixels[i] == 255) CHECK(smp[i] == 1.0f);
  }
}

TEST_CASE("mnist asset: damaged bytes are refused with a message") {
  const auto good = tiny_asset();
  auto expect_error = [](std::vector<uint8_t> b, const char* what) {
    auto d = parse_mnist_asset(b);
    REQUIRE(!d.ok());
    CHECK_MESSAGE(d.error().find(what) != std::string::npos, d.error());
  };
  expect_error({}, "magic");
  auto b = good;
  b[0] = 'X';
  expect_error(b, "magic");
  b = good;
  b[8] = 2;
  expect_error(b, "version 2");
  b = good;
  b.pop_back();
  expect_error(b, "truncated");
  b = good;
  b[30] ^= 1;
  expect_error(b, "hash");
}

TEST_CASE("mnist asset: the real converted digits, when the build made them") {
#ifdef EBM_DEFAULT_MNIST
  auto bytes = read_file_bytes(EBM_DEFAULT_MNIST);
  if (!bytes.ok()) return;  // not built here (or no file system under node): nothing to check
  auto d = parse_mnist_asset(bytes.value());
  REQUIRE_MESSAGE(d.ok(), d.error());
  CHECK(d.value().count == 10000);  // mnist 1.1.0 ships 10,000 digits
  CHECK(d.value().dim() == 784);
  int per_class[10] = {};
  for (uint8_t l : d.value().labels) ++per_class[l];
  for (int c = 0; c < 10; ++c) CHECK(per_class[c] > 800);
  const DatasetSplit s = split_held_out(d.value(), kMnistHeldOut);
  std::set<uint8_t> held_classes(s.held_out.labels.begin(), s.held_out.labels.end());
  CHECK(held_classes.size() == 10);  // the fixed shuffle mixes digits into the held-out tail
#endif
}

TEST_CASE("shapes_16x16: twelve distinct binary images") {
  const Dataset d = shapes_16x16();
  REQUIRE(d.count == 12);
  REQUIRE(d.pixels.size() == 12 * 256);
  std::set<std::vector<uint8_t>> distinct;
  for (int i = 0; i < 12; ++i) {
    std::vector<uint8_t> img(d.pixels.begin() + i * 256, d.pixels.begin() + (i + 1) * 256);
    int on = 0;
    for (uint8_t p : img) {
      REQUIRE((p == 0 || p == 255));
      on += p == 255;
    }
    CHECK(on > 20);
    CHECK(on < 200);
    distinct.insert(img);
  }
  CHECK(distinct.size() == 12);
}
