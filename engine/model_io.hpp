// model_io.hpp: saving and loading an RBM as JSON (nlohmann-json). Loading validates
// everything and returns a new model or a message for people; it never touches the caller's
// current model (swap it in only on success). Not here: Hopfield files, binary formats.
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
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "rbm.hpp"
#include "rbm_train.hpp"
#include "result.hpp"

namespace ebm {

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

/// Writes rbm_to_json to a file.
Status rbm_save(const std::string& path, const Rbm& rbm, const RbmTrainingInfo* info = nullptr);

/// Reads and parses a file (messages start with the path).
Result<Rbm> rbm_load(const std::string& path, int expect_nv = 0, RbmTrainingInfo* info = nullptr);

}  // namespace ebm
