// model_io.hpp: saving and loading an RBM or a deep belief net as JSON (nlohmann-json) or a
// compact binary. Loading validates everything and returns a new model or a message
// for people; it never touches the caller's current model (swap it in only on success).
// Not here: Hopfield files.
//
// Format "ebm-rbm", version 1 (one JSON object; unknown keys are ignored):
//   "format": "ebm-rbm"          required, exactly this string
//   "version": 1                 required; other versions are refused
//   "nv", "nh": int              required, >= 1, nv * nh <= 2^26
//   "width", "height": int       optional (0 or absent = not an image); width * height == nv
//   "b": [nv floats]             visible biases
//   "c": [nh floats]             hidden biases
//   "W": [nv * nh floats]        weights, row-major (nv, nh): W[i * nh + j] joins visible i, hidden j
//   "training": {...}            optional metadata (RbmTrainingInfo fields, same names)
// Floats are written in the shortest form that reads back to the same float32, so a save and
// load round-trips bit for bit. Every number must be finite.
//
// Format "ebm-rbm" binary, version 1 (little-endian; how the page ships its pretrained model,
// about a third of the JSON at float32 and a sixth at float16; model_io_binary.cpp):
//   0   char[8] "EBMRBM\0\0" | 8 uint32 version = 1 | 12 uint32 nv | 16 uint32 nh
//   20  uint32 width | 24 uint32 height | 28 uint32 bits per value: 32 (float32) or 16 (binary16)
//   32  uint32 m, bytes of training metadata | 36 uint32 FNV-1a 32 hash of bytes [40, end)
//   40  char[m] the JSON format's "training" object as UTF-8 JSON (m = 0: none)
//   40 + m  b[nv], c[nh], W[nv * nh] (row-major), each value in the stated width
// Same limits and checks as the JSON format (sizes, shape, finite values). float32 round-trips
// bit for bit; float16 keeps each value to a relative 2^-11 (weights beyond 65504 are refused).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include <span>
#include <vector>

#include "dbn.hpp"
#include "rbm.hpp"
#include "rbm_train.hpp"
#include "result.hpp"

