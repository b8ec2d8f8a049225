// gemm.cpp: the blocked, packed sgemm behind every RBM propagation and gradient (see gemm.hpp).
// Loop order and packing follow BLIS (Van Zee & van de Geijn 2015): jc (NC columns of C) ->
// pc (KC of the inner dimension; pack a KC x NC panel of op(B)) -> ic (MC rows; pack an MC x KC
// block of op(A)) -> jr (NR) -> ir (MR) -> an MR x NR register tile. Not threaded, not a BLAS.
//
// [SECTION] Vector abstraction per target (AVX-512, AVX2+FMA, wasm SIMD128, scalar)
// [SECTION] Micro-kernel
// [SECTION] Packing
// [SECTION] Driver (plain and with a pre-packed B)
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
int g_pack_idx[(kMC / kMR) * kKC];  // per A panel: the columns p kept by zero skipping
int g_pack_cnt[kMC / kMR];          // per A panel: how many (kc = dense)
bool g_zero_skipping = true;

// [SECTION] Micro-kernel --------------------------------------------------------------------
// c[0..R) x [0..NR) = alpha * sum_p ap[p][0..R) (x) bp[p][:] + beta * c, where ap holds kMR
// floats per p (a packed column of op(A); R <= kMR of them are used) and bp holds NR floats per
// p (a packed row of op(B)). beta == 0 never reads c. R = kMR / 2 serves the common bottom edge
// (a batch of 100 rows is 12 tiles of 8 and one of 4) without computing padding rows.
template <int R>
inline void store_tile(typename V::T (&acc)[R][kNV], float* __restrict c, int ldc, float alpha,
                       float beta) {
  const typename V::T va = V::set1(alpha);
  if (beta == 0.0f) {
    for (int i = 0; i < R; ++i)
      for (int j = 0; j < kNV; ++j) V::storeu(c + i * ldc + j * V::W, V::mul(va, acc[i][j]));
  } else {
    const typename V::T vb = V::set1(beta);
    for (int i = 0; i < R; ++i)
      for (int j = 0; j < kNV; ++j) {
        float* cp = c + i * ldc + j * V::W;
        V::storeu(cp, V::madd(va, acc[i][j], V::mul(vb, V::loadu(cp))));
      }
  }
}

template <int R>
inline void micro_kernel(int kc, const float* __restrict ap, const float* __restrict bp,
                         float* __restrict c, int ldc, float alpha, float beta) {
  typename V::T acc[R][kNV];
  for (int i = 0; i < R; ++i)
    for (int j = 0; j < kNV; ++j) acc[i][j] = V::zero();
  for (int p = 0; p < kc; ++p) {
    typename V::T bv[kNV];
    for (int j = 0; j < kNV; ++j) bv[j] = V::load(bp + j * V::W);
    for (int i = 0; i < R; ++i) {
      const typename V::T a = V::splat(ap + i);
      for (int j = 0; j < kNV; ++j) acc[i][j] = V::madd(a, bv[j], acc[i][j]);
    }
    ap += kMR;
    bp += kNR;
  }
  store_tile<R>(acc, c, ldc, alpha, beta);
}

// The same product over a compacted A panel: only the `cnt` values of p listed in idx (those
// where the panel's column of op(A) is not all zero) are visited; ap holds their columns back to
// back. Skipped terms are exact zeros, so the result equals the dense kernel's whenever op(B)
// is finite. Binary and image data (MNIST is 80% background) skip most of k.
template <int R>
inline void micro_kernel_sparse(int cnt, const int* __restrict idx, const float* __restrict ap,
                                const float* __restrict bp, float* __restrict c, int ldc,
                                float alpha, float beta) {
  typename V::T acc[R][kNV];
  for (int i = 0; i < R; ++i)
    for (int j = 0; j < kNV; ++j) acc[i][j] = V::zero();
  for (int q = 0; q < cnt; ++q) {
    const float* b = bp + static_cast<size_t>(idx[q]) * kNR;
    typename V::T bv[kNV];
    for (int j = 0; j < kNV; ++j) bv[j] = V::load(b + j * V::W);
    for (int i = 0; i < R; ++i) {
      const typename V::T a = V::splat(ap + i);
      for (int j = 0; j < kNV; ++j) acc[i][j] = V::madd(a, bv[j], acc[i][j]);
    }
    ap += kMR;
  }
  store_tile<R>(acc, c, ldc, alpha, beta);
}

constexpr int kHalfMR = kMR / 2 > 0 ? kMR / 2 : 1;

// A packed MR-row panel of op(A): dense (cnt == kc, idx unused) or compacted to the cnt
// columns listed in idx.
struct PanelA {
  const float* ap;
  const int* idx;
  int cnt;
  int kc;
};

