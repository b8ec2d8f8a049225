// test_gemm.cpp: the packed sgemm against a double-precision triple loop, for every transpose
// combination, edge sizes around the register tile and block boundaries, alpha/beta, and
// strided (sub-matrix) operands. Prints the max difference per case family.
#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <vector>

#include "gemm.hpp"
#include "rng.hpp"

using namespace ebm;

namespace {

struct Case {
  bool ta, tb;
  int m, n, k;
  float alpha, beta;
};

// Runs one case with leading dimensions padded by `pad` and returns max |C - C_ref| / (1 + k).
double run_case(const Case& c, int pad, Rng& rng) {
  const int lda = (c.ta ? c.m : c.k) + pad, ldb = (c.tb ? c.k : c.n) + pad, ldc = c.n + pad;
  const int arows = c.ta ? c.k : c.m, brows = c.tb ? c.n : c.k;
  std::vector<float> a(static_cast<size_t>(arows) * lda + 1), b(static_cast<size_t>(brows) * ldb + 1);
  std::vector<float> c0(static_cast<size_t>(c.m) * ldc + 1);
  for (float& x : a) x = rng.uniform() * 2 - 1;
  for (float& x : b) x = rng.uniform() * 2 - 1;
  for (float& x : c0) x = rng.uniform() * 2 - 1;
  std::vector<float> got = c0, want = c0;
  if (c.beta == 0.0f)  // beta = 0 must not read C: poison it
    for (float& x : got) x = std::nanf("");
  sgemm(c.ta, c.tb, c.m, c.n, c.k, c.alpha, a.data(), lda, b.data(), ldb, c.beta, got.data(), ldc);
  sgemm_reference(c.ta, c.tb, c.m, c.n, c.k, c.alpha, a.data(), lda, b.data(), ldb, c.beta, want.data(), ldc);
  double md = 0;
  for (int i = 0; i < c.m; ++i) {
    for (int j = 0; j < c.n; ++j) md = std::max(md, double(std::fabs(got[i * ldc + j] - want[i * ldc + j])));
    for (int j = c.n; j < ldc; ++j)  // padding between rows is never written
      if (!(got[i * ldc + j] == c0[i * ldc + j] || (c.beta == 0.0f && std::isnan(got[i * ldc + j])))) md = 1e30;
  }
  return md / (1.0 + c.k);
}

}  // namespace

TEST_CASE("sgemm: matches the reference for all transposes, edge sizes and alpha/beta") {
  Rng rng(11);
  const int sizes[] = {1, 3, 4, 7, 8, 9, 16, 31, 33, 65, 130};
  double worst = 0;
  int cases = 0;
  for (int ta = 0; ta < 2; ++ta)
    for (int tb = 0; tb < 2; ++tb)
      for (int m : sizes)
        for (int n : {1, 5, 17, 33, 70})
          for (int k : {1, 2, 19, 64}) {
            const float alpha = (cases % 3 == 0) ? 1.0f : -0.75f;
            const float beta = (cases % 4 == 0) ? 0.0f : (cases % 4 == 1 ? 1.0f : 0.5f);
            const double d = run_case({ta == 1, tb == 1, m, n, k, alpha, beta}, cases % 3, rng);
            worst = std::max(worst, d);
            ++cases;
          }
  std::printf("sgemm (%s): %d small cases, max |diff| / (1 + k) = %.3g\n", sgemm_kernel_name(), cases, worst);
  CHECK(worst < 1e-6);
}

TEST_CASE("sgemm: RBM-sized shapes cross the MC/KC/NC block boundaries") {
  Rng rng(12);
  const Case cases[] = {{false, false, 100, 500, 784, 1.0f, 0.0f},   // v W
                        {false, true, 100, 784, 500, 1.0f, 1.0f},    // h W^T + bias
                        {true, false, 784, 500, 200, 0.01f, 0.9f},   // momentum gradient
                        {false, false, 300, 1100, 530, -1.0f, 0.5f}, // > NC columns
                        {true, true, 129, 257, 513, 2.0f, 0.0f}};
  double worst = 0;
  for (const Case& c : cases) worst = std::max(worst, run_case(c, 0, rng));
  std::printf("sgemm large shapes: max |diff| / (1 + k) = %.3g\n", worst);
  CHECK(worst < 1e-6);
}