namespace ebm {

/// The largest weight matrix a model file may declare (64 M floats: far above any model we train).
inline constexpr int64_t kMaxModelWeights = int64_t(1) << 26;

/// How a model was trained, stored beside it (all optional on load).
struct RbmTrainingInfo {
  std::string method;          // "cd" or "pcd" ("" = unknown)
  int k = 0;                   // Gibbs steps (first epoch)
  int k_every = 0;             // schedule period (0 = fixed k)
  int k_max = 0;               // schedule cap
  float learning_rate = 0;     // per batch-mean gradient
  float momentum = 0;
  float weight_decay = 0;
  int batch_size = 0;
  int epochs = 0;              // completed epochs
  int64_t updates = 0;         // minibatch updates made
  std::string dataset;         // e.g. "mnist-train"
  std::string binarize;        // how the data became {0,1}: "none", "threshold", "sample"
  uint64_t seed = 0;           // RNG seed of the run
};

/// Fills the metadata from a trainer (dataset name and seed are the caller's).
RbmTrainingInfo rbm_training_info(const RbmTrainer& trainer, std::string dataset, uint64_t seed);

/// The JSON text of a model (and its metadata when info is not null).
std::string rbm_to_json(const Rbm& rbm, const RbmTrainingInfo* info = nullptr);

/// Parses and validates a model. expect_nv > 0 also requires that many visible units (to load
/// into a scene whose data has that size). On success info (if not null) receives the metadata;
/// on failure nothing is written.
Result<Rbm> rbm_from_json(std::string_view text, int expect_nv = 0, RbmTrainingInfo* info = nullptr);

/// Value widths of the binary RBM format.
enum class RbmPrecision { Float32 = 32, Float16 = 16 };

/// The binary form of a model (format above), with its metadata when info is not null. Fails
/// (saying which value) only at Float16 when a parameter is beyond binary16's range.
Result<std::vector<uint8_t>> rbm_to_binary(const Rbm& rbm, RbmPrecision precision = RbmPrecision::Float32,
                                           const RbmTrainingInfo* info = nullptr);

/// Parses and validates a model from JSON text or binary bytes (told apart by the first bytes);
/// expect_nv and info as in rbm_from_json.
Result<Rbm> rbm_from_bytes(std::span<const uint8_t> bytes, int expect_nv = 0, RbmTrainingInfo* info = nullptr);

/// Writes a model: binary when path ends in ".bin" (float32, or float16 with precision), else
/// rbm_to_json.
Status rbm_save(const std::string& path, const Rbm& rbm, const RbmTrainingInfo* info = nullptr,
                RbmPrecision precision = RbmPrecision::Float32);

/// Reads and parses a file of either form (messages start with the path).
Result<Rbm> rbm_load(const std::string& path, int expect_nv = 0, RbmTrainingInfo* info = nullptr);

/// The JSON format's "training" object as text, and back (the binary format embeds it). On
/// failure info is unchanged.
std::string rbm_training_info_to_json(const RbmTrainingInfo& info);
Status rbm_training_info_from_json(std::string_view text, RbmTrainingInfo& info);

// ---- Deep belief nets ------------------------------------------------------------------------
//
// Format "ebm-dbn", version 1, JSON (one object; unknown keys are ignored):
//   "format": "ebm-dbn", "version": 1   required
//   "labels": int                      required, in [2, 256]: the top's last visible units
//   "width", "height": int             optional input image shape (width * height == input)
//   "layers": [rbm, ...]               required, stacked RBMs bottom-up (may be empty, <= 8)
//   "top": rbm                         required; top.nv == (last layer's nh, or input) + labels
//   "training": {...}                  optional: "dataset", "binarize", "seed",
//                                      "held_out_accuracy", "stages": [RbmTrainingInfo fields]
// where each rbm is {"nv": int, "nh": int, "b": [nv], "c": [nh], "W": [nv * nh] (row-major)};
// consecutive layers must fit (nh of one == nv of the next). Floats as in "ebm-rbm".
//
// Format "ebm-dbn" binary, version 1 (little-endian, for shipping with the page):
//   0   char[8] "EBMDBN\0\0" | 8 uint32 version = 1 | 12 uint32 labels | 16 uint32 width
//   20  uint32 height | 24 uint32 L (stacked layers) | 28 uint32 FNV-1a 32 hash of bytes [32, end)
//   32  L + 1 records (stacked layers bottom-up, then the top), each:
//       uint32 nv | uint32 nh | float32 b[nv] | float32 c[nh] | float32 W[nv * nh] (row-major)
// float32 values are stored as they are, so both formats round-trip bit for bit. The binary
// format carries no training metadata.

/// How a DBN was trained (all optional on load).
struct DbnTrainingInfo {
  std::string dataset;                 // e.g. "mnist-train"
  std::string binarize;                // how pixels became {0,1}: "none", "threshold", "sample"
  uint64_t seed = 0;                   // RNG seed of the run
  double held_out_accuracy = -1;       // fraction classified right on held-out rows, < 0 unknown
  std::vector<RbmTrainingInfo> stages; // per stage, bottom-up, the top last
};

/// The JSON text of a DBN (and its metadata when info is not null). dbn_shapes_ok must hold.
std::string dbn_to_json(const Dbn& dbn, const DbnTrainingInfo* info = nullptr);

/// The binary form of a DBN (format above). dbn_shapes_ok must hold.
std::vector<uint8_t> dbn_to_binary(const Dbn& dbn);

/// Parses and validates a DBN from JSON text or binary bytes (told apart by the first bytes).
/// expect_input > 0 also requires that many input units. On success info (if not null)
/// receives the metadata (empty for the binary form); on failure nothing is written.
Result<Dbn> dbn_from_bytes(std::span<const uint8_t> bytes, int expect_input = 0, DbnTrainingInfo* info = nullptr);

/// Writes a DBN: the binary form when path ends in ".bin", else JSON.
Status dbn_save(const std::string& path, const Dbn& dbn, const DbnTrainingInfo* info = nullptr);

/// Reads and parses a file of either form (messages start with the path).
Result<Dbn> dbn_load(const std::string& path, int expect_input = 0, DbnTrainingInfo* info = nullptr);

}  // namespace ebm
