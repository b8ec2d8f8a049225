// fuzz_model_io.cpp: libFuzzer target for the model loaders (engine/model_io): RBM JSON
// ("ebm-rbm"), RBM files of either form (JSON or the binary ebm-rbm the page ships) and DBN JSON
// or binary ("ebm-dbn"), as a reader's file or a damaged download reaches them. The first input
// byte picks the loader and, for the binary forms, whether the harness writes the correct
// content hash into the header (so the fuzzer gets past the hash check and into the records;
// odd selector) or leaves it (the damaged-file path).
// Properties: loading never crashes; a loaded model has consistent shapes and finite
// parameters, computes a finite free energy and hidden probabilities in [0, 1], and saves to
// text / bytes that load back bit for bit.
#include <cmath>
#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>
#include <vector>

#include "dbn.hpp"
#include "fuzz_check.hpp"
#include "model_io.hpp"
#include "rbm.hpp"

using namespace ebm;

namespace {

bool same(const Rbm& a, const Rbm& b) {
  return a.nv == b.nv && a.nh == b.nh && a.w == b.w && a.b == b.b && a.c == b.c;
}

void check_rbm(const Rbm& r) {
  FUZZ_CHECK(rbm_shapes_ok(r));
  for (const auto* a : {&r.w, &r.b, &r.c})
    for (float x : *a) FUZZ_CHECK(std::isfinite(x));
  // What the page does first with a loaded model: free energies and P(h|v) of a few rows.
  if (int64_t(r.nv) * r.nh > (1 << 16)) return;  // keep each input fast
  std::vector<float> v(r.nv, 0.0f), ph(r.nh);
  for (int row = 0; row < 2; ++row) {
    FUZZ_CHECK(std::isfinite(rbm_free_energy_one(r, v.data())));
    rbm_hidden_probs(r, v.data(), 1, ph.data());
    for (float p : ph) FUZZ_CHECK(p >= 0.0f && p <= 1.0f);
    std::fill(v.begin(), v.end(), 1.0f);
  }
}

uint32_t fnv1a(const uint8_t* p, size_t n) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 16777619u;
  return h;
}

// With the odd selector the harness writes the right content hash at hash_at (over the bytes
// from `from` on), so the fuzzer reaches the checks behind the hash.
void fix_hash(std::vector<uint8_t>& bytes, size_t hash_at, size_t from) {
  if (bytes.size() < from) return;
  const uint32_t h = fnv1a(bytes.data() + from, bytes.size() - from);
  for (int i = 0; i < 4; ++i) bytes[hash_at + i] = static_cast<uint8_t>(h >> (8 * i));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const uint8_t sel = data[0];
  std::vector<uint8_t> bytes(data + 1, data + size);
  const int loader = (sel >> 1) % 3;  // 0: RBM JSON, 1: RBM file of either form, 2: DBN file
  if (sel & 1) {
    if (loader == 1) fix_hash(bytes, 36, 40);  // binary ebm-rbm header: 40 bytes, hash at 36
    if (loader == 2) fix_hash(bytes, 28, 32);  // binary ebm-dbn header: 32 bytes, hash at 28
  }
  const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  if (loader < 2) {
    RbmTrainingInfo info;
    const int expect_nv = (sel >> 3) % 2 ? 784 : 0;
    auto r = loader == 0 ? rbm_from_json(text, expect_nv, &info) : rbm_from_bytes(bytes, expect_nv, &info);
    if (!r.ok()) {
      FUZZ_CHECK(!r.error().empty());
      return 0;
    }
    check_rbm(r.value());
    if (expect_nv) FUZZ_CHECK(r.value().nv == 784);
    auto again = rbm_from_json(rbm_to_json(r.value(), &info), expect_nv);
    FUZZ_CHECK(again.ok() && same(again.value(), r.value()));
    // Both binary widths: float32 reads back bit for bit, float16 to finite values or a message.
    auto bin32 = rbm_to_binary(r.value(), RbmPrecision::Float32, &info);
    FUZZ_CHECK(bin32.ok());
    auto back32 = rbm_from_bytes(bin32.value(), expect_nv);
    FUZZ_CHECK(back32.ok() && same(back32.value(), r.value()));
    auto bin16 = rbm_to_binary(r.value(), RbmPrecision::Float16, &info);
    if (bin16.ok()) {
      auto back16 = rbm_from_bytes(bin16.value(), expect_nv);
      FUZZ_CHECK(back16.ok());
      check_rbm(back16.value());
    } else {
      FUZZ_CHECK(!bin16.error().empty());
    }
  } else {
    DbnTrainingInfo info;
    auto d = dbn_from_bytes(bytes, 0, &info);
    if (!d.ok()) {
      FUZZ_CHECK(!d.error().empty());
      return 0;
    }
    const Dbn& dbn = d.value();
    FUZZ_CHECK(dbn_shapes_ok(dbn));
    for (const Rbm& r : dbn.layers) check_rbm(r);
    check_rbm(dbn.top);
    const std::vector<uint8_t> bin = dbn_to_binary(dbn);
    auto again = dbn_from_bytes(bin);
    FUZZ_CHECK(again.ok() && again.value().layers.size() == dbn.layers.size() && same(again.value().top, dbn.top));
    const std::string js = dbn_to_json(dbn, &info);
    auto again2 = dbn_from_bytes(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(js.data()), js.size()));
    FUZZ_CHECK(again2.ok() && same(again2.value().top, dbn.top));
  }
  return 0;
}
