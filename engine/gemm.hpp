// gemm.hpp: single-precision matrix product C = alpha * op(A) * op(B) + beta * C on row-major
// arrays, blocked and packed (Goto & van de Geijn 2008, the BLIS loop order) with a small
// register-tile kernel per target: AVX-512 / AVX2+FMA natively, wasm SIMD128 in the browser.
// Not a BLAS: one thread, row-major only, no complex or double; not reentrant (it packs into
// internal static buffers sized once at compile time, so a call never allocates).
#pragma once

namespace ebm {

/// C = alpha * op(A) * op(B) + beta * C, all float32, row-major.
///   op(A) is (m, k): A is (m, k) with row stride lda when !trans_a, else (k, m) with stride lda.
///   op(B) is (k, n): B is (k, n) with row stride ldb when !trans_b, else (n, k) with stride ldb.
///   C is (m, n) with row stride ldc. When beta == 0, C is only written (it may hold NaN).
/// m, n, k >= 0; k == 0 gives C = beta * C. Single-threaded; not safe to call concurrently.
void sgemm(bool trans_a, bool trans_b, int m, int n, int k, float alpha, const float* a, int lda,
           const float* b, int ldb, float beta, float* c, int ldc);

/// Reference triple loop with double accumulation, same contract as sgemm. For tests only.
void sgemm_reference(bool trans_a, bool trans_b, int m, int n, int k, float alpha,
                     const float* a, int lda, const float* b, int ldb, float beta, float* c,
                     int ldc);

/// Name of the compiled micro-kernel, e.g. "avx512 8x32" or "wasm-simd128 4x8".
const char* sgemm_kernel_name();

}  // namespace ebm
