// rbm.cpp: RBM parameters, conditionals, sampling and energies (see rbm.hpp).
// [SECTION] Construction and initialization
// [SECTION] Elementwise kernels
// [SECTION] Conditionals
// [SECTION] Energies
#include "rbm.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "check.hpp"
#include "gemm.hpp"

namespace ebm {

// [SECTION] Construction and initialization -----------------------------------------------
Rbm rbm_make(int nv, int nh, int width, int height) {
  EBM_ASSERT(nv >= 1 && nh >= 1, "rbm_make: nv and nh must be >= 1");
  EBM_ASSERT(width * height == nv || (width == 0 && height == 0), "rbm_make: image shape");
  Rbm r;
  r.nv = nv;
  r.nh = nh;
  r.width = width;
  r.height = height;
  r.w.assign(static_cast<size_t>(nv) * nh, 0.0f);
  r.b.assign(nv, 0.0f);
  r.c.assign(nh, 0.0f);
  return r;
}

bool rbm_shapes_ok(const Rbm& r) {
  return r.nv >= 1 && r.nh >= 1 && r.w.size() == static_cast<size_t>(r.nv) * r.nh &&
         r.b.size() == static_cast<size_t>(r.nv) && r.c.size() == static_cast<size_t>(r.nh) &&
         (r.width * r.height == r.nv || (r.width == 0 && r.height == 0));
}

namespace {
inline float row_value(float x) { return x; }
inline float row_value(uint8_t x) { return x * (1.0f / 255.0f); }  // as levels_to_float

template <class T>
void init_from_rows(Rbm& rbm, Rng& rng, std::span<const T> data, float sigma) {
  EBM_ASSERT(rbm_shapes_ok(rbm), "rbm_init: bad shapes");
  EBM_ASSERT(data.size() % rbm.nv == 0, "rbm_init: data is not (n, nv)");
  for (float& x : rbm.w) x = sigma * rng.normal();
  std::fill(rbm.c.begin(), rbm.c.end(), 0.0f);
  const size_t n = data.size() / rbm.nv;
  std::vector<double> mean(rbm.nv, 0.0);
  for (size_t r = 0; r < n; ++r)
    for (int i = 0; i < rbm.nv; ++i) mean[i] += row_value(data[r * rbm.nv + i]);
  for (int i = 0; i < rbm.nv; ++i) {
    double p = n ? mean[i] / double(n) : 0.5;
    p = std::clamp(p, double(kBiasPClamp), 1.0 - double(kBiasPClamp));
    rbm.b[i] = static_cast<float>(std::log(p / (1.0 - p)));
  }
}
}  // namespace

void rbm_init(Rbm& rbm, Rng& rng, std::span<const float> data, float sigma) { init_from_rows(rbm, rng, data, sigma); }

void rbm_init(Rbm& rbm, Rng& rng, std::span<const uint8_t> levels, float sigma) {
  init_from_rows(rbm, rng, levels, sigma);
}

// [SECTION] Elementwise kernels --------------------------------------------------------------
namespace {

// exp(x) for |x| <= 87 (Cephes expf): n = round(x log2 e), r = x - n ln 2 with ln 2 split in
// two (Cody & Waite) so r is exact, e^r by a degree-7 polynomial on [-ln2/2, ln2/2], and 2^n
// built in the float's exponent bits. Rounding uses the 1.5 * 2^23 trick, so the loop is plain
// float/int arithmetic that vectorizes on every target; relative error about 2e-7.
inline float exp_fast(float x) {
  constexpr float kMagic = 12582912.0f;  // 1.5 * 2^23: adding it rounds to an integer
  const float r = x * 1.44269504088896341f + kMagic;
  const float n = r - kMagic;
  float f = x - n * 0.693359375f;      // ln 2 high part: n * it is exact for |n| < 2^15
  f = f - n * -2.12194440e-4f;         // ln 2 low part
  const float z = f * f;
  float p = 1.9875691500e-4f;
  p = p * f + 1.3981999507e-3f;
  p = p * f + 8.3334519073e-3f;
  p = p * f + 4.1665795894e-2f;
  p = p * f + 1.6666665459e-1f;
  p = p * f + 5.0000001201e-1f;
  p = p * z + f + 1.0f;
  // Low bits of r hold n (two's complement offset by the magic's mantissa): shift into place.
  // __builtin_bit_cast: Emscripten 3.1.6's libc++ has no std::bit_cast.
  const int32_t ni = __builtin_bit_cast(int32_t, r) - __builtin_bit_cast(int32_t, kMagic);
  return p * __builtin_bit_cast(float, (ni + 127) << 23);
}

// log1p(y) for y in [0, 1] as 2 atanh(s), s = y / (2 + y) in [0, 1/3]: the odd series to s^15
// has a truncation error below 1e-9.
inline float log1p_unit(float y) {
  const float s = y / (2.0f + y);
  const float s2 = s * s;
  float p = 1.0f / 15.0f;
  p = p * s2 + 1.0f / 13.0f;
  p = p * s2 + 1.0f / 11.0f;
  p = p * s2 + 1.0f / 9.0f;
  p = p * s2 + 1.0f / 7.0f;
  p = p * s2 + 1.0f / 5.0f;
  p = p * s2 + 1.0f / 3.0f;
  p = p * s2 + 1.0f;
  return 2.0f * s * p;
}

inline float softplus_kernel(float x) {
  // Beyond |x| = 87, exp(-|x|) < 2e-38 adds nothing; the clamp keeps exp_fast in range.
  const float ax = std::min(std::fabs(x), 87.0f);
  return std::max(x, 0.0f) + log1p_unit(exp_fast(-ax));
}

// xoshiro128+ (Blackman & Vigna 2018) in 8 independent lanes held in GCC/clang vector types
// (one AVX register natively, two SIMD128 registers in wasm): plain lane loops were not
// vectorized by GCC and cost 10% of a CD-1 step.
typedef uint32_t U32x8 __attribute__((vector_size(32)));
typedef int32_t I32x8 __attribute__((vector_size(32)));
typedef float F32x8 __attribute__((vector_size(32)));

struct Lanes8 {
  U32x8 s0, s1, s2, s3;
  explicit Lanes8(Rng& rng) {
    for (int l = 0; l < 8; ++l) {
      const uint64_t a = rng.next(), b = rng.next();
      s0[l] = static_cast<uint32_t>(a);
      s1[l] = static_cast<uint32_t>(a >> 32);
      s2[l] = static_cast<uint32_t>(b);
      s3[l] = static_cast<uint32_t>(b >> 32) | 1u;  // never the all-zero state
    }
  }
  // Eight uniforms in [0, 1) from the 24 strong upper bits of each lane.
  inline F32x8 next_uniform() {
    const U32x8 result = s0 + s3;
    const U32x8 t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >> 21);
    return __builtin_convertvector((I32x8)(result >> 8), F32x8) * 0x1.0p-24f;
  }
};


}  // namespace