TEST_CASE("sgemm: k = 0 scales C by beta; m or n = 0 does nothing") {
  std::vector<float> c = {1, 2, 3, 4};
  sgemm(false, false, 2, 2, 0, 1.0f, nullptr, 1, nullptr, 2, 0.5f, c.data(), 2);
  CHECK(c == std::vector<float>{0.5f, 1, 1.5f, 2});
  sgemm(false, false, 2, 2, 0, 1.0f, nullptr, 1, nullptr, 2, 0.0f, c.data(), 2);
  CHECK(c == std::vector<float>{0, 0, 0, 0});
  c = {7, 7, 7, 7};
  sgemm(false, false, 0, 2, 3, 1.0f, nullptr, 3, nullptr, 2, 0.0f, c.data(), 2);
  CHECK(c == std::vector<float>{7, 7, 7, 7});
}

TEST_CASE("sgemm: zero skipping gives the dense result bit for bit on sparse operands") {
  Rng rng(13);
  double worst = 0;
  int cases = 0;
  for (float density : {0.0f, 0.02f, 0.2f, 0.6f, 1.0f})
    for (int ta = 0; ta < 2; ++ta)
      for (auto [m, n, k] : {std::array<int, 3>{100, 70, 300}, std::array<int, 3>{37, 33, 513}, std::array<int, 3>{200, 17, 9}}) {
        const int lda = ta ? m : k;
        std::vector<float> a(static_cast<size_t>(ta ? k : m) * lda), b(static_cast<size_t>(k) * n);
        for (float& x : a) x = rng.uniform() < density ? (rng.uniform() < 0.5f ? 1.0f : rng.uniform()) : 0.0f;
        for (int r = 0; r < (ta ? k : m); r += 3)  // whole zero rows too
          for (int j = 0; j < lda; ++j) a[static_cast<size_t>(r) * lda + j] = 0.0f;
        for (float& x : b) x = rng.uniform() * 2 - 1;
        std::vector<float> c0(static_cast<size_t>(m) * n);
        for (float& x : c0) x = rng.uniform();
        std::vector<float> dense = c0, skip = c0, ref = c0;
        sgemm_set_zero_skipping(false);
        sgemm(ta == 1, false, m, n, k, 0.5f, a.data(), lda, b.data(), n, 0.25f, dense.data(), n);
        sgemm_set_zero_skipping(true);
        sgemm(ta == 1, false, m, n, k, 0.5f, a.data(), lda, b.data(), n, 0.25f, skip.data(), n);
        sgemm_reference(ta == 1, false, m, n, k, 0.5f, a.data(), lda, b.data(), n, 0.25f, ref.data(), n);
        REQUIRE(skip == dense);
        for (size_t i = 0; i < ref.size(); ++i) worst = std::max(worst, double(std::fabs(skip[i] - ref[i])) / (1 + k));
        ++cases;
      }
  std::printf("sgemm zero skipping: %d cases identical to dense, max |diff| / (1 + k) vs reference %.3g\n", cases, worst);
  CHECK(worst < 1e-6);
  CHECK(sgemm_zero_skipping());
}

TEST_CASE("sgemm_packed: a pre-packed B gives sgemm's result bit for bit") {
  Rng rng(14);
  for (int tb = 0; tb < 2; ++tb) {
    const int m = 67, n = 1100, k = 300;  // more than one NC and KC block
    std::vector<float> a(static_cast<size_t>(m) * k), b(static_cast<size_t>(k) * n), c1(static_cast<size_t>(m) * n), c2;
    for (float& x : a) x = rng.uniform() < 0.3f ? rng.uniform() : 0.0f;
    for (float& x : b) x = rng.uniform() - 0.5f;
    for (float& x : c1) x = rng.uniform();
    c2 = c1;
    const int ldb = tb ? k : n;
    sgemm(false, tb == 1, m, n, k, 1.5f, a.data(), k, b.data(), ldb, 0.5f, c1.data(), n);
    PackedMatrix pb;
    sgemm_pack_b(tb == 1, k, n, b.data(), ldb, pb);
    PackedMatrix copy = pb;  // copies stay aligned and usable
    sgemm_packed(false, m, 1.5f, a.data(), k, copy, 0.5f, c2.data(), n);
    CHECK(c1 == c2);
  }
}