template <int R>
inline void kernel(const PanelA& pa, const float* bp, float* c, int ldc, float alpha, float beta) {
  if (pa.cnt == pa.kc)
    micro_kernel<R>(pa.kc, pa.ap, bp, c, ldc, alpha, beta);
  else
    micro_kernel_sparse<R>(pa.cnt, pa.idx, pa.ap, bp, c, ldc, alpha, beta);
}

// One tile of C: the full kernel, the half-height kernel for a half tile, otherwise compute
// into a local buffer and write only the valid mr x nr part.
inline void tile(const PanelA& pa, const float* bp, float* c, int ldc, int mr, int nr, float alpha,
                 float beta) {
  if (nr == kNR && mr == kMR) return kernel<kMR>(pa, bp, c, ldc, alpha, beta);
  if (nr == kNR && mr == kHalfMR) return kernel<kHalfMR>(pa, bp, c, ldc, alpha, beta);
  alignas(64) float buf[kMR * kNR];
  if (mr <= kHalfMR)
    kernel<kHalfMR>(pa, bp, buf, kNR, 1.0f, 0.0f);
  else
    kernel<kMR>(pa, bp, buf, kNR, 1.0f, 0.0f);
  for (int i = 0; i < mr; ++i)
    for (int j = 0; j < nr; ++j) {
      float& out = c[i * ldc + j];
      out = beta == 0.0f ? alpha * buf[i * kNR + j] : alpha * buf[i * kNR + j] + beta * out;
    }
}

// [SECTION] Packing ---------------------------------------------------------------------------
// dst[q * stride + t] = src[t][off + q] for t, q < kT: a kT x kT transpose in registers.
#if defined(__AVX2__)
constexpr int kT = 8;
inline void transpose_block(const float* const* src, int off, float* dst, int stride) {
  const __m256 r0 = _mm256_loadu_ps(src[0] + off), r1 = _mm256_loadu_ps(src[1] + off);
  const __m256 r2 = _mm256_loadu_ps(src[2] + off), r3 = _mm256_loadu_ps(src[3] + off);
  const __m256 r4 = _mm256_loadu_ps(src[4] + off), r5 = _mm256_loadu_ps(src[5] + off);
  const __m256 r6 = _mm256_loadu_ps(src[6] + off), r7 = _mm256_loadu_ps(src[7] + off);
  const __m256 t0 = _mm256_unpacklo_ps(r0, r1), t1 = _mm256_unpackhi_ps(r0, r1);
  const __m256 t2 = _mm256_unpacklo_ps(r2, r3), t3 = _mm256_unpackhi_ps(r2, r3);
  const __m256 t4 = _mm256_unpacklo_ps(r4, r5), t5 = _mm256_unpackhi_ps(r4, r5);
  const __m256 t6 = _mm256_unpacklo_ps(r6, r7), t7 = _mm256_unpackhi_ps(r6, r7);
  const __m256 u0 = _mm256_shuffle_ps(t0, t2, _MM_SHUFFLE(1, 0, 1, 0));
  const __m256 u1 = _mm256_shuffle_ps(t0, t2, _MM_SHUFFLE(3, 2, 3, 2));
  const __m256 u2 = _mm256_shuffle_ps(t1, t3, _MM_SHUFFLE(1, 0, 1, 0));
  const __m256 u3 = _mm256_shuffle_ps(t1, t3, _MM_SHUFFLE(3, 2, 3, 2));
  const __m256 u4 = _mm256_shuffle_ps(t4, t6, _MM_SHUFFLE(1, 0, 1, 0));
  const __m256 u5 = _mm256_shuffle_ps(t4, t6, _MM_SHUFFLE(3, 2, 3, 2));
  const __m256 u6 = _mm256_shuffle_ps(t5, t7, _MM_SHUFFLE(1, 0, 1, 0));
  const __m256 u7 = _mm256_shuffle_ps(t5, t7, _MM_SHUFFLE(3, 2, 3, 2));
  _mm256_storeu_ps(dst + 0 * stride, _mm256_permute2f128_ps(u0, u4, 0x20));
  _mm256_storeu_ps(dst + 1 * stride, _mm256_permute2f128_ps(u1, u5, 0x20));
  _mm256_storeu_ps(dst + 2 * stride, _mm256_permute2f128_ps(u2, u6, 0x20));
  _mm256_storeu_ps(dst + 3 * stride, _mm256_permute2f128_ps(u3, u7, 0x20));
  _mm256_storeu_ps(dst + 4 * stride, _mm256_permute2f128_ps(u0, u4, 0x31));
  _mm256_storeu_ps(dst + 5 * stride, _mm256_permute2f128_ps(u1, u5, 0x31));
  _mm256_storeu_ps(dst + 6 * stride, _mm256_permute2f128_ps(u2, u6, 0x31));
  _mm256_storeu_ps(dst + 7 * stride, _mm256_permute2f128_ps(u3, u7, 0x31));
}
#elif defined(__wasm_simd128__)
constexpr int kT = 4;
inline void transpose_block(const float* const* src, int off, float* dst, int stride) {
  const v128_t r0 = wasm_v128_load(src[0] + off), r1 = wasm_v128_load(src[1] + off);
  const v128_t r2 = wasm_v128_load(src[2] + off), r3 = wasm_v128_load(src[3] + off);
  const v128_t t0 = wasm_i32x4_shuffle(r0, r1, 0, 4, 1, 5), t1 = wasm_i32x4_shuffle(r0, r1, 2, 6, 3, 7);
  const v128_t t2 = wasm_i32x4_shuffle(r2, r3, 0, 4, 1, 5), t3 = wasm_i32x4_shuffle(r2, r3, 2, 6, 3, 7);
  wasm_v128_store(dst + 0 * stride, wasm_i32x4_shuffle(t0, t2, 0, 1, 4, 5));
  wasm_v128_store(dst + 1 * stride, wasm_i32x4_shuffle(t0, t2, 2, 3, 6, 7));
  wasm_v128_store(dst + 2 * stride, wasm_i32x4_shuffle(t1, t3, 0, 1, 4, 5));
  wasm_v128_store(dst + 3 * stride, wasm_i32x4_shuffle(t1, t3, 2, 3, 6, 7));
}
#else
constexpr int kT = 1;
inline void transpose_block(const float* const* src, int off, float* dst, int) { dst[0] = src[0][off]; }
#endif
static_assert(kNR % kT == 0, "the register tile width must hold whole transpose blocks");