void sigmoid_inplace(float* x, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    // Clamp to +-87 so 2^(-x log2 e) stays a normal float (sigmoid(-87) = 1.6e-38, about
    // FLT_MIN; sigmoid(87) rounds to 1).
    const float t = std::min(std::max(x[i], -87.0f), 87.0f);
    x[i] = 1.0f / (1.0f + exp_fast(-t));
  }
}

float softplus_fast(float x) { return softplus_kernel(x); }

float softplus_sum(const float* x, size_t n) {
  // Without -ffast-math a single float sum cannot be reordered into vector lanes, so keep 8
  // explicit partial sums.
  float acc[8] = {};
  size_t i = 0;
  for (; i + 8 <= n; i += 8)
    for (int l = 0; l < 8; ++l) acc[l] += softplus_kernel(x[i + l]);
  float s = 0.0f;
  for (; i < n; ++i) s += softplus_kernel(x[i]);
  for (float a : acc) s += a;
  return s;
}

float softplus_diff_sum(const float* x, size_t n, float beta1, float beta0) {
  float acc[8] = {};
  size_t i = 0;
  for (; i + 8 <= n; i += 8)
    for (int l = 0; l < 8; ++l)
      acc[l] += softplus_kernel(beta1 * x[i + l]) - softplus_kernel(beta0 * x[i + l]);
  float s = 0.0f;
  for (; i < n; ++i) s += softplus_kernel(beta1 * x[i]) - softplus_kernel(beta0 * x[i]);
  for (float a : acc) s += a;
  return s;
}

void fill_uniform(float* u, size_t n, Rng& rng) {
  Lanes8 g(rng);
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const F32x8 x = g.next_uniform();
    std::memcpy(u + i, &x, sizeof x);
  }
  if (i < n) {
    const F32x8 x = g.next_uniform();
    for (int l = 0; i < n; ++i, ++l) u[i] = x[l];
  }
}

