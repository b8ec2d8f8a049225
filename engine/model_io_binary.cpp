// model_io_binary.cpp: the RBM's binary form (format "ebm-rbm" binary in model_io.hpp) and RBM
// files of either form. Every read is bounds-checked; a damaged file is a message, never a crash.
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "byte_io.hpp"
#include "check.hpp"
#include "datasets.hpp"
#include "model_io.hpp"

namespace ebm {
namespace {

constexpr char kRbmMagic[8] = {'E', 'B', 'M', 'R', 'B', 'M', '\0', '\0'};
constexpr size_t kRbmHeader = 40;
constexpr uint32_t kMaxMetadata = 1u << 20;         // metadata is a few hundred bytes
constexpr float kHalfMax = 65504.0f;                // largest finite binary16

std::string value_name(size_t i, int nv, int nh) {
  if (i < static_cast<size_t>(nv)) return "b[" + std::to_string(i) + "]";
  i -= nv;
  if (i < static_cast<size_t>(nh)) return "c[" + std::to_string(i) + "]";
  return "W[" + std::to_string(i - nh) + "]";
}

bool ends_with(const std::string& s, const char* tail) {
  const size_t n = std::strlen(tail);
  return s.size() >= n && s.compare(s.size() - n, n, tail) == 0;
}

}  // namespace

Result<std::vector<uint8_t>> rbm_to_binary(const Rbm& rbm, RbmPrecision precision, const RbmTrainingInfo* info) {
  EBM_ASSERT(rbm_shapes_ok(rbm), "rbm_to_binary: inconsistent model");
  const bool half = precision == RbmPrecision::Float16;
  const std::string meta = info ? rbm_training_info_to_json(*info) : std::string();
  std::vector<uint8_t> out(kRbmMagic, kRbmMagic + 8);
  const size_t values = static_cast<size_t>(rbm.nv) + rbm.nh + static_cast<size_t>(rbm.nv) * rbm.nh;
  out.reserve(kRbmHeader + meta.size() + values * (half ? 2 : 4));
  put_le32(out, 1);
  put_le32(out, static_cast<uint32_t>(rbm.nv));
  put_le32(out, static_cast<uint32_t>(rbm.nh));
  put_le32(out, static_cast<uint32_t>(rbm.width));
  put_le32(out, static_cast<uint32_t>(rbm.height));
  put_le32(out, half ? 16u : 32u);
  put_le32(out, static_cast<uint32_t>(meta.size()));
  put_le32(out, 0);  // hash, filled in below
  out.insert(out.end(), meta.begin(), meta.end());
  size_t index = 0;
  for (const std::vector<float>* a : {&rbm.b, &rbm.c, &rbm.w})
    for (float v : *a) {
      if (!std::isfinite(v) || (half && std::fabs(v) > kHalfMax))
        return Error{value_name(index, rbm.nv, rbm.nh) + " = " + std::to_string(v) +
                     (half ? " does not fit a 16-bit float" : " is not finite")};
      if (half) {
        put_le16(out, float_to_half(v));
      } else {
        uint32_t u;
        std::memcpy(&u, &v, 4);
        put_le32(out, u);
      }
      ++index;
    }
  const uint32_t h = fnv1a32(out.data() + kRbmHeader, out.size() - kRbmHeader);
  for (int i = 0; i < 4; ++i) out[36 + i] = static_cast<uint8_t>(h >> (8 * i));
  return out;
}

namespace {

Result<Rbm> rbm_from_binary(std::span<const uint8_t> bytes, int expect_nv, RbmTrainingInfo* info_out) {
  if (bytes.size() < kRbmHeader)
    return Error{"the binary RBM ends early (" + std::to_string(bytes.size()) + " bytes, the header alone has 40)"};
  ByteReader rd{bytes, 8};
  uint32_t version, nv, nh, width, height, bits, meta, hash;
  for (uint32_t* f : {&version, &nv, &nh, &width, &height, &bits, &meta, &hash}) rd.u32(*f);
  if (version != 1)
    return Error{"binary RBM version " + std::to_string(version) + " is not supported (this build reads version 1)"};
  if (nv < 1 || nh < 1 || uint64_t(nv) * nh > uint64_t(kMaxModelWeights))
    return Error{"implausible sizes nv = " + std::to_string(nv) + ", nh = " + std::to_string(nh)};
  if (bits != 16 && bits != 32) return Error{"values of " + std::to_string(bits) + " bits are not supported (16 or 32)"};
  if (meta > kMaxMetadata) return Error{"implausible metadata size " + std::to_string(meta)};
  const size_t values = size_t(nv) + nh + size_t(nv) * nh;
  const size_t expected = kRbmHeader + meta + values * (bits / 8);
  if (bytes.size() < expected)
    return Error{"the binary RBM ends early (" + std::to_string(bytes.size()) + " of " + std::to_string(expected) + " bytes)"};
  if (bytes.size() > expected)
    return Error{"the binary RBM has " + std::to_string(bytes.size() - expected) + " extra bytes"};
  if (fnv1a32(bytes.data() + kRbmHeader, bytes.size() - kRbmHeader) != hash)
    return Error{"the binary RBM is damaged (hash mismatch)"};
  if (expect_nv > 0 && nv != static_cast<uint32_t>(expect_nv))
    return Error{"the model has " + std::to_string(nv) + " visible units, this data needs " + std::to_string(expect_nv)};
  if (!((width == 0 && height == 0) || (width > 0 && height > 0 && uint64_t(width) * height == nv)))
    return Error{"image shape " + std::to_string(width) + " x " + std::to_string(height) +
                 " does not match nv = " + std::to_string(nv)};
  RbmTrainingInfo info;
  if (meta > 0) {
    const std::string_view text(reinterpret_cast<const char*>(bytes.data() + kRbmHeader), meta);
    if (Status st = rbm_training_info_from_json(text, info); !st.ok()) return Error{st.message};
    rd.pos += meta;
  }
  Rbm r;
  r.nv = static_cast<int>(nv);
  r.nh = static_cast<int>(nh);
  r.width = static_cast<int>(width);
  r.height = static_cast<int>(height);
  auto read = [&](std::vector<float>& v, size_t n) { return bits == 16 ? rd.f16s(v, n) : rd.f32s(v, n); };
  // The size check above guarantees these reads; keep them checked all the same.
  if (!read(r.b, nv) || !read(r.c, nh) || !read(r.w, size_t(nv) * nh)) return Error{"the binary RBM ends early"};
  size_t index = 0;
  for (const std::vector<float>* a : {&r.b, &r.c, &r.w})
    for (float v : *a) {
      if (!std::isfinite(v)) return Error{value_name(index, r.nv, r.nh) + " is not a finite float"};
      ++index;
    }
  if (info_out) *info_out = std::move(info);
  return r;
}

}  // namespace

Result<Rbm> rbm_from_bytes(std::span<const uint8_t> bytes, int expect_nv, RbmTrainingInfo* info) {
  if (bytes.size() >= 6 && std::memcmp(bytes.data(), kRbmMagic, 6) == 0) return rbm_from_binary(bytes, expect_nv, info);
  const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  return rbm_from_json(text, expect_nv, info);
}

Status rbm_save(const std::string& path, const Rbm& rbm, const RbmTrainingInfo* info, RbmPrecision precision) {
  std::string bytes;
  if (ends_with(path, ".bin")) {
    auto b = rbm_to_binary(rbm, precision, info);
    if (!b.ok()) return Status::fail("cannot write " + path + ": " + b.error());
    bytes.assign(b.value().begin(), b.value().end());
  } else {
    bytes = rbm_to_json(rbm, info) + '\n';
  }
  std::ofstream f(path, std::ios::binary);
  if (!f) return Status::fail("cannot write " + path);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  f.close();
  if (!f) return Status::fail("error writing " + path);
  return Status::success();
}

Result<Rbm> rbm_load(const std::string& path, int expect_nv, RbmTrainingInfo* info) {
  auto bytes = read_file_bytes(path);  // "cannot open <path>" when it cannot
  if (!bytes) return Error{bytes.error()};
  auto r = rbm_from_bytes(bytes.value(), expect_nv, info);
  if (!r) return Error{path + ": " + r.error()};
  return r;
}

}  // namespace ebm
