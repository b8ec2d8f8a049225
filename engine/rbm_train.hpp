// rbm_train.hpp: minibatch training of an RBM by contrastive divergence, CD-k (Hinton 2002), or
// persistent contrastive divergence, PCD-k (Tieleman 2008), with momentum, L2 weight decay, a
// k schedule and a divergence guard (a refused update stops training; the last good weights, from
// the start of an epoch, can be restored; rbm_train_guard.cpp). Steps by a budget of minibatches (the engine owns no clock)
// and never allocates after rbm_trainer_make. Not here: metrics (rbm_metrics), sampling views
// (rbm_sampling), files (model_io).
//
// Samples or probabilities, phase by phase (Hinton's practical guide, 2010, sections 3-4):
//   positive phase   v0 = data rows (or Bernoulli(data) when sample_data); P(h|v0) probabilities
//                    enter the gradient; h0 ~ P(h|v0) is sampled to drive the chain.
//   chain, k steps   v_t: Bernoulli sample of P(v|h_{t-1}) when sample_visible (a true Gibbs
//                    chain), else the probabilities themselves (mean-field reconstructions);
//                    h_t ~ P(h|v_t) sampled between steps.
//   negative phase   v_k (as above) and P(h|v_k) probabilities enter the gradient.
//   PCD              the chain's hidden state h persists from batch to batch instead of
//                    restarting at h0 (one chain per batch row).
#pragma once
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "rbm.hpp"
#include "result.hpp"
#include "rng.hpp"