void sample_bernoulli(const float* p, float* out, size_t n, Rng& rng) {
  Lanes8 g(rng);
  const I32x8 one = {0x3F800000, 0x3F800000, 0x3F800000, 0x3F800000,
                     0x3F800000, 0x3F800000, 0x3F800000, 0x3F800000};  // bits of 1.0f
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    F32x8 pv;
    std::memcpy(&pv, p + i, sizeof pv);
    const I32x8 bits = (g.next_uniform() < pv) & one;  // lanes are -1 where u < p
    std::memcpy(out + i, &bits, sizeof bits);
  }
  if (i < n) {
    const F32x8 u = g.next_uniform();
    for (int l = 0; i < n; ++i, ++l) out[i] = u[l] < p[i] ? 1.0f : 0.0f;
  }
}

// [SECTION] Conditionals --------------------------------------------------------------------
void rbm_hidden_input(const Rbm& rbm, const float* v, int n, float* x) {
  const int nh = rbm.nh;
  for (int r = 0; r < n; ++r) std::copy(rbm.c.begin(), rbm.c.end(), x + static_cast<size_t>(r) * nh);
  sgemm(false, false, n, nh, rbm.nv, 1.0f, v, rbm.nv, rbm.w.data(), nh, 1.0f, x, nh);
}

void rbm_hidden_probs(const Rbm& rbm, const float* v, int n, float* ph) {
  rbm_hidden_input(rbm, v, n, ph);
  sigmoid_inplace(ph, static_cast<size_t>(n) * rbm.nh);
}

void rbm_visible_probs(const Rbm& rbm, const float* h, int n, float* pv) {
  const int nv = rbm.nv;
  for (int r = 0; r < n; ++r) std::copy(rbm.b.begin(), rbm.b.end(), pv + static_cast<size_t>(r) * nv);
  // h W^T: W is (nv, nh), so op(B) = W^T is read with trans_b.
  sgemm(false, true, n, nv, rbm.nh, 1.0f, h, rbm.nh, rbm.w.data(), rbm.nh, 1.0f, pv, nv);
  sigmoid_inplace(pv, static_cast<size_t>(n) * nv);
}

void rbm_pack(const Rbm& rbm, RbmPacked& p) {
  sgemm_pack_b(false, rbm.nv, rbm.nh, rbm.w.data(), rbm.nh, p.w);
  sgemm_pack_b(true, rbm.nh, rbm.nv, rbm.w.data(), rbm.nh, p.wt);
}

void rbm_hidden_input(const Rbm& rbm, const RbmPacked& p, const float* v, int n, float* x) {
  EBM_ASSERT(p.w.k == rbm.nv && p.w.n == rbm.nh, "rbm_hidden_input: packed W of another shape");
  const int nh = rbm.nh;
  for (int r = 0; r < n; ++r) std::copy(rbm.c.begin(), rbm.c.end(), x + static_cast<size_t>(r) * nh);
  sgemm_packed(false, n, 1.0f, v, rbm.nv, p.w, 1.0f, x, nh);
}

void rbm_hidden_probs(const Rbm& rbm, const RbmPacked& p, const float* v, int n, float* ph) {
  rbm_hidden_input(rbm, p, v, n, ph);
  sigmoid_inplace(ph, static_cast<size_t>(n) * rbm.nh);
}

void rbm_visible_probs(const Rbm& rbm, const RbmPacked& p, const float* h, int n, float* pv) {
  EBM_ASSERT(p.wt.k == rbm.nh && p.wt.n == rbm.nv, "rbm_visible_probs: packed W of another shape");
  const int nv = rbm.nv;
  for (int r = 0; r < n; ++r) std::copy(rbm.b.begin(), rbm.b.end(), pv + static_cast<size_t>(r) * nv);
  sgemm_packed(false, n, 1.0f, h, rbm.nh, p.wt, 1.0f, pv, nv);
  sigmoid_inplace(pv, static_cast<size_t>(n) * nv);
}

