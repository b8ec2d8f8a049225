// rng.hpp: the engine's only source of randomness, a seeded xoshiro256+ generator.
// Every draw (uniforms, normals, permutations) is derived from raw generator bits here, so a
// seed reproduces the same run natively (libstdc++) and in WebAssembly (libc++), unlike
// std::normal_distribution. Not cryptographic, not thread-safe: one Rng per owner.
#pragma once
#include <cmath>
#include <cstddef>
#include <cstdint>

namespace ebm {

/// SplitMix64 (Steele et al. 2014): expands a 64-bit seed into well-mixed state words.
inline uint64_t splitmix64(uint64_t& x) {
  uint64_t z = (x += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

/// xoshiro256+ (Blackman & Vigna 2018). Upper bits are used for floats, which is where
/// this variant is strongest.
class Rng {
 public:
  explicit Rng(uint64_t seed = 1) { reseed(seed); }

  /// Resets the stream: the same seed always gives the same sequence.
  void reseed(uint64_t seed) {
    uint64_t x = seed;
    for (auto& w : s_) w = splitmix64(x);
  }

  /// Next raw 64 bits.
  uint64_t next() {
    const uint64_t result = s_[0] + s_[3];
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  /// Uniform float in [0, 1) with 24 random bits (exactly representable).
  float uniform() { return static_cast<float>(next() >> 40) * 0x1.0p-24f; }

  /// Uniform double in [0, 1) with 53 random bits.
  double uniform_double() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  /// Uniform integer in [0, n), n > 0, without modulo bias (Lemire 2019).
  uint32_t below(uint32_t n) {
    uint64_t m = (next() >> 32) * static_cast<uint64_t>(n);
    auto low = static_cast<uint32_t>(m);
    if (low < n) {
      const uint32_t threshold = static_cast<uint32_t>(-n) % n;
      while (low < threshold) {
        m = (next() >> 32) * static_cast<uint64_t>(n);
        low = static_cast<uint32_t>(m);
      }
    }
    return static_cast<uint32_t>(m >> 32);
  }

  /// Standard normal N(0, 1) by Box-Muller from two raw uniforms.
  float normal() {
    // 1 - u keeps the log argument in (0, 1].
    const double u1 = 1.0 - uniform_double();
    const double u2 = uniform_double();
    return static_cast<float>(std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2));
  }

  /// Fisher-Yates shuffle of idx[0..n).
  template <class T>
  void shuffle(T* idx, size_t n) {
    for (size_t i = n; i > 1; --i) {
      const size_t j = below(static_cast<uint32_t>(i));
      T tmp = idx[i - 1];
      idx[i - 1] = idx[j];
      idx[j] = tmp;
    }
  }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4]{};
};

}  // namespace ebm
