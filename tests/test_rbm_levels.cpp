// test_rbm_levels.cpp: training rows kept as bytes (a quarter of the memory of floats) give the
// same results as the floats, bit for bit: the conversion, rbm_init, AIS base rates, and a
// trainer run under CD and PCD with and without resampled data. Also the in-place MNIST split,
// which must equal parse + split_held_out while keeping one copy of the digits.
#include <doctest/doctest.h>

#include <memory>
#include <vector>

#include "datasets.hpp"
#include "rbm_metrics.hpp"
#include "rbm_train.hpp"

using namespace ebm;

namespace {
// A synthetic 40-image 6x5 data set with every grey level present.
Dataset grey_set() {
  Dataset d;
  d.name = "grey";
  d.count = 40;
  d.width = 6;
  d.height = 5;
  Rng rng(17);
  for (int i = 0; i < d.count * d.dim(); ++i) d.pixels.push_back(static_cast<uint8_t>(i < 256 ? i : rng.next() >> 56));
  return d;
}

// The asset bytes of d, as scripts/make_mnist_asset.mjs writes them.
std::vector<uint8_t> asset_of(const Dataset& d) {
  std::vector<uint8_t> b = {'E', 'B', 'M', 'M', 'N', 'I', 'S', 'T'};
  for (uint32_t v : {1u, uint32_t(d.count), uint32_t(d.height), uint32_t(d.width), 0u})
    for (int k = 0; k < 4; ++k) b.push_back(static_cast<uint8_t>(v >> (8 * k)));
  b.insert(b.end(), d.pixels.begin(), d.pixels.end());
  for (int i = 0; i < d.count; ++i) b.push_back(static_cast<uint8_t>(i % 10));
  uint32_t h = 0x811C9DC5u;
  for (size_t i = 28; i < b.size(); ++i) h = (h ^ b[i]) * 0x01000193u;
  for (int k = 0; k < 4; ++k) b[24 + k] = static_cast<uint8_t>(h >> (8 * k));
  return b;
}

std::vector<float> to_float(const std::vector<uint8_t>& levels) {
  std::vector<float> f(levels.size());
  levels_to_float(levels.data(), levels.size(), f.data());
  return f;
}
}  // namespace

TEST_CASE("levels: grey and threshold bytes equal dataset_to_float exactly; sampled bytes are 0/255") {
  const Dataset d = grey_set();
  CHECK(to_float(dataset_to_levels(d, Binarize::None)) == dataset_to_float(d, Binarize::None));
  for (float t : {0.5f, 0.3f, 128 / 255.0f})
    CHECK(to_float(dataset_to_levels(d, Binarize::Threshold, t, nullptr, 25)) ==
          dataset_to_float(d, Binarize::Threshold, t, nullptr, 25));
  const std::vector<float> ends = to_float({0, 255});
  CHECK(ends[0] == 0.0f);
  CHECK(ends[1] == 1.0f);  // exactly one, so binarized rows are exact {0, 1}
  Rng a(3), b(3), c(4);
  const auto s1 = dataset_to_levels(d, Binarize::Sample, 0.5f, &a);
  CHECK(s1 == dataset_to_levels(d, Binarize::Sample, 0.5f, &b));  // deterministic per seed
  CHECK(s1 != dataset_to_levels(d, Binarize::Sample, 0.5f, &c));
  double mean_p = 0, mean_s = 0;
  for (size_t i = 0; i < s1.size(); ++i) {
    REQUIRE((s1[i] == 0 || s1[i] == 255));
    if (d.pixels[i] == 0) CHECK(s1[i] == 0);
    if (d.pixels[i] == 255) CHECK(s1[i] == 255);
    mean_p += d.pixels[i] / 255.0;
    mean_s += s1[i] / 255.0;
  }
  CHECK(std::abs(mean_s - mean_p) / s1.size() < 0.05);
}

TEST_CASE("levels: rbm_init and AIS base rates from bytes equal those from floats") {
  const Dataset d = grey_set();
  const auto levels = dataset_to_levels(d, Binarize::None);
  const auto floats = to_float(levels);
  Rbm r1 = rbm_make(30, 7), r2 = rbm_make(30, 7);
  Rng g1(9), g2(9);
  rbm_init(r1, g1, std::span<const float>(floats));
  rbm_init(r2, g2, std::span<const uint8_t>(levels));
  CHECK(r1.w == r2.w);
  CHECK(r1.b == r2.b);
  CHECK(ais_base_bias(floats.data(), d.count, 30) == ais_base_bias(levels.data(), d.count, 30));
}

