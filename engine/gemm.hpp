// gemm.hpp: single-precision matrix product C = alpha * op(A) * op(B) + beta * C on row-major
// arrays, blocked and packed (Goto & van de Geijn 2008, the BLIS loop order) with a small
// register-tile kernel per target: AVX-512 / AVX2+FMA natively, wasm SIMD128 in the browser.
// Not a BLAS: one thread, row-major only, no complex or double; not reentrant (it packs into
// internal static buffers sized once at compile time, so a call never allocates).
#pragma once
#include <cstddef>
#include <new>
#include <vector>

namespace ebm {

/// Minimal allocator giving 64-byte aligned storage, so packed panels (which the kernels read
/// with aligned vector loads) stay aligned when a PackedMatrix is copied or resized.
template <class T>
struct Aligned64 {
  using value_type = T;
  Aligned64() = default;
  template <class U>
  Aligned64(const Aligned64<U>&) {}  // NOLINT: rebinding
  T* allocate(std::size_t n) { return static_cast<T*>(::operator new(n * sizeof(T), std::align_val_t(64))); }
  void deallocate(T* p, std::size_t) { ::operator delete(p, std::align_val_t(64)); }
  template <class U>
  bool operator==(const Aligned64<U>&) const { return true; }
};

/// C = alpha * op(A) * op(B) + beta * C, all float32, row-major.
///   op(A) is (m, k): A is (m, k) with row stride lda when !trans_a, else (k, m) with stride lda.
///   op(B) is (k, n): B is (k, n) with row stride ldb when !trans_b, else (n, k) with stride ldb.
///   C is (m, n) with row stride ldc. When beta == 0, C is only written (it may hold NaN).
/// m, n, k >= 0; k == 0 gives C = beta * C. Single-threaded; not safe to call concurrently.
void sgemm(bool trans_a, bool trans_b, int m, int n, int k, float alpha, const float* a, int lda,
           const float* b, int ldb, float beta, float* c, int ldc);

/// op(B) packed once for several products with the same right-hand side: the RBM multiplies by
/// W and W^T several times per minibatch (k chain steps) and AIS thousands of times.
struct PackedMatrix {
  int k = 0;                // rows of op(B)
  int n = 0;                // columns of op(B)
  std::vector<float, Aligned64<float>> data;  // panels in sgemm's layout; grows once, then reused
};

/// Packs op(B) (k, n) (B is (k, n) with stride ldb, or (n, k) when trans_b) into out.
void sgemm_pack_b(bool trans_b, int k, int n, const float* b, int ldb, PackedMatrix& out);

/// C = alpha * op(A) * B + beta * C with B pre-packed: (m, b.k) x (b.k, b.n) -> (m, b.n).
/// Same contract as sgemm otherwise; the result is bit-identical to sgemm's.
void sgemm_packed(bool trans_a, int m, float alpha, const float* a, int lda, const PackedMatrix& b,
                  float beta, float* c, int ldc);

/// Reference triple loop with double accumulation, same contract as sgemm. For tests only.
void sgemm_reference(bool trans_a, bool trans_b, int m, int n, int k, float alpha,
                     const float* a, int lda, const float* b, int ldb, float beta, float* c,
                     int ldc);

/// Zero skipping (on by default): within each packed MR-row panel of op(A), columns that are
/// all exact zeros are dropped and the kernel visits only the rest. Results equal the dense
/// product whenever op(B) is finite (only terms 0 * b are skipped). It pays off for sparse
/// left operands, such as binary or MNIST visible units (about 60% of k skipped for a batch of
/// digits); dense operands keep the dense kernel. The switch exists to measure both.
void sgemm_set_zero_skipping(bool on);
bool sgemm_zero_skipping();

/// Name of the compiled micro-kernel, e.g. "avx512 8x32" or "wasm-simd128 4x8".
const char* sgemm_kernel_name();

}  // namespace ebm