namespace ebm {

enum class RbmMethod { Cd, Pcd };
/// Link and file names of RbmMethod, indexed by its value.
inline constexpr const char* kRbmMethodNames[] = {"cd", "pcd"};

/// Hyper-parameters. Designated initializers: RbmTrainConfig{.batch_size = 64, .k = 10}.
struct RbmTrainConfig {
  RbmMethod method = RbmMethod::Cd;  // CD-k restarts chains at the data; PCD-k keeps them
  int batch_size = 100;              // rows per update (clamped to the number of rows)
  int k = 1;                         // Gibbs steps per update in epoch 1
  int k_every = 0;                   // k grows by 1 every k_every epochs; 0 keeps k fixed
  int k_max = 1000;                  // cap for the schedule
  float learning_rate = 0.1f;        // step on the batch-mean gradient, in (0, 1000]
  float momentum = 0.0f;             // velocity decay, in [0, 1)
  float weight_decay = 0.0f;         // L2 coefficient on W (biases are not decayed), >= 0
  bool sample_visible = true;        // chain visibles are samples (true) or probabilities
  bool sample_data = false;          // v0 ~ Bernoulli(data) at each presentation
  int epochs = 0;                    // stop after this many epochs; 0 = no limit
  float weight_limit = 1000.0f;      // divergence guard: any |W| or |bias| above stops training
  int softmax_tail = 0;              // the last softmax_tail visible units form one softmax group
                                     // (a DBN top layer's labels): their P(v|h) is a softmax and
                                     // chain samples are one-hot (rbm_softmax_tail); 0 = none
};

/// k used during epoch `epoch_1based` (1 = the first epoch): k + epoch_1based / k_every, capped
/// at k_max. Seed 000's schedule 1 + epoch / 50 over 200 epochs is {k = 1, k_every = 50,
/// k_max = 5}: k = 1 in epochs 1-49, 2 in 50-99, ..., 5 in epoch 200.
int rbm_schedule_k(const RbmTrainConfig& config, int epoch_1based);

/// Trainer state. The UI reads it by const reference and changes it only through functions here.
struct RbmTrainer {
  Rbm rbm;                        // the model being trained
  RbmTrainConfig config;
  int n = 0;                      // training rows
  std::vector<float> data;        // (n, nv) training rows in [0, 1], a private copy, or empty when
  std::shared_ptr<const std::vector<uint8_t>> levels;  // these hold the rows: (n, nv) bytes,
                                  // value = byte / 255, shared read-only (a quarter of the memory)
  // Progress.
  int epoch = 0;                  // completed epochs
  int batch = 0;                  // next minibatch within the current epoch
  int batches_per_epoch = 0;      // n / batch_size; the remainder of a shuffle is skipped
  int64_t updates = 0;            // minibatch updates made so far
  int k_current = 1;              // k of the current (or next) epoch
  float last_recon_error = 0;     // last batch: mean over (B, nv) of (v0 - P(v|h0))^2
  float last_update_ratio = 0;    // last batch: ||dW|| / ||W|| (Hinton suggests about 1e-3)
  double epoch_recon_sum = 0;     // running sum of last_recon_error over the current epoch
  float last_epoch_recon_error = 0;  // mean of last_recon_error over the last completed epoch
  Status status;                  // non-ok once training stopped (divergence); message for people
  // Last good parameters (guard.hpp): a copy of rbm taken at the start of each epoch while it is
  // healthy (finite, every |parameter| <= weight_limit); rbm_trainer_restore_good returns to it.
  Rbm good;
  int good_epoch = -1;            // the epoch whose start `good` holds; -1: none (an unhealthy start)
  // Buffers, sized once by rbm_trainer_make.
  std::vector<int> order;         // (n) row order of the current epoch
  // The last minibatch, readable for views: x rows [0,B) are v0 (the data rows used), rows
  // [B,2B) the negative-phase v_k; y rows [0,B) are P(h|v0) (the minibatch's hidden
  // activations), rows [B,2B) -P(h|v_k) (negated for the fused gradient product).
  std::vector<float> x;           // (2B, nv)
  std::vector<float> y;           // (2B, nh)
  std::vector<float> h;           // (B, nh) chain hidden state (persistent under PCD)
  std::vector<float> pv;          // (B, nv) P(v|h) of the latest chain step
  std::vector<float> vel_w;       // (nv, nh) update of W (momentum velocity)
  std::vector<float> vel_b;       // (nv)
  std::vector<float> vel_c;       // (nh)
  std::vector<float> col;         // (max(nv, nh)) column sums for the bias gradients
  RbmPacked packed;               // W and W^T packed once per minibatch
  bool chains_started = false;    // PCD: chains hold a state
};

/// Checks a configuration on its own: the ranges rbm_trainer_make and rbm_trainer_set_config
/// enforce, with the same messages.
Status rbm_config_check(const RbmTrainConfig& config);

/// Validates the configuration and data, copies data ((n, nv) rows in [0,1]) and sizes every
/// buffer. The model is taken as given (call rbm_init first for a fresh one). Errors name the
/// offending field: "learning rate must be in (0, 1000], got -1".
Result<RbmTrainer> rbm_trainer_make(Rbm rbm, std::span<const float> data, RbmTrainConfig config);

/// As above, from rows kept as bytes (dataset_to_levels; value = byte / 255) and shared, not
/// copied: the caller may hold the same rows. Makes the same updates, bit for bit, as the float
/// form on levels_to_float of the same bytes.
Result<RbmTrainer> rbm_trainer_make(Rbm rbm, std::shared_ptr<const std::vector<uint8_t>> levels, RbmTrainConfig config);

/// Runs up to max_batches minibatch updates (crossing epochs; each epoch starts with a fresh
/// shuffle from rng). Returns the number made: fewer when config.epochs is reached or training
/// stopped on divergence (then trainer.status says why and the model keeps its last finite
/// weights). Deterministic for a given rng state. No allocation.
int rbm_train_step(RbmTrainer& trainer, Rng& rng, int max_batches);

/// Runs the rest of the current epoch (at most batches_per_epoch updates).
int rbm_train_epoch(RbmTrainer& trainer, Rng& rng);

/// True when no more updates will be made (epochs reached or stopped with an error).
bool rbm_train_finished(const RbmTrainer& trainer);

/// Replaces the model (same nv; nh may change) and clears velocities, chains and the error
/// status, keeping data and progress counters. Returns an error and changes nothing when nv
/// differs or the shapes are inconsistent.
Status rbm_trainer_set_model(RbmTrainer& trainer, Rbm rbm);

/// Copies the model into `good` (and good_epoch = epoch) when its parameters are finite and
/// within weight_limit; otherwise keeps the older copy. rbm_train_step calls it at the start of
/// every epoch; no allocation once `good` has the model's shape.
void rbm_trainer_checkpoint(RbmTrainer& trainer);

/// After training stopped on divergence (or any time): puts back the last good parameters
/// (`good`, from the start of epoch good_epoch), clears velocities, chains and the error status
/// so training can go on (with a lower learning rate, or it diverges again). Progress counters
/// keep counting. Fails, changing nothing, when there is no good copy (good_epoch < 0).
Status rbm_trainer_restore_good(RbmTrainer& trainer);

/// Changes the hyper-parameters of a running trainer without losing what it learned: model,
/// momentum velocities, progress counters and (under PCD, same batch size) the persistent
/// chains are kept; k_current follows the new schedule for the current epoch. A new batch size
/// resizes the minibatch buffers (this call may allocate; training steps still do not), keeps
/// the position within the epoch as a fraction, and restarts the chains. Switching CD -> PCD
/// starts fresh chains at the data. An invalid config changes nothing and says why.
Status rbm_trainer_set_config(RbmTrainer& trainer, RbmTrainConfig config);

}  // namespace ebm
