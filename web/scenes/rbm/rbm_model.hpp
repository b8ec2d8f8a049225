// rbm_model.hpp: the RBM lab's model part: its settings table, the trainer and the honest
// monitors (reconstruction error, free-energy gap, pseudo-log-likelihood, exact or AIS
// log-likelihood), the pacing of training and AIS within a frame's budget, and the rules for
// changes (hyper-parameters apply live; a new model asks first when training is unsaved).
// No ImGui, no platform: it is compiled into the native test suite. Views read it by const
// reference; files and downloads go through the scene, which owns the page.
#pragma once
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "datasets.hpp"
#include "discard_guard.hpp"
#include "history.hpp"
#include "pacer.hpp"
#include "rbm_metrics.hpp"
#include "rbm_train.hpp"
#include "rng.hpp"
#include "settings.hpp"

namespace web {

inline constexpr int kRbmSide = 28;             // MNIST digits are 28 x 28
inline constexpr int kRbmEvalRows = 500;        // rows of train / held-out the monitors score
inline constexpr int kRbmExactMaxHidden = 12;   // exact log Z in the page up to 2^12 hidden states (2^16 took
                                                // 0.5-1 s of one frame in wasm; larger models use AIS in slices)
inline constexpr int64_t kRbmEvalEvery = 25;    // monitors every this many updates (and each epoch)
inline constexpr int kRbmMaxBatchesPerFrame = 200;
inline constexpr int kRbmAisRuns = 16;          // AIS in the page: runs x inverse temperatures
inline constexpr int kRbmAisBetas = 1000;
inline constexpr double kRbmAisBudgetShare = 0.5;  // while AIS runs it gets this share of the budget
// Seed offsets give each random stream its own sequence from the one seed in the link.
inline constexpr uint64_t kRbmSeedOffsetAis = 77;  // AIS chains
inline constexpr uint64_t kRbmSeedOffsetPll = 5;   // PLL's flipped units: the same every evaluation

/// Everything a link says about the RBM lab. Defaults are the page's first view.
struct RbmSettings {
  int hidden = 64;                                     // hidden units
  int train_rows = 5000;                               // training digits per epoch (of 9,010)
  ebm::Binarize pixels = ebm::Binarize::Threshold;     // how grey pixels become visible units
  uint64_t seed = 1;                                   // initial weights, batch order, samples
  ebm::RbmMethod method = ebm::RbmMethod::Pcd;         // CD-k or persistent CD-k
  int k = 1;                                           // Gibbs steps per update in epoch 1
  int k_every = 0;                                     // k grows by 1 every this many epochs (0 never)
  float lr = 0.05f;                                    // learning rate on the batch-mean gradient
  int batch = 50;                                      // digits per update
  float momentum = 0.5f;                               // fraction of the last update added
  float decay = 0.0001f;                               // L2 weight decay on W
  bool play = false;                                   // launch flag: start training at once
  bool pretrained = false;                             // launch flag: load the shipped model
};

/// The RBM lab's settings table (link keys, ranges, controls, costs).
std::span<const Setting<RbmSettings>> rbm_settings_table();

/// The engine's training configuration for these settings.
ebm::RbmTrainConfig rbm_train_config(const RbmSettings& s);

/// The plotted monitors; x is in epochs (updates / batches per epoch).
struct RbmMonitors {
  History recon;                 // training minibatch reconstruction error (each update)
  History eval_recon;            // held-out reconstruction error (each evaluation)
  History fe_train, fe_held;     // mean free energy of training / held-out digits
  History pll;                   // held-out pseudo-log-likelihood
  History ll, ll_lo, ll_hi;      // held-out log-likelihood and its 3-sigma band (AIS)
  float fe_gap = 0;              // latest held-out minus training free energy
  std::string ll_kind;           // "exact", "AIS" or "" before the first estimate
  void clear();
};

/// Where the current weights came from.
enum class ModelSource { Trained, Pretrained, File };

class RbmModel {
 public:
  explicit RbmModel(const RbmSettings& s = {});

  // [SECTION] Data and settings
  /// Gives the digits (null while they load). The first model is built when they arrive.
  void set_data(const ebm::DatasetSplit* split);
  bool built() const { return built_; }
  const RbmSettings& settings() const { return settings_; }
  /// Applies link parameters (no guard: nothing is trained yet) and rebuilds once. Messages for
  /// the reader name each bad parameter.
  std::vector<std::string> apply_link(std::span<const Param> params);
  /// A change from the controls: live settings apply to the running trainer at once (model,
  /// momentum and chains kept); settings that need a new model run through the guard.
  void propose(const RbmSettings& next);

