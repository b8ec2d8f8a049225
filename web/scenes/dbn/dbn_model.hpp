// dbn_model.hpp: the deep-belief-net scene's model part: its settings table, the DBN it dreams
// with (the pretrained one shipped with the page, a file, or one trained here), the top-level
// Gibbs chains with a clamped or free label and their downward pass, greedy layer-wise training
// from scratch with a monitor per layer, and the held-out accuracy of the free-energy classifier,
// all paced within a frame's budget. The rules for changes: hyper-parameters apply live to the
// layer that is training; settings that need a new training ask first when the work in progress
// (or a trained, unsaved model) would be lost. No ImGui, no platform: compiled into the native
// tests. The scene fetches files and the digits; the view reads this by const reference.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "datasets.hpp"
#include "dbn.hpp"
#include "discard_guard.hpp"
#include "history.hpp"
#include "pacer.hpp"
#include "rng.hpp"
#include "settings.hpp"

namespace web {

inline constexpr int kDbnSide = 28;                 // MNIST digits are 28 x 28
inline constexpr int kDbnLabels = 10;               // digit classes
inline constexpr int kDbnEvalRows = 1000;           // held-out digits the classifier is scored on
inline constexpr int kDbnEvalChunk = 50;            // rows classified per unit of evaluation work
inline constexpr int kDbnMaxUnitsPerFrame = 200;    // training units (minibatches) per frame at most
inline constexpr int kDbnMaxSweepsPerFrame = 50;
inline constexpr double kDbnChainBudgetShare = 0.3; // the chains may use this share of the budget
inline constexpr uint64_t kDbnSeedOffsetChains = 11;  // the chains' random stream (from the one seed)

/// Label choices: "each" (chain r clamped to r mod 10), a digit 0-9 for every chain, or "free".
inline constexpr int kDbnLabelEach = 0;   // value 1 + d clamps every chain to digit d
inline constexpr int kDbnLabelFree = 11;
inline constexpr const char* kDbnLabelNames[] = {"each", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "free"};
/// Chain starts (ebm::DbnChainStart, same order).
inline constexpr const char* kDbnStartNames[] = {"noise", "base-rate", "zero"};

/// Everything a link says about the DBN scene. Defaults are the page's first view.
struct DbnSettings {
  int layer1 = 128;                                  // hidden units of the first stacked RBM
  int layer2 = 128;                                  // of the second (0: none, the top sees layer 1)
  int top = 256;                                     // hidden units of the top RBM (sees pen + labels)
  int train_rows = 5000;                             // training digits (of 9,010)
  ebm::Binarize pixels = ebm::Binarize::Sample;      // how grey pixels become the first layer's input
  int epochs = 5;                                    // epochs per stacked layer
  int top_epochs = 10;                               // epochs of the top RBM
  float lr = 0.05f;                                  // learning rate (every layer)
  int k = 1;                                         // CD-k of the stacked layers
  int top_k = 5;                                     // CD-k of the top RBM
  int batch = 50;                                    // digits per update
  float momentum = 0.5f;
  float decay = 0.0001f;                             // L2 weight decay on W
  uint64_t seed = 1;                                 // initial weights, batch order, samples
  int label = kDbnLabelEach;                         // the chains' label clamp (kDbnLabelNames)
  int chains = 10;                                   // chains dreaming at once
  float speed = 20.0f;                               // Gibbs sweeps per second while dreaming
  ebm::DbnChainStart start = ebm::DbnChainStart::Zero;   // where the chains' pen units start
  bool train = false;                                // launch flag: train from scratch at once
};

/// The scene's settings table (link keys, ranges, controls, costs).
std::span<const Setting<DbnSettings>> dbn_settings_table();

/// The engine's configuration of a training run with these settings.
ebm::DbnConfig dbn_config(const DbnSettings& s);

/// "784-128-128, top 138 x 256": the layer sizes of a DBN.
std::string dbn_shape_text(const ebm::Dbn& d);

/// The label chain r is clamped to under label choice `label` (-1: free).
int dbn_chain_clamp(int label, int r);

/// Where the dream model came from.
enum class DbnSource { None, Pretrained, File, Trained };

/// What the scene is doing, for the view and ebm_query().
enum class DbnScenePhase { Loading, Ready, Training, Propagating, Evaluating, Failed };
const char* dbn_scene_phase_name(DbnScenePhase p);

/// Reconstruction error of one stage (stacked layer or top) of the training run.
struct DbnStageMonitor {
  History batch;  // last minibatch's error, x = epochs into this stage
  History epoch;  // mean over each completed epoch, x = epoch (1, 2, ...)
};

class DbnModel {
 public:
  explicit DbnModel(const DbnSettings& s = {});

  // [SECTION] Settings
  const DbnSettings& settings() const { return settings_; }
  /// Applies link parameters (nothing is trained yet); messages name each bad parameter.
  std::vector<std::string> apply_link(std::span<const Param> params);
  /// A change from the controls: hyper-parameters apply to the layer training now; a clamped
  /// label restarts the chains on it, "free" lets the running chains go on unclamped; chain
  /// settings restart them; a change of the network or data
  /// drops a training in progress, asking first when it has made updates.
  void propose(const DbnSettings& next);

