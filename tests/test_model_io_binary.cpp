// test_model_io_binary.cpp: the binary "ebm-rbm" format: float32 round-trips bit for bit,
// float16 keeps every value to half precision and refuses what does not fit, files of either
// form load by their first bytes, and every truncation, flipped byte or bad header field is a
// clear message, never a crash. Also the binary16 conversion itself.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

#include "byte_io.hpp"
#include "model_io.hpp"
#include "rbm_test_util.hpp"

using namespace ebm;
using namespace ebm_test;

namespace {
Rbm binary_model(float spread = 1.0f) {
  Rng rng(91);
  Rbm r = random_rbm(12, 5, 0.3f, spread, rng);
  r.width = 4;
  r.height = 3;
  r.b[0] = 1.0f / 3.0f;
  return r;
}

RbmTrainingInfo some_info() {
  RbmTrainingInfo info;
  info.method = "pcd";
  info.k = 1;
  info.epochs = 15;
  info.updates = 2700;
  info.dataset = "mnist-train";
  info.binarize = "threshold";
  info.seed = 7;
  return info;
}

void set_u32(std::vector<uint8_t>& b, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + i] = static_cast<uint8_t>(v >> (8 * i));
}

// Recomputes the header hash after an edit, so a test reaches the check behind it.
void rehash(std::vector<uint8_t>& b) { set_u32(b, 36, fnv1a32(b.data() + 40, b.size() - 40)); }
}  // namespace

TEST_CASE("byte_io: binary16 conversion rounds to nearest even and round-trips every half") {
  CHECK(float_to_half(0.0f) == 0x0000);
  CHECK(float_to_half(-0.0f) == 0x8000);
  CHECK(float_to_half(1.0f) == 0x3c00);
  CHECK(float_to_half(-2.0f) == 0xc000);
  CHECK(float_to_half(65504.0f) == 0x7bff);
  CHECK(float_to_half(65520.0f) == 0x7c00);  // halfway to the next binade rounds up to infinity
  CHECK(float_to_half(1e9f) == 0x7c00);
  CHECK(float_to_half(std::ldexp(1.0f, -24)) == 0x0001);  // smallest subnormal
  CHECK(float_to_half(std::ldexp(1.0f, -26)) == 0x0000);  // below half of it: zero
  CHECK(float_to_half(1.0f + std::ldexp(1.0f, -11)) == 0x3c00);  // tie, even stays
  CHECK(float_to_half(1.0f + 3 * std::ldexp(1.0f, -11)) == 0x3c02);  // tie, odd rounds up
  CHECK(std::isnan(half_to_float(float_to_half(std::numeric_limits<float>::quiet_NaN()))));
  int mismatches = 0;
  for (uint32_t h = 0; h < 0x10000; ++h) {
    const float f = half_to_float(static_cast<uint16_t>(h));
    if (std::isnan(f)) continue;
    if (float_to_half(f) != h) ++mismatches;
  }
  CHECK(mismatches == 0);
  // Nearest: the error is at most half a unit in the last place (2^-11 relative for normals).
  Rng rng(5);
  double worst = 0;
  for (int i = 0; i < 10000; ++i) {
    const float x = (rng.uniform() * 2.0f - 1.0f) * 8.0f;
    if (std::fabs(x) < 1e-3f) continue;
    worst = std::max(worst, std::fabs(double(half_to_float(float_to_half(x))) - x) / std::fabs(x));
  }
  CHECK(worst <= std::ldexp(1.0, -11));
  CHECK(worst > std::ldexp(1.0, -13));
}