// op(A) block rows [i0, i0+mc) x cols [p0, p0+kc) into MR-row panels: panel r holds
// dst[p * MR + ii] = op(A)(i0 + r*MR + ii, p0 + p), zero beyond mc.
void pack_a(bool trans, const float* a, int lda, int i0, int p0, int mc, int kc, float* dst,
            int* idx, int* counts) {
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
    // Zero skipping: list the columns p where some row is non-zero. Compact the panel only
    // when that saves at least a sixth of the work (the indexed kernel costs a little more
    // per step); otherwise it stays dense (count = kc).
    int* pidx = idx + static_cast<size_t>(ir / kMR) * kKC;
    int cnt = 0;
    if (g_zero_skipping) {
      for (int p = 0; p < kc; ++p) {
        bool any = false;
        for (int ii = 0; ii < kMR; ++ii) any |= d[p * kMR + ii] != 0.0f;
        if (any) pidx[cnt++] = p;
      }
    } else {
      cnt = kc;
    }
    if (cnt * 6 > kc * 5) {
      cnt = kc;
    } else {
      for (int q = 0; q < cnt; ++q)
        if (pidx[q] != q)
          for (int ii = 0; ii < kMR; ++ii) d[q * kMR + ii] = d[pidx[q] * kMR + ii];
    }
    counts[ir / kMR] = cnt;
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
    } else {  // op(B)(p, j) = b[j * ldb + p]: a contiguous row of b per jj, transposed
      // in kT x kT register blocks (the h W^T product packs all of W this way every batch).
      for (int jg = 0; jg < kNR; jg += kT) {
        if (jg + kT <= nr) {
          const float* src[kT];
          for (int t = 0; t < kT; ++t) src[t] = b + static_cast<size_t>(j0 + jr + jg + t) * ldb + p0;
          int p = 0;
          for (; p + kT <= kc; p += kT) transpose_block(src, p, d + p * kNR + jg, kNR);
          for (; p < kc; ++p)
            for (int t = 0; t < kT; ++t) d[p * kNR + jg + t] = src[t][p];
        } else {
          for (int p = 0; p < kc; ++p)
            for (int t = 0; t < kT; ++t) {
              const int jj = jg + t;
              d[p * kNR + jj] = jj < nr ? b[static_cast<size_t>(j0 + jr + jj) * ldb + p0 + p] : 0.0f;
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
namespace {

struct Blocking {
  int nc_step, kc_step;
};
Blocking blocking(int k, int n) { return {even_block(n, kNC, kNR), even_block(k, kKC, 1)}; }

// The BLIS loops. op(B) comes either from (trans_b, b, ldb), packed here block by block, or
// pre-packed (`packed` not null, laid out block after block as sgemm_pack_b writes it).
void gemm_driver(bool trans_a, bool trans_b, int m, int n, int k, float alpha, const float* a,
                 int lda, const float* b, int ldb, const float* packed, float beta, float* c,
                 int ldc) {
  const Blocking bl = blocking(k, n);
  const int mc_step = even_block(m, kMC, kMR);
  for (int jc = 0; jc < n; jc += bl.nc_step) {
    const int nc = std::min(bl.nc_step, n - jc);
    const int ncp = (nc + kNR - 1) / kNR * kNR;
    for (int pc = 0; pc < k; pc += bl.kc_step) {
      const int kc = std::min(bl.kc_step, k - pc);
      const float beta_eff = pc == 0 ? beta : 1.0f;  // later k-blocks accumulate into C
      const float* pb;
      if (packed) {
        pb = packed + static_cast<size_t>(jc) * k + static_cast<size_t>(pc) * ncp;
      } else {
        pack_b(trans_b, b, ldb, pc, jc, kc, nc, g_pack_b);
        pb = g_pack_b;
      }
      for (int ic = 0; ic < m; ic += mc_step) {
        const int mc = std::min(mc_step, m - ic);
        pack_a(trans_a, a, lda, ic, pc, mc, kc, g_pack_a, g_pack_idx, g_pack_cnt);
        for (int jr = 0; jr < nc; jr += kNR) {
          const int nr = std::min(kNR, nc - jr);
          const float* bp = pb + static_cast<size_t>(jr) * kc;
          for (int ir = 0; ir < mc; ir += kMR) {
            const PanelA pa{g_pack_a + static_cast<size_t>(ir) * kc,
                            g_pack_idx + static_cast<size_t>(ir / kMR) * kKC, g_pack_cnt[ir / kMR], kc};
            float* cp = c + static_cast<size_t>(ic + ir) * ldc + jc + jr;
            tile(pa, bp, cp, ldc, std::min(kMR, mc - ir), nr, alpha, beta_eff);
          }
        }
      }
    }
  }
}

// Handles the degenerate sizes; returns true when nothing is left to do.
bool trivial(int m, int n, int k, float beta, float* c, int ldc) {
  EBM_ASSERT(m >= 0 && n >= 0 && k >= 0, "sgemm: negative dimension");
  EBM_ASSERT(ldc >= n, "sgemm: ldc < n");
  if (m == 0 || n == 0) return true;
  if (k == 0) {
    for (int i = 0; i < m; ++i)
      for (int j = 0; j < n; ++j) c[i * ldc + j] = beta == 0.0f ? 0.0f : beta * c[i * ldc + j];
    return true;
  }
  return false;
}

}  // namespace

void sgemm(bool trans_a, bool trans_b, int m, int n, int k, float alpha, const float* a, int lda,
           const float* b, int ldb, float beta, float* c, int ldc) {
  if (trivial(m, n, k, beta, c, ldc)) return;
  EBM_ASSERT(lda >= (trans_a ? m : k) && ldb >= (trans_b ? k : n), "sgemm: leading dimension");
  gemm_driver(trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, nullptr, beta, c, ldc);
}

void sgemm_pack_b(bool trans_b, int k, int n, const float* b, int ldb, PackedMatrix& out) {
  EBM_ASSERT(k >= 1 && n >= 1 && ldb >= (trans_b ? k : n), "sgemm_pack_b: bad shape");
  const Blocking bl = blocking(k, n);
  size_t total = 0;
  for (int jc = 0; jc < n; jc += bl.nc_step) {
    const int nc = std::min(bl.nc_step, n - jc);
    total += static_cast<size_t>((nc + kNR - 1) / kNR * kNR) * k;
  }
  if (out.data.size() < total) out.data.resize(total);
  out.k = k;
  out.n = n;
  for (int jc = 0; jc < n; jc += bl.nc_step) {
    const int nc = std::min(bl.nc_step, n - jc);
    const int ncp = (nc + kNR - 1) / kNR * kNR;
    for (int pc = 0; pc < k; pc += bl.kc_step) {
      const int kc = std::min(bl.kc_step, k - pc);
      pack_b(trans_b, b, ldb, pc, jc, kc, nc,
             out.data.data() + static_cast<size_t>(jc) * k + static_cast<size_t>(pc) * ncp);
    }
  }
}

void sgemm_packed(bool trans_a, int m, float alpha, const float* a, int lda, const PackedMatrix& b,
                  float beta, float* c, int ldc) {
  if (trivial(m, b.n, b.k, beta, c, ldc)) return;
  EBM_ASSERT(lda >= (trans_a ? m : b.k), "sgemm_packed: leading dimension");
  gemm_driver(trans_a, false, m, b.n, b.k, alpha, a, lda, nullptr, 0, b.data.data(), beta, c, ldc);
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

void sgemm_set_zero_skipping(bool on) { g_zero_skipping = on; }
bool sgemm_zero_skipping() { return g_zero_skipping; }

}  // namespace ebm
