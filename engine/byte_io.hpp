// byte_io.hpp: the little helpers of the engine's binary files: a bounds-checked little-endian
// reader, writers, the FNV-1a 32-bit hash the headers carry, and IEEE 754 binary16 ("half")
// conversion for compact weights. Not here: any file format (model_io*, datasets).
#pragma once
#include <cstdint>
#include <cstring>
#include <span>
#include <vector>

namespace ebm {

/// FNV-1a, 32 bits, over n bytes.
inline uint32_t fnv1a32(const uint8_t* p, size_t n) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 16777619u;
  return h;
}

inline void put_le32(std::vector<uint8_t>& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

inline void put_le16(std::vector<uint8_t>& out, uint16_t v) {
  out.push_back(static_cast<uint8_t>(v));
  out.push_back(static_cast<uint8_t>(v >> 8));
}

/// The binary16 value nearest to f (ties to even). Finite floats beyond +-65504 round to
/// infinity, tiny ones to subnormals or signed zero; NaN stays NaN.
inline uint16_t float_to_half(float f) {
  uint32_t x;
  std::memcpy(&x, &f, 4);
  const uint32_t sign = (x >> 16) & 0x8000u;
  const uint32_t e8 = (x >> 23) & 0xffu;
  uint32_t mant = x & 0x7fffffu;
  if (e8 == 0xffu) return static_cast<uint16_t>(sign | 0x7c00u | (mant ? 0x200u : 0u));
  const int exp = static_cast<int>(e8) - 127 + 15;
  if (exp >= 31) return static_cast<uint16_t>(sign | 0x7c00u);
  uint32_t half, rem, halfway;
  if (exp <= 0) {  // a subnormal half (or zero): m = (1.mant) * 2^(exp - 1) * 2^10
    if (exp < -10) return static_cast<uint16_t>(sign);
    mant |= 0x800000u;
    const int shift = 14 - exp;
    half = mant >> shift;
    rem = mant & ((1u << shift) - 1u);
    halfway = 1u << (shift - 1);
  } else {
    half = (static_cast<uint32_t>(exp) << 10) | (mant >> 13);
    rem = mant & 0x1fffu;
    halfway = 0x1000u;
  }
  if (rem > halfway || (rem == halfway && (half & 1u))) ++half;  // a carry may reach infinity: right
  return static_cast<uint16_t>(sign | half);
}

/// The float equal to binary16 h (exact: every half is a float).
inline float half_to_float(uint16_t h) {
  const uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
  const uint32_t exp = (h >> 10) & 0x1fu, mant = h & 0x3ffu;
  uint32_t x;
  if (exp == 0) {
    if (mant == 0) {
      x = sign;
    } else {  // subnormal: normalize
      int e = -1;
      uint32_t m = mant;
      do {
        ++e;
        m <<= 1;
      } while ((m & 0x400u) == 0);
      x = sign | (static_cast<uint32_t>(127 - 15 - e) << 23) | ((m & 0x3ffu) << 13);
    }
  } else if (exp == 31) {
    x = sign | 0x7f800000u | (mant << 13);
  } else {
    x = sign | ((exp - 15 + 127) << 23) | (mant << 13);
  }
  float f;
  std::memcpy(&f, &x, 4);
  return f;
}

/// A bounds-checked little-endian reader over bytes; every read returns false (and reads
/// nothing) when too few bytes are left.
struct ByteReader {
  std::span<const uint8_t> b;
  size_t pos = 0;
  size_t left() const { return b.size() - pos; }
  bool u32(uint32_t& v) {
    if (left() < 4) return false;
    v = uint32_t(b[pos]) | uint32_t(b[pos + 1]) << 8 | uint32_t(b[pos + 2]) << 16 | uint32_t(b[pos + 3]) << 24;
    pos += 4;
    return true;
  }
  bool f32s(std::vector<float>& v, size_t count) {
    if (left() / 4 < count) return false;
    v.resize(count);
    for (size_t i = 0; i < count; ++i) {
      uint32_t u = 0;
      u32(u);
      std::memcpy(&v[i], &u, 4);
    }
    return true;
  }
  bool f16s(std::vector<float>& v, size_t count) {
    if (left() / 2 < count) return false;
    v.resize(count);
    for (size_t i = 0; i < count; ++i, pos += 2) v[i] = half_to_float(static_cast<uint16_t>(b[pos] | b[pos + 1] << 8));
    return true;
  }
};

}  // namespace ebm