  // [SECTION] Models and data
  /// Replaces the dream model by a file (ebm-dbn JSON or binary, 784 inputs, 10 labels); on
  /// failure nothing changes and error() says why. Drops any training run; callers guard first.
  bool load_bytes(std::span<const uint8_t> bytes, const std::string& name, DbnSource source);
  /// A file could not be fetched or read: says so; the model is unchanged.
  void load_failed(const std::string& name, const std::string& why);
  /// Gives the digits (null while they load): training can start and the accuracy is scored.
  void set_data(const ebm::DatasetSplit* split);
  bool has_model() const { return source_ != DbnSource::None; }
  bool has_data() const { return split_ != nullptr; }

  // [SECTION] Running
  /// Dreams (sweeps due at the speed, within a share of the budget), then trains and scores the
  /// classifier with the rest; at least one unit of training per frame while it runs.
  void step(double dt_s, double budget_ms);
  bool playing() const { return playing_; }
  void set_playing(bool on) { playing_ = on && has_model(); }
  /// One sweep of every chain now (pauses the dreams).
  void step_sweep();
  /// Restarts every chain (pen units as settings().start says, labels as the clamp says).
  void restart_chains();
  /// Train button: starts a fresh run (asking first if unsaved work would be lost), or pauses
  /// and resumes the run in progress. Before the digits arrive the run starts once they do.
  void toggle_training();
  /// Drops the training run (asks first when it has made updates or its model is unsaved).
  void request_discard_training();
  bool training() const { return training_; }
  bool animating() const {
    return (playing_ && has_model()) || training_ || train_requested_ || evaluating() || phase() == DbnScenePhase::Loading;
  }

  // [SECTION] Files and unsaved work
  /// The dream model as ebm-dbn JSON; marks a model trained here as saved.
  std::string save_json();
  /// True when a training run has made updates that are not saved (in progress, or its
  /// finished model not yet saved).
  bool unsaved() const;
  DiscardGuard& guard() { return guard_; }
  const DiscardGuard& guard() const { return guard_; }
  /// Asks first when unsaved work would be lost, then runs action (for the scene's file actions).
  void guarded(std::function<void()> action);

  // [SECTION] Reading
  DbnScenePhase phase() const;
  const ebm::Dbn& dbn() const { return dbn_; }
  DbnSource source() const { return source_; }
  const std::string& source_name() const { return source_name_; }
  const ebm::DbnChains& chains() const { return chains_; }
  /// (chains, labels) P(label | pen) of each chain's pen activity after the last sweep.
  const std::vector<double>& posterior() const { return posterior_; }
  /// The training run (null when none was started since the last model load).
  const ebm::DbnTrainer* trainer() const { return trainer_ ? &*trainer_ : nullptr; }
  const std::vector<DbnStageMonitor>& monitors() const { return monitors_; }
  /// Fraction of stage s done, in [0, 1] (0 without a run).
  float stage_fraction(int s) const;
  int64_t train_units() const { return units_; }
  bool evaluating() const { return eval_rows_ > 0 && eval_done_ < eval_rows_; }
  /// Held-out accuracy of the free-energy classifier, or -1 before it is scored.
  double accuracy() const { return accuracy_; }
  int eval_done() const { return eval_done_; }
  int eval_rows() const { return eval_rows_; }
  /// Seconds of training work per stage so far (wall time spent in the engine).
  const std::vector<double>& stage_seconds() const { return stage_seconds_; }
  const Pacer& train_pacer() const { return train_pacer_; }
  const Pacer& chain_pacer() const { return chain_pacer_; }
  /// Changes whenever what the views show does (sweeps, restarts, a new model).
  uint64_t version() const { return version_; }
  const std::string& error() const { return error_; }
  const std::string& notice() const { return notice_; }

 private:
  void use_model(ebm::Dbn dbn, std::string name, DbnSource source);
  void start_training();
  void train_for(double budget_ms);
  void finish_training();
  void start_evaluation();
  void evaluate_for(double budget_ms);
  void sweep(int n);
  void live_update();
  void update_posterior();
  std::string loss_text() const;

  DbnSettings settings_;
  const ebm::DatasetSplit* split_ = nullptr;
  ebm::Rng rng_{1}, rng_chains_{12};
  ebm::Dbn dbn_;
  DbnSource source_ = DbnSource::None;
  std::string source_name_ = "none";
  ebm::DbnChains chains_;
  ebm::DbnScratch scratch_;
  std::vector<double> posterior_;
  std::optional<ebm::DbnTrainer> trainer_;
  std::vector<DbnStageMonitor> monitors_;
  std::vector<double> stage_seconds_;
  int64_t units_ = 0;
  int64_t saved_units_ = -1;
  bool trained_model_in_use_ = false;  // the dream model is the finished run's
  ebm::Binarize trainer_pixels_ = ebm::Binarize::Sample;  // the run's pixels (for its file)
  uint64_t trainer_seed_ = 1;
  ebm::Binarize eval_pixels_ = ebm::Binarize::None;  // how the classifier sees held-out digits
  std::vector<float> held_;           // (eval_rows_, 784) held-out digits as the classifier sees them
  std::vector<int> eval_got_;
  int eval_rows_ = 0, eval_done_ = 0, eval_right_ = 0;
  double accuracy_ = -1;
  Pacer train_pacer_, chain_pacer_, eval_pacer_;
  DiscardGuard guard_;
  std::string error_, notice_;
  uint64_t version_ = 0;
  bool playing_ = true;   // dreams start as soon as a model is there
  bool training_ = false;
  bool train_requested_ = false;  // Train pressed before the digits arrived
};

}  // namespace web
