// gemm.cpp: the blocked, packed sgemm behind every RBM propagation and gradient (see gemm.hpp).
// Loop order and packing follow BLIS (Van Zee & van de Geijn 2015): jc (NC columns of C) ->
// pc (KC of the inner dimension; pack a KC x NC panel of op(B)) -> ic (MC rows; pack an MC x KC
// block of op(A)) -> jr (NR) -> ir (MR) -> an MR x NR register tile. Not threaded, not a BLAS.
//
// [SECTION] Vector abstraction per target (AVX-512, AVX2+FMA, wasm SIMD128, scalar)
// [SECTION] Micro-kernel
// [SECTION] Packing
// [SECTION] Driver
// [SECTION] Reference
#include "gemm.hpp"

#include <algorithm>
#include <cstring>

#include "check.hpp"

#if defined(__AVX512F__) || (defined(__AVX2__) && defined(__FMA__))
#include <immintrin.h>
#elif defined(__wasm_simd128__)
#include <wasm_simd128.h>
#endif

namespace ebm {
namespace {

// [SECTION] Vector abstraction per target -------------------------------------------------
// Each target gives a vector type T of W floats and the register tile MR x (NV * W).
// Tile sizes: AVX-512 has 32 registers, 8 x 2 = 16 accumulators leave room for the B loads
// and broadcasts; wasm must stay near 8 accumulators or V8 spills (PERF_NOTES: 38 -> 26
// GFLOP/s with larger tiles), so 4 x 2 vectors of 4 = a 4 x 8 tile.
#if defined(__AVX512F__)
struct V {
  using T = __m512;
  static constexpr int W = 16;
  static T zero() { return _mm512_setzero_ps(); }
  static T load(const float* p) { return _mm512_load_ps(p); }
  static T loadu(const float* p) { return _mm512_loadu_ps(p); }
  static void storeu(float* p, T x) { _mm512_storeu_ps(p, x); }
  static T splat(const float* p) { return _mm512_set1_ps(*p); }
  static T set1(float x) { return _mm512_set1_ps(x); }
  static T madd(T a, T b, T c) { return _mm512_fmadd_ps(a, b, c); }  // a * b + c
  static T mul(T a, T b) { return _mm512_mul_ps(a, b); }
};
constexpr int kMR = 8, kNV = 2;
constexpr int kMC = 128, kKC = 256, kNC = 1024;
constexpr const char* kKernelName = "avx512 8x32";
#elif defined(__AVX2__) && defined(__FMA__)
struct V {
  using T = __m256;
  static constexpr int W = 8;
  static T zero() { return _mm256_setzero_ps(); }
  static T load(const float* p) { return _mm256_load_ps(p); }
  static T loadu(const float* p) { return _mm256_loadu_ps(p); }
  static void storeu(float* p, T x) { _mm256_storeu_ps(p, x); }
  static T splat(const float* p) { return _mm256_broadcast_ss(p); }
  static T set1(float x) { return _mm256_set1_ps(x); }
  static T madd(T a, T b, T c) { return _mm256_fmadd_ps(a, b, c); }
  static T mul(T a, T b) { return _mm256_mul_ps(a, b); }
};
constexpr int kMR = 6, kNV = 2;
constexpr int kMC = 120, kKC = 256, kNC = 1024;
constexpr const char* kKernelName = "avx2-fma 6x16";
#elif defined(__wasm_simd128__)
struct V {
  using T = v128_t;
  static constexpr int W = 4;
  static T zero() { return wasm_f32x4_splat(0.0f); }
  static T load(const float* p) { return wasm_v128_load(p); }
  static T loadu(const float* p) { return wasm_v128_load(p); }
  static void storeu(float* p, T x) { wasm_v128_store(p, x); }
  static T splat(const float* p) { return wasm_v128_load32_splat(p); }
  static T set1(float x) { return wasm_f32x4_splat(x); }
  // No FMA in wasm SIMD128 (clang 14): separate mul + add, which this CPU issues at the same
  // 128-bit rate (PERF_NOTES).
  static T madd(T a, T b, T c) { return wasm_f32x4_add(c, wasm_f32x4_mul(a, b)); }
  static T mul(T a, T b) { return wasm_f32x4_mul(a, b); }
};
constexpr int kMR = 4, kNV = 2;
constexpr int kMC = 128, kKC = 256, kNC = 1024;
constexpr const char* kKernelName = "wasm-simd128 4x8";
#else
struct V {
  using T = float;
  static constexpr int W = 1;
  static T zero() { return 0.0f; }
  static T load(const float* p) { return *p; }
  static T loadu(const float* p) { return *p; }
  static void storeu(float* p, T x) { *p = x; }
  static T splat(const float* p) { return *p; }
  static T set1(float x) { return x; }
  static T madd(T a, T b, T c) { return a * b + c; }
  static T mul(T a, T b) { return a * b; }
};
constexpr int kMR = 4, kNV = 4;
constexpr int kMC = 128, kKC = 256, kNC = 1024;
constexpr const char* kKernelName = "scalar 4x4";
#endif

constexpr int kNR = kNV * V::W;
static_assert(kMC % kMR == 0 && kNC % kNR == 0, "block sizes must hold whole register tiles");

// Packed panels, sized once: no call ever allocates. 64-byte aligned for the vector loads.
alignas(64) float g_pack_a[kMC * kKC];
alignas(64) float g_pack_b[kKC * kNC];

// [SECTION] Micro-kernel --------------------------------------------------------------------
// c[0..MR) x [0..NR) = alpha * sum_p ap[p][:] (x) bp[p][:] + beta * c, where ap is MR floats
// per p (a packed column of op(A)) and bp is NR floats per p (a packed row of op(B)).
// beta == 0 never reads c.
inline void micro_kernel(int kc, const float* __restrict ap, const float* __restrict bp,
                         float* __restrict c, int ldc, float alpha, float beta) {
  typename V::T acc[kMR][kNV];
  for (int i = 0; i < kMR; ++i)
    for (int j = 0; j < kNV; ++j) acc[i][j] = V::zero();
  for (int p = 0; p < kc; ++p) {
    typename V::T bv[kNV];
    for (int j = 0; j < kNV; ++j) bv[j] = V::load(bp + j * V::W);
    for (int i = 0; i < kMR; ++i) {
      const typename V::T a = V::splat(ap + i);
      for (int j = 0; j < kNV; ++j) acc[i][j] = V::madd(a, bv[j], acc[i][j]);
    }
    ap += kMR;
    bp += kNR;
  }
  const typename V::T va = V::set1(alpha);
  if (beta == 0.0f) {
    for (int i = 0; i < kMR; ++i)
      for (int j = 0; j < kNV; ++j) V::storeu(c + i * ldc + j * V::W, V::mul(va, acc[i][j]));
  } else {
    const typename V::T vb = V::set1(beta);
    for (int i = 0; i < kMR; ++i)
      for (int j = 0; j < kNV; ++j) {
        float* cp = c + i * ldc + j * V::W;
        V::storeu(cp, V::madd(va, acc[i][j], V::mul(vb, V::loadu(cp))));
      }
  }
}

// A partial tile (at the right or bottom edge of C): compute the full tile into a local
// buffer, then write only the valid mr x nr part.
inline void edge_kernel(int kc, const float* ap, const float* bp, float* c, int ldc, int mr,
                        int nr, float alpha, float beta) {
  alignas(64) float tile[kMR * kNR];
  micro_kernel(kc, ap, bp, tile, kNR, 1.0f, 0.0f);
  for (int i = 0; i < mr; ++i)
    for (int j = 0; j < nr; ++j) {
      float& out = c[i * ldc + j];
      out = beta == 0.0f ? alpha * tile[i * kNR + j] : alpha * tile[i * kNR + j] + beta * out;
    }
}

// [SECTION] Packing ---------------------------------------------------------------------------
// op(A) block rows [i0, i0+mc) x cols [p0, p0+kc) into MR-row panels: panel r holds
// dst[p * MR + ii] = op(A)(i0 + r*MR + ii, p0 + p), zero beyond mc.
void pack_a(bool trans, const float* a, int lda, int i0, int p0, int mc, int kc, float* dst) {
  for (int ir = 0; ir < mc; ir += kMR) {
    const int mr = std::min(kMR, mc - ir);
    float* d = dst + static_cast<size_t>(ir) * kc;
    if (trans) {  // op(A)(i, p) = a[p * lda + i]: MR contiguous floats per p
      for (int p = 0; p < kc; ++p) {
        const float* s = a + static_cast<size_t>(p0 + p) * lda + i0 + ir;
        int ii = 0;
        for (; ii < mr; ++ii) d[p * kMR + ii] = s[ii];
        for (; ii < kMR; ++ii) d[p * kMR + ii] = 0.0f;
      }
    } else {  // op(A)(i, p) = a[i * lda + p]: a contiguous row per ii
      for (int ii = 0; ii < kMR; ++ii) {
        if (ii < mr) {
          const float* s = a + static_cast<size_t>(i0 + ir + ii) * lda + p0;
          for (int p = 0; p < kc; ++p) d[p * kMR + ii] = s[p];
        } else {
          for (int p = 0; p < kc; ++p) d[p * kMR + ii] = 0.0f;
        }
      }
    }
  }
}

// op(B) block rows [p0, p0+kc) x cols [j0, j0+nc) into NR-column panels: panel s holds
// dst[p * NR + jj] = op(B)(p0 + p, j0 + s*NR + jj), zero beyond nc.
void pack_b(bool trans, const float* b, int ldb, int p0, int j0, int kc, int nc, float* dst) {
  for (int jr = 0; jr < nc; jr += kNR) {
    const int nr = std::min(kNR, nc - jr);
    float* d = dst + static_cast<size_t>(jr) * kc;
    if (!trans) {  // op(B)(p, j) = b[p * ldb + j]: NR contiguous floats per p
      for (int p = 0; p < kc; ++p) {
        const float* s = b + static_cast<size_t>(p0 + p) * ldb + j0 + jr;
        if (nr == kNR) {
          std::memcpy(d + p * kNR, s, sizeof(float) * kNR);
        } else {
          int jj = 0;
          for (; jj < nr; ++jj) d[p * kNR + jj] = s[jj];
          for (; jj < kNR; ++jj) d[p * kNR + jj] = 0.0f;
        }
      }
    } else {  // op(B)(p, j) = b[j * ldb + p]: a contiguous row of b per jj
      // Rows of b are read in groups of 8 through a small column block so each write is a
      // contiguous run of 8 floats and each read stream stays in L1.
      constexpr int kG = kNR < 8 ? kNR : 8;
      for (int jg = 0; jg < kNR; jg += kG) {
        const float* s[kG];
        for (int t = 0; t < kG; ++t)
          s[t] = jg + t < nr ? b + static_cast<size_t>(j0 + jr + jg + t) * ldb + p0 : nullptr;
        if (jg + kG <= nr) {
          for (int p = 0; p < kc; ++p) {
            float* dp = d + p * kNR + jg;
            for (int t = 0; t < kG; ++t) dp[t] = s[t][p];
          }
        } else {
          for (int p = 0; p < kc; ++p) {
            float* dp = d + p * kNR + jg;
            for (int t = 0; t < kG; ++t) dp[t] = s[t] ? s[t][p] : 0.0f;
          }
        }
      }
    }
  }
}

// Splits `total` into equal blocks of at most `cap`, each a multiple of `unit` (except the
// last), so 784 becomes 4 x 196 rather than 3 x 256 + 16.
int even_block(int total, int cap, int unit) {
  const int blocks = (total + cap - 1) / cap;
  int size = (total + blocks - 1) / blocks;
  size = (size + unit - 1) / unit * unit;
  return std::min(size, cap);
}

}  // namespace

// [SECTION] Driver ----------------------------------------------------------------------------
void sgemm(bool trans_a, bool trans_b, int m, int n, int k, float alpha, const float* a, int lda,
           const float* b, int ldb, float beta, float* c, int ldc) {
  EBM_ASSERT(m >= 0 && n >= 0 && k >= 0, "sgemm: negative dimension");
  EBM_ASSERT(ldc >= n, "sgemm: ldc < n");
  if (m == 0 || n == 0) return;
  if (k == 0) {
    for (int i = 0; i < m; ++i)
      for (int j = 0; j < n; ++j) c[i * ldc + j] = beta == 0.0f ? 0.0f : beta * c[i * ldc + j];
    return;
  }
  EBM_ASSERT(lda >= (trans_a ? m : k) && ldb >= (trans_b ? k : n), "sgemm: leading dimension");
  const int nc_step = even_block(n, kNC, kNR);
  const int kc_step = even_block(k, kKC, 1);
  const int mc_step = even_block(m, kMC, kMR);
  for (int jc = 0; jc < n; jc += nc_step) {
    const int nc = std::min(nc_step, n - jc);
    for (int pc = 0; pc < k; pc += kc_step) {
      const int kc = std::min(kc_step, k - pc);
      const float beta_eff = pc == 0 ? beta : 1.0f;  // later k-blocks accumulate into C
      pack_b(trans_b, b, ldb, pc, jc, kc, nc, g_pack_b);
      for (int ic = 0; ic < m; ic += mc_step) {
        const int mc = std::min(mc_step, m - ic);
        pack_a(trans_a, a, lda, ic, pc, mc, kc, g_pack_a);
        for (int jr = 0; jr < nc; jr += kNR) {
          const int nr = std::min(kNR, nc - jr);
          const float* bp = g_pack_b + static_cast<size_t>(jr) * kc;
          for (int ir = 0; ir < mc; ir += kMR) {
            const int mr = std::min(kMR, mc - ir);
            const float* ap = g_pack_a + static_cast<size_t>(ir) * kc;
            float* cp = c + static_cast<size_t>(ic + ir) * ldc + jc + jr;
            if (mr == kMR && nr == kNR)
              micro_kernel(kc, ap, bp, cp, ldc, alpha, beta_eff);
            else
              edge_kernel(kc, ap, bp, cp, ldc, mr, nr, alpha, beta_eff);
          }
        }
      }
    }
  }
}

// [SECTION] Reference -------------------------------------------------------------------------
void sgemm_reference(bool trans_a, bool trans_b, int m, int n, int k, float alpha,
                     const float* a, int lda, const float* b, int ldb, float beta, float* c,
                     int ldc) {
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < n; ++j) {
      double s = 0;
      for (int p = 0; p < k; ++p) {
        const double x = trans_a ? a[p * lda + i] : a[i * lda + p];
        const double y = trans_b ? b[j * ldb + p] : b[p * ldb + j];
        s += x * y;
      }
      float& out = c[i * ldc + j];
      out = static_cast<float>(alpha * s + (beta == 0.0f ? 0.0 : double(beta) * out));
    }
}

const char* sgemm_kernel_name() { return kKernelName; }

}  // namespace ebm