void rbm_softmax_tail(const Rbm& rbm, const float* h, int n, int tail, float* pv) {
  const int nv = rbm.nv, nh = rbm.nh, first = nv - tail;
  EBM_ASSERT(tail >= 2 && tail <= nv, "rbm_softmax_tail: the group needs 2..nv units");
  EBM_ASSERT(tail <= 256, "rbm_softmax_tail: at most 256 units in the group");
  for (int r = 0; r < n; ++r) {
    const float* hr = h + static_cast<size_t>(r) * nh;
    float* out = pv + static_cast<size_t>(r) * nv + first;
    double x[256];  // a label group is small: no allocation
    double xmax = -INFINITY;
    for (int l = 0; l < tail; ++l) {
      const float* wl = &rbm.w[static_cast<size_t>(first + l) * nh];
      double a = rbm.b[first + l];
      for (int j = 0; j < nh; ++j) a += double(wl[j]) * hr[j];
      x[l] = a;
      xmax = std::max(xmax, a);
    }
    double sum = 0;
    for (int l = 0; l < tail; ++l) sum += (x[l] = std::exp(x[l] - xmax));
    for (int l = 0; l < tail; ++l) out[l] = static_cast<float>(x[l] / sum);
  }
}

void sample_softmax_tail(const float* p, float* v, int n, int nv, int tail, Rng& rng) {
  EBM_ASSERT(tail >= 1 && tail <= nv, "sample_softmax_tail: bad group size");
  const int first = nv - tail;
  for (int r = 0; r < n; ++r) {
    const float* pr = p + static_cast<size_t>(r) * nv + first;
    float* vr = v + static_cast<size_t>(r) * nv + first;
    const float u = rng.uniform();
    // Inverse CDF; the last unit takes whatever rounding leaves, so exactly one is chosen.
    int pick = tail - 1;
    float acc = 0;
    for (int l = 0; l < tail - 1; ++l) {
      acc += pr[l];
      if (u < acc) {
        pick = l;
        break;
      }
    }
    for (int l = 0; l < tail; ++l) vr[l] = l == pick ? 1.0f : 0.0f;
  }
}

// [SECTION] Energies -------------------------------------------------------------------------
double rbm_energy(const Rbm& rbm, const float* v, const float* h) {
  double e = 0;
  for (int i = 0; i < rbm.nv; ++i) e -= double(rbm.b[i]) * v[i];
  for (int j = 0; j < rbm.nh; ++j) e -= double(rbm.c[j]) * h[j];
  for (int i = 0; i < rbm.nv; ++i) {
    if (v[i] == 0.0f) continue;
    double s = 0;
    for (int j = 0; j < rbm.nh; ++j) s += double(rbm.w[static_cast<size_t>(i) * rbm.nh + j]) * h[j];
    e -= v[i] * s;
  }
  return e;
}

double rbm_free_energy_one(const Rbm& rbm, const float* v) {
  double f = 0;
  for (int i = 0; i < rbm.nv; ++i) f -= double(rbm.b[i]) * v[i];
  for (int j = 0; j < rbm.nh; ++j) {
    double x = rbm.c[j];
    for (int i = 0; i < rbm.nv; ++i) x += double(v[i]) * rbm.w[static_cast<size_t>(i) * rbm.nh + j];
    f -= std::max(x, 0.0) + std::log1p(std::exp(-std::fabs(x)));
  }
  return f;
}

void rbm_free_energy(const Rbm& rbm, const float* v, int n, double* f, std::vector<float>& scratch) {
  const size_t need = static_cast<size_t>(n) * rbm.nh;
  if (scratch.size() < need) scratch.resize(need);
  rbm_hidden_input(rbm, v, n, scratch.data());
  for (int r = 0; r < n; ++r) {
    const float* vr = v + static_cast<size_t>(r) * rbm.nv;
    double bv = 0;
    for (int i = 0; i < rbm.nv; ++i) bv += double(rbm.b[i]) * vr[i];
    f[r] = -bv - double(softplus_sum(scratch.data() + static_cast<size_t>(r) * rbm.nh, rbm.nh));
  }
}

double rbm_mean_free_energy(const Rbm& rbm, const float* v, int n, std::vector<float>& scratch) {
  if (n <= 0) return 0.0;
  // In chunks of 256 rows so the scratch stays small whatever n is.
  constexpr int kChunk = 256;
  double f[kChunk];
  double sum = 0;
  for (int r0 = 0; r0 < n; r0 += kChunk) {
    const int m = std::min(kChunk, n - r0);
    rbm_free_energy(rbm, v + static_cast<size_t>(r0) * rbm.nv, m, f, scratch);
    for (int r = 0; r < m; ++r) sum += f[r];
  }
  return sum / n;
}

}  // namespace ebm