  // [SECTION] Running
  /// Trains while playing, then lets AIS use the time left; at most budget_ms of wall time
  /// (at least one minibatch while playing, so training always progresses).
  void step(double budget_ms);
  bool playing() const { return playing_; }
  void set_playing(bool on);
  /// One minibatch now (pauses).
  void step_batch();
  /// The rest of the current epoch now (pauses).
  void finish_epoch();
  /// A fresh model from the settings and seed (asks first when training is unsaved).
  void request_reset();
  /// True once training stopped on divergence (NaN, infinity or exploding weights; error() says
  /// why), and whether the last good weights (from the start of an epoch) can be restored.
  bool diverged() const { return built_ && !trainer_.status.ok(); }
  bool can_restore() const { return diverged() && trainer_.good_epoch >= 0; }
  /// Puts the last good weights back (paused; notice() says from when); training may go on.
  void restore_good();
  bool animating() const { return playing_ || ais_running_ || !built_; }

  // [SECTION] Files and unsaved work
  /// The model as JSON (format ebm-rbm, version 1); marks it saved.
  std::string save_json();
  /// Replaces the model by a file's contents; on failure nothing changes and error() says why.
  /// Callers guard first (request through guard()) since this replaces the model.
  bool load_json(const std::string& text, const std::string& name, ModelSource source);
  /// The same from a file's bytes, JSON or the binary "ebm-rbm" form (the shipped model).
  bool load_bytes(std::span<const uint8_t> bytes, const std::string& name, ModelSource source);
  /// A file could not even be read (network, permissions): says so; the model is unchanged.
  void load_failed(const std::string& name, const std::string& why);
  /// True when the model holds training updates that were not saved.
  bool unsaved() const;
  DiscardGuard& guard() { return guard_; }
  const DiscardGuard& guard() const { return guard_; }

  // [SECTION] Reading
  const ebm::RbmTrainer& trainer() const { return trainer_; }
  const ebm::Rbm& rbm() const { return trainer_.rbm; }
  const RbmMonitors& monitors() const { return mon_; }
  const std::vector<float>& held() const { return held_; }  // (n_held, 784) held-out rows in [0, 1]
  int n_held() const { return n_held_; }
  bool ais_running() const { return ais_running_; }
  float ais_fraction() const;
  const Pacer& train_pacer() const { return train_pacer_; }
  double samples_per_s() const { return train_pacer_.units_per_s * trainer_.config.batch_size; }
  ModelSource source() const { return source_; }
  const std::string& source_name() const { return source_name_; }
  /// Changes whenever the weights do (training, loading, rebuilding): views and other scenes
  /// refresh their copies when it moves.
  uint64_t version() const { return version_; }
  const std::string& error() const { return error_; }
  const std::string& notice() const { return notice_; }
  void clear_messages() { error_.clear(); notice_.clear(); }
  /// True when W and both bias vectors are finite.
  bool weights_finite() const;
  /// Launch flag consumed: true once if the link asked for the pretrained model.
  bool take_pretrained_request();

 private:
  void build();
  void evaluate();
  void finish_ais();
  void record_batch();
  void after_training(int64_t updates_before, int epoch_before);

  RbmSettings settings_;
  const ebm::DatasetSplit* split_ = nullptr;
  ebm::Rng rng_{1}, rng_ais_{2};
  ebm::RbmTrainer trainer_;
  ebm::MetricScratch scratch_;
  ebm::AisRun ais_;
  std::shared_ptr<const std::vector<uint8_t>> train_levels_;  // (n_train, 784) bytes, value / 255
  std::vector<float> train_eval_, held_, ais_base_;          // monitor rows (<= 500 each) in [0, 1]
  int n_train_ = 0, n_held_ = 0;
  RbmMonitors mon_;
  Pacer train_pacer_, ais_pacer_;
  DiscardGuard guard_;
  std::string error_, notice_, source_name_ = "trained here";
  ModelSource source_ = ModelSource::Trained;
  int64_t last_eval_updates_ = 0;
  int64_t saved_updates_ = -1;  // trainer updates when last saved (-1: never)
  uint64_t version_ = 0;
  float ais_x_ = 0;
  bool ais_running_ = false;
  bool playing_ = false;
  bool built_ = false;
};

}  // namespace web