TEST_CASE("levels: a trainer on shared bytes makes the same updates as on floats, and shares them") {
  const Dataset d = grey_set();
  for (Binarize mode : {Binarize::None, Binarize::Threshold})
    for (RbmMethod method : {RbmMethod::Cd, RbmMethod::Pcd})
      for (bool resample : {false, true}) {
        auto levels = std::make_shared<const std::vector<uint8_t>>(dataset_to_levels(d, mode));
        const auto floats = to_float(*levels);
        Rbm r = rbm_make(30, 6);
        Rng init(2);
        rbm_init(r, init, std::span<const float>(floats));
        const RbmTrainConfig cfg{.method = method, .batch_size = 8, .k = 2, .learning_rate = 0.1f,
                                 .momentum = 0.5f, .sample_data = resample};
        auto tf = rbm_trainer_make(r, floats, cfg);
        auto tl = rbm_trainer_make(r, levels, cfg);
        REQUIRE(tf.ok());
        REQUIRE(tl.ok());
        CHECK(tl.value().data.empty());
        CHECK(tl.value().levels.get() == levels.get());  // shared, not copied
        CHECK(tl.value().n == 40);
        Rng a(5), b(5);
        CHECK(rbm_train_step(tf.value(), a, 12) == 12);
        CHECK(rbm_train_step(tl.value(), b, 12) == 12);
        INFO("mode " << int(mode) << " method " << int(method) << " resample " << resample);
        CHECK(tf.value().rbm.w == tl.value().rbm.w);
        CHECK(tf.value().rbm.b == tl.value().rbm.b);
        CHECK(tf.value().last_recon_error == tl.value().last_recon_error);
      }
  auto empty = rbm_trainer_make(rbm_make(30, 6), std::make_shared<const std::vector<uint8_t>>(), RbmTrainConfig{});
  REQUIRE(!empty.ok());
  CHECK(empty.error().find("non-empty") != std::string::npos);
  auto none = rbm_trainer_make(rbm_make(30, 6), std::shared_ptr<const std::vector<uint8_t>>(), RbmTrainConfig{});
  CHECK(!none.ok());
  auto ragged = rbm_trainer_make(rbm_make(30, 6), std::make_shared<const std::vector<uint8_t>>(31, 0), RbmTrainConfig{});
  CHECK(!ragged.ok());
}

TEST_CASE("mnist asset: the in-place split equals parse + split_held_out and reuses the buffer") {
  const Dataset d = grey_set();
  const std::vector<uint8_t> bytes = asset_of(d);
  auto whole = parse_mnist_asset(bytes);
  REQUIRE_MESSAGE(whole.ok(), whole.error());
  const DatasetSplit expect = split_held_out(whole.value(), 7);
  std::vector<uint8_t> moved = bytes;
  const uint8_t* storage = moved.data();
  auto got = parse_mnist_split(std::move(moved), 7);
  REQUIRE_MESSAGE(got.ok(), got.error());
  const DatasetSplit& s = got.value();
  CHECK(s.train.pixels.data() == storage);  // the download's buffer, not a copy
  CHECK(s.train.pixels == expect.train.pixels);
  CHECK(s.train.labels == expect.train.labels);
  CHECK(s.held_out.pixels == expect.held_out.pixels);
  CHECK(s.held_out.labels == expect.held_out.labels);
  CHECK(s.train.count == 33);
  CHECK(s.held_out.count == 7);
  CHECK(s.train.dim() == 30);
  CHECK(s.held_out.name == expect.held_out.name);
  // Damage is refused with the parser's messages; an impossible hold-out too.
  std::vector<uint8_t> bad = bytes;
  bad[40] ^= 1;
  CHECK(parse_mnist_split(bad, 7).error().find("hash") != std::string::npos);
  bad = bytes;
  bad.pop_back();
  CHECK(parse_mnist_split(bad, 7).error().find("truncated") != std::string::npos);
  CHECK(parse_mnist_split(bytes, 41).error().find("hold out 41 of 40") != std::string::npos);
  CHECK(!parse_mnist_split({}, 0).ok());
}
