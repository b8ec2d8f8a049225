// datasets.cpp: MNIST asset parsing, split and binarization, the seed-003 toy, the 12 shapes.
// [SECTION] MNIST asset
// [SECTION] Split and binarization
// [SECTION] Seed 003 toy
// [SECTION] Twelve 16x16 images
#include "datasets.hpp"

#include <cmath>
#include <cstring>
#include <fstream>
#include <string_view>

#include "check.hpp"

namespace ebm {

// [SECTION] MNIST asset --------------------------------------------------------------------
namespace {
uint32_t read_u32(const uint8_t* p) {
  return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
}
constexpr size_t kHeader = 28;
}  // namespace

namespace {
struct MnistHeader {
  int count = 0, rows = 0, cols = 0;
};

// Checks magic, version, sizes, content hash and labels without copying anything.
Result<MnistHeader> check_mnist_asset(std::span<const uint8_t> bytes) {
  if (bytes.size() < kHeader || std::memcmp(bytes.data(), "EBMMNIST", 8) != 0)
    return Error{"not an MNIST asset (expected the magic \"EBMMNIST\"; build it with "
                 "node scripts/make_mnist_asset.mjs)"};
  const uint32_t version = read_u32(bytes.data() + 8);
  if (version != 1)
    return Error{"MNIST asset version " + std::to_string(version) + " is not supported (expected 1)"};
  const uint32_t count = read_u32(bytes.data() + 12), rows = read_u32(bytes.data() + 16),
                 cols = read_u32(bytes.data() + 20), hash = read_u32(bytes.data() + 24);
  if (rows == 0 || cols == 0 || rows > 1024 || cols > 1024 || count == 0 || count > 10000000)
    return Error{"MNIST asset header has implausible sizes"};
  const uint64_t expect = kHeader + uint64_t(count) * rows * cols + count;
  if (bytes.size() != expect)
    return Error{"MNIST asset is " + std::to_string(bytes.size()) + " bytes, its header promises " +
                 std::to_string(expect) + " (truncated download?)"};
  uint32_t h = 0x811C9DC5u;  // FNV-1a 32
  for (size_t i = kHeader; i < bytes.size(); ++i) h = (h ^ bytes[i]) * 0x01000193u;
  if (h != hash) return Error{"MNIST asset is corrupt (content hash mismatch)"};
  for (size_t i = bytes.size() - count; i < bytes.size(); ++i)
    if (bytes[i] > 9) return Error{"MNIST asset has a label above 9"};
  return MnistHeader{static_cast<int>(count), static_cast<int>(rows), static_cast<int>(cols)};
}

void set_shape(Dataset& d, const std::string& name, int count, const MnistHeader& h) {
  d.name = name;
  d.count = count;
  d.width = h.cols;
  d.height = h.rows;
}
}  // namespace

Result<Dataset> parse_mnist_asset(std::span<const uint8_t> bytes) {
  auto h = check_mnist_asset(bytes);
  if (!h) return Error{h.error()};
  Dataset d;
  set_shape(d, "mnist", h.value().count, h.value());
  const size_t npix = size_t(d.count) * d.dim();
  d.pixels.assign(bytes.begin() + kHeader, bytes.begin() + kHeader + npix);
  d.labels.assign(bytes.begin() + kHeader + npix, bytes.end());
  return d;
}

Result<DatasetSplit> parse_mnist_split(std::vector<uint8_t> bytes, int held_out) {
  auto hr = check_mnist_asset(bytes);
  if (!hr) return Error{hr.error()};
  const MnistHeader& h = hr.value();
  if (held_out < 0 || held_out > h.count)
    return Error{"cannot hold out " + std::to_string(held_out) + " of " + std::to_string(h.count) + " digits"};
  const int ntrain = h.count - held_out;
  const size_t dim = size_t(h.rows) * h.cols, npix = size_t(h.count) * dim, train_px = size_t(ntrain) * dim;
  DatasetSplit s;
  set_shape(s.train, "mnist-train", ntrain, h);
  set_shape(s.held_out, "mnist-held-out", held_out, h);
  const auto px = bytes.begin() + kHeader, labels = px + static_cast<ptrdiff_t>(npix);
  s.train.labels.assign(labels, labels + ntrain);
  s.held_out.labels.assign(labels + ntrain, bytes.end());
  s.held_out.pixels.assign(px + static_cast<ptrdiff_t>(train_px), labels);
  // The training pixels move to the front of the same buffer, which becomes theirs.
  std::memmove(bytes.data(), bytes.data() + kHeader, train_px);
  bytes.resize(train_px);
  s.train.pixels = std::move(bytes);
  return s;
}

Result<std::vector<uint8_t>> read_file_bytes(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return Error{"cannot open " + path};
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  if (f.bad()) return Error{"error reading " + path};
  return bytes;
}

// [SECTION] Split and binarization ----------------------------------------------------------
DatasetSplit split_held_out(const Dataset& d, int held_out) {
  EBM_ASSERT(held_out >= 0 && held_out <= d.count, "split_held_out: held_out out of range");
  DatasetSplit s;
  const int ntrain = d.count - held_out;
  const size_t dim = static_cast<size_t>(d.dim());
  for (Dataset* part : {&s.train, &s.held_out}) {
    part->name = d.name;
    part->width = d.width;
    part->height = d.height;
  }
  s.train.name += "-train";
  s.held_out.name += "-held-out";
  s.train.count = ntrain;
  s.held_out.count = held_out;
  s.train.pixels.assign(d.pixels.begin(), d.pixels.begin() + ntrain * dim);
  s.held_out.pixels.assign(d.pixels.begin() + ntrain * dim, d.pixels.end());
  if (!d.labels.empty()) {
    s.train.labels.assign(d.labels.begin(), d.labels.begin() + ntrain);
    s.held_out.labels.assign(d.labels.begin() + ntrain, d.labels.end());
  }
  return s;
}

std::vector<float> dataset_to_float(const Dataset& d, Binarize mode, float threshold, Rng* rng,
                                    int count) {
  if (count < 0 || count > d.count) count = d.count;
  EBM_ASSERT(mode != Binarize::Sample || rng, "dataset_to_float: Binarize::Sample needs an rng");
  const size_t n = static_cast<size_t>(count) * d.dim();
  std::vector<float> out(n);
  for (size_t i = 0; i < n; ++i) out[i] = d.pixels[i] * (1.0f / 255.0f);
  if (mode == Binarize::Threshold) {
    for (float& x : out) x = x >= threshold ? 1.0f : 0.0f;
  } else if (mode == Binarize::Sample) {
    sample_bernoulli(out.data(), out.data(), n, *rng);
  }
  return out;
}

std::vector<uint8_t> dataset_to_levels(const Dataset& d, Binarize mode, float threshold, Rng* rng, int count) {
  if (count < 0 || count > d.count) count = d.count;
  EBM_ASSERT(mode != Binarize::Sample || rng, "dataset_to_levels: Binarize::Sample needs an rng");
  const size_t dim = static_cast<size_t>(d.dim()), n = static_cast<size_t>(count) * dim;
  std::vector<uint8_t> out(d.pixels.begin(), d.pixels.begin() + static_cast<ptrdiff_t>(n));
  if (mode == Binarize::Threshold) {
    for (uint8_t& x : out) x = x * (1.0f / 255.0f) >= threshold ? 255 : 0;  // as dataset_to_float
  } else if (mode == Binarize::Sample) {
    std::vector<float> p(dim);
    for (size_t r = 0; r < n; r += dim) {  // image by image: no float copy of the whole set
      for (size_t i = 0; i < dim; ++i) p[i] = out[r + i] * (1.0f / 255.0f);
      sample_bernoulli(p.data(), p.data(), dim, *rng);
      for (size_t i = 0; i < dim; ++i) out[r + i] = p[i] > 0.5f ? 255 : 0;
    }
  }
  return out;
}

void levels_to_float(const uint8_t* levels, size_t n, float* out) {
  for (size_t i = 0; i < n; ++i) out[i] = levels[i] * (1.0f / 255.0f);
}

// [SECTION] Seed 003 toy -----------------------------------------------------------------------
std::vector<float> toy_people_rows() {
  return {1, 0, 1,  //
          0, 1, 0,  //
          1, 0, 1,  //
          1, 0, 1,  //
          0, 1, 0,  //
          1, 0, 1};
}

Rbm toy_people_model() {
  Rbm r = rbm_make(3, 2);
  r.b = {1, 2, 1};  // A, B, C
  r.c = {2, 1};     // D (apple), E (mango)
  //        D    E
  r.w = {2, 0,     // A
         -5, 4,    // B
         2, -4};   // C
  return r;
}

// [SECTION] Twelve 16x16 images ---------------------------------------------------------------
namespace {

constexpr int kS = 16;

void from_art(std::vector<uint8_t>& img, const std::string_view (&rows)[kS]) {
  for (int y = 0; y < kS; ++y) {
    EBM_ASSERT(rows[y].size() == kS, "shapes_16x16: an art row is not 16 characters");
    for (int x = 0; x < kS; ++x) img[y * kS + x] = rows[y][x] == '#' ? 255 : 0;
  }
}

template <class F>
void from_rule(std::vector<uint8_t>& img, F inside) {
  for (int y = 0; y < kS; ++y)
    for (int x = 0; x < kS; ++x) {
      const double dx = x - 7.5, dy = y - 7.5;  // pixel centres around the image centre
      img[y * kS + x] = inside(x, y, dx, dy) ? 255 : 0;
    }
}

constexpr std::string_view kArtA[kS] = {
    "................", ".......##.......", "......####......", "......#..#......",
    ".....##..##.....", ".....#....#.....", "....##....##....", "....#......#....",
    "...##########...", "...##########...", "..##........##..", "..#..........#..",
    ".##..........##.", ".#............#.", "................", "................"};
constexpr std::string_view kArtE[kS] = {
    "................", "..###########...", "..###########...", "..##............",
    "..##............", "..##............", "..##............", "..#########.....",
    "..#########.....", "..##............", "..##............", "..##............",
    "..##............", "..###########...", "..###########...", "................"};
constexpr std::string_view kArtS[kS] = {
    "................", "....########....", "...##########...", "..###......###..",
    "..##............", "..###...........", "...#########....", "....#########...",
    "...........###..", "............##..", "............##..", "..###......###..",
    "...##########...", "....########....", "................", "................"};
constexpr std::string_view kArtSmiley[kS] = {
    "................", ".....######.....", "...##......##...", "..#..........#..",
    ".#............#.", ".#...##..##...#.", "#....##..##....#", "#..............#",
    "#..............#", "#..#........#..#", ".#..#......#..#.", ".#...######...#.",
    "..#..........#..", "...##......##...", ".....######.....", "................"};

}  // namespace

Dataset shapes_16x16() {
  Dataset d;
  d.name = "shapes16";
  d.count = 12;
  d.width = d.height = kS;
  d.pixels.assign(static_cast<size_t>(d.count) * kS * kS, 0);
  std::vector<uint8_t> img(kS * kS);
  auto put = [&](int i) { std::copy(img.begin(), img.end(), d.pixels.begin() + i * kS * kS); };
  from_rule(img, [](int, int, double dx, double dy) { const double r = std::hypot(dx, dy); return r >= 5.0 && r <= 7.0; });
  put(0);  // ring
  from_rule(img, [](int, int, double dx, double dy) { return std::hypot(dx, dy) <= 4.0; });
  put(1);  // disk
  from_rule(img, [](int, int, double dx, double dy) { const double m = std::max(std::fabs(dx), std::fabs(dy)); return m >= 5.0 && m <= 7.0; });
  put(2);  // square frame
  from_rule(img, [](int x, int y, double, double) { return std::abs(x - y) <= 1 || std::abs(x + y - 15) <= 1; });
  put(3);  // X
  from_rule(img, [](int x, int y, double dx, double dy) { return (std::fabs(dx) <= 1.5 && y >= 1 && y <= 14) || (std::fabs(dy) <= 1.5 && x >= 1 && x <= 14); });
  put(4);  // plus
  from_rule(img, [](int, int y, double dx, double) { return y >= 2 && y <= 13 && std::fabs(dx) <= (y - 2) * 0.6 + 0.5; });
  put(5);  // triangle
  from_rule(img, [](int, int, double dx, double dy) { const double m = std::fabs(dx) + std::fabs(dy); return m >= 4.5 && m <= 6.5; });
  put(6);  // diamond
  from_rule(img, [](int, int y, double, double) { return (y / 2) % 2 == 0; });
  put(7);  // horizontal stripes
  from_art(img, kArtA);
  put(8);
  from_art(img, kArtE);
  put(9);
  from_art(img, kArtS);
  put(10);
  from_art(img, kArtSmiley);
  put(11);
  return d;
}

}  // namespace ebm