TEST_CASE("model_io binary: float32 round-trips bit for bit with metadata; float16 to half precision") {
  const Rbm r = binary_model();
  const RbmTrainingInfo info = some_info();
  auto b32 = rbm_to_binary(r, RbmPrecision::Float32, &info);
  REQUIRE(b32.ok());
  CHECK(b32.value().size() == 40 + rbm_training_info_to_json(info).size() + 4 * (12 + 5 + 60));
  RbmTrainingInfo back;
  auto q = rbm_from_bytes(b32.value(), 12, &back);
  REQUIRE_MESSAGE(q.ok(), q.error());
  CHECK(q.value().w == r.w);
  CHECK(q.value().b == r.b);
  CHECK(q.value().c == r.c);
  CHECK(q.value().width == 4);
  CHECK(q.value().height == 3);
  CHECK(back.epochs == 15);
  CHECK(back.binarize == "threshold");
  CHECK(back.seed == 7);

  auto b16 = rbm_to_binary(r, RbmPrecision::Float16);
  REQUIRE(b16.ok());
  CHECK(b16.value().size() == 40 + 2 * (12 + 5 + 60));
  RbmTrainingInfo none;
  none.dataset = "overwritten";
  auto h = rbm_from_bytes(b16.value(), 0, &none);
  REQUIRE_MESSAGE(h.ok(), h.error());
  CHECK(none.dataset.empty());  // no metadata stored: the default info
  for (size_t i = 0; i < r.w.size(); ++i) CHECK(h.value().w[i] == half_to_float(float_to_half(r.w[i])));
  for (size_t i = 0; i < r.b.size(); ++i) CHECK(std::fabs(h.value().b[i] - r.b[i]) <= std::fabs(r.b[i]) * 0x1p-11f);

  // The JSON form still loads through the same entry point.
  CHECK(!rbm_from_bytes(std::span<const uint8_t>()).ok());  // empty input is not a model
  const std::string text = rbm_to_json(r, &info);
  auto fromjson = rbm_from_bytes(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
  REQUIRE(fromjson.ok());
  CHECK(fromjson.value().w == r.w);
}

TEST_CASE("model_io binary: float16 refuses a weight beyond its range, naming it") {
  Rbm r = binary_model();
  r.w[7] = 1e5f;
  auto b = rbm_to_binary(r, RbmPrecision::Float16);
  REQUIRE(!b.ok());
  CHECK_MESSAGE(b.error().find("W[7]") != std::string::npos, b.error());
  CHECK(rbm_to_binary(r, RbmPrecision::Float32).ok());
}

TEST_CASE("model_io binary: truncated, damaged or mismatched files give a clear error") {
  const Rbm r = binary_model();
  const RbmTrainingInfo info = some_info();
  const std::vector<uint8_t> good = rbm_to_binary(r, RbmPrecision::Float16, &info).value();
  // Every truncation is refused with a message (the magic survives from 6 bytes on).
  for (size_t n = 6; n < good.size(); ++n) {
    auto res = rbm_from_bytes(std::span<const uint8_t>(good.data(), n));
    REQUIRE(!res.ok());
    CHECK_MESSAGE(res.error().find("ends early") != std::string::npos, n, ": ", res.error());
  }
  // A flipped bit anywhere after the header breaks the hash.
  for (size_t at : {size_t(40), size_t(60), good.size() / 2, good.size() - 1}) {
    std::vector<uint8_t> bad = good;
    bad[at] ^= 0x10;
    auto res = rbm_from_bytes(bad);
    REQUIRE(!res.ok());
    CHECK_MESSAGE(res.error().find("hash mismatch") != std::string::npos, res.error());
  }
  struct Edit {
    size_t at;
    uint32_t value;
    const char* expect;
  } edits[] = {
      {8, 2, "version 2"},       {12, 0, "implausible sizes"},  {16, 1u << 30, "implausible sizes"},
      {20, 5, "image shape"},    {28, 8, "8 bits"},             {32, 1u << 24, "implausible metadata"},
  };
  for (const Edit& e : edits) {
    std::vector<uint8_t> bad = good;
    set_u32(bad, e.at, e.value);
    auto res = rbm_from_bytes(bad);
    REQUIRE(!res.ok());
    CHECK_MESSAGE(res.error().find(e.expect) != std::string::npos, e.at, ": ", res.error());
  }
  std::vector<uint8_t> longer = good;
  longer.push_back(0);
  CHECK(rbm_from_bytes(longer).error().find("1 extra bytes") != std::string::npos);
  // A non-finite value behind a valid hash (a buggy writer) is named.
  std::vector<uint8_t> inf = good;
  const size_t meta = rbm_training_info_to_json(info).size();
  const size_t w3 = 40 + meta + 2 * (12 + 5 + 3);
  inf[w3] = 0x00;
  inf[w3 + 1] = 0x7c;  // +infinity
  rehash(inf);
  CHECK(rbm_from_bytes(inf).error().find("W[3] is not a finite float") != std::string::npos);
  // Damaged metadata behind a valid hash.
  std::vector<uint8_t> badmeta = good;
  badmeta[40] = '[';
  rehash(badmeta);
  CHECK(rbm_from_bytes(badmeta).error().find("metadata") != std::string::npos);
  // The visible size the caller needs.
  CHECK(rbm_from_bytes(good, 784).error().find("12 visible units") != std::string::npos);
}

TEST_CASE("model_io binary: rbm_save / rbm_load pick the form by the file name") {
  const Rbm r = binary_model();
  const RbmTrainingInfo info = some_info();
  const std::string dir = std::string(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp");
  const std::string bin = dir + "/ebm_test_model.bin", json = dir + "/ebm_test_model.json";
  REQUIRE(rbm_save(bin, r, &info, RbmPrecision::Float32).ok());
  REQUIRE(rbm_save(json, r, &info).ok());
  RbmTrainingInfo a, b;
  auto from_bin = rbm_load(bin, 12, &a);
  auto from_json = rbm_load(json, 12, &b);
  REQUIRE_MESSAGE(from_bin.ok(), from_bin.error());
  REQUIRE_MESSAGE(from_json.ok(), from_json.error());
  CHECK(from_bin.value().w == from_json.value().w);
  CHECK(a.updates == b.updates);
  std::FILE* f = std::fopen(bin.c_str(), "rb");
  REQUIRE(f);
  char magic[6] = {};
  CHECK(std::fread(magic, 1, 6, f) == 6);
  std::fclose(f);
  CHECK(std::string(magic, 6) == std::string("EBMRBM", 6));
  std::remove(bin.c_str());
  std::remove(json.c_str());
  Rbm huge = r;
  huge.c[0] = 7e4f;
  CHECK(rbm_save(bin, huge, nullptr, RbmPrecision::Float16).message.find("c[0]") != std::string::npos);
}
