// toy_model.hpp: the exact RBM scene's model part: seed 003's tutorial toy (visible people A,
// B, C; hidden fruits D, E) with its settings table, a CD-k / PCD-k trainer on the six data rows,
// every one of the 32 joint states enumerated exactly after each update (score, exp(score),
// P(v, h)), P(v) beside the data and the exact KL, updates paced at the chosen speed within a
// frame's budget, and the rules for changes (hyper-parameters live; a new starting model asks
// first once this one has trained). No ImGui, no platform: compiled into the native tests.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "discard_guard.hpp"
#include "history.hpp"
#include "pacer.hpp"
#include "rbm_train.hpp"
#include "rng.hpp"
#include "settings.hpp"

namespace web {

inline constexpr int kToyNv = 3, kToyNh = 2;    // people A, B, C; fruits D, E
inline constexpr int kToyStates = 32;           // 2^(nv + nh) joint states
inline constexpr int kToyVisibleStates = 8;     // 2^nv visible states
inline constexpr int kToyRows = 6;              // the tutorial's data rows; every update uses all six
inline constexpr float kToyInitSd = 0.1f;       // sd of the small random starting weights
inline constexpr int64_t kToyMaxUpdatesPerFrame = 1000;

/// Where training starts.
enum class ToyStart { Tutorial, Random };
/// Link names of ToyStart, indexed by its value.
inline constexpr const char* kToyStartNames[] = {"tutorial", "random"};

/// Everything a link says about the exact RBM scene. Defaults are the page's first view.
struct ToySettings {
  ToyStart start = ToyStart::Tutorial;  // the tutorial's hand-set weights or small random ones
  float lr = 0.1f;                      // learning rate on the six-row batch-mean gradient
  int k = 1;                            // Gibbs steps in the negative phase
  bool pcd = false;                     // persistent chains (PCD-k) instead of CD-k
  float speed = 30.0f;                  // CD-k updates per second while training
  uint64_t seed = 1;                    // random starting weights and every Gibbs sample
  bool play = false;                    // launch flag: start training at once
};

/// The scene's settings table (link keys, ranges, controls, costs).
std::span<const Setting<ToySettings>> toy_settings_table();

/// The engine's training configuration for these settings.
ebm::RbmTrainConfig toy_train_config(const ToySettings& s);

/// One joint state (v, h) with its exact numbers.
struct ToyState {
  float v[kToyNv];  // A B C in {0, 1}
  float h[kToyNh];  // D E in {0, 1}
  float score;      // -E(v, h)
  float weight;     // exp(score)
  float p;          // exp(score) / Z
  int visible;      // index of v among the 8 visible states: A * 4 + B * 2 + C
};

class ToyModel {
 public:
  explicit ToyModel(const ToySettings& s = {});

  // [SECTION] Settings
  const ToySettings& settings() const { return settings_; }
  /// Applies link parameters and builds once; messages name each bad parameter.
  std::vector<std::string> apply_link(std::span<const Param> params);
  /// A change from the controls: hyper-parameters apply to the running trainer (model kept); a
  /// new starting model (start, seed) runs through the guard.
  void propose(const ToySettings& next);
  /// Back to the starting model (asks first once this one has trained).
  void request_reset();
  /// True once training stopped on divergence (error() says why), and whether the last good
  /// weights (before the update that failed) can be put back.
  bool diverged() const { return built_ && !trainer_.status.ok(); }
  bool can_restore() const { return diverged() && trainer_.good_epoch >= 0; }
  /// Puts the last good weights back (paused); training may go on at a lower learning rate.
  void restore_good();

  // [SECTION] Running
  /// Makes the updates due at settings().speed after dt_s seconds, no more than fit in
  /// budget_ms; nothing while paused.
  void step(double dt_s, double budget_ms);
  bool playing() const { return playing_; }
  void set_playing(bool on);
  /// One CD-k update now (pauses).
  void step_update();
  bool animating() const { return playing_; }
  /// True once the model has trained: a new starting model would lose it.
  bool unsaved() const { return trainer_.updates > 0; }
  DiscardGuard& guard() { return guard_; }
  const DiscardGuard& guard() const { return guard_; }

  // [SECTION] Reading
  const ebm::RbmTrainer& trainer() const { return trainer_; }
  const std::vector<ToyState>& states() const { return states_; }  // the 32 joint states, v major
  const std::vector<float>& p_visible() const { return p_visible_; }  // (8) the model's P(v)
  const std::vector<float>& p_data() const { return p_data_; }        // (8) the data's P(v)
  double log_z() const { return log_z_; }
  double p_sum() const { return p_sum_; }  // sum of P(v, h) over the 32 states (1 up to rounding)
  double kl() const { return kl_now_; }    // exact KL(data || model), nats
  double kl_start() const { return kl_.empty() ? kl_now_ : kl_.y.front(); }
  const History& kl_history() const { return kl_; }  // x: updates, y: KL nats
  const Pacer& pacer() const { return pacer_; }
  const std::string& error() const { return error_; }

 private:
  void build();
  int64_t train(int64_t n);
  void enumerate();
  void record();
  std::string loss() const;

  ToySettings settings_;
  ebm::Rng rng_{1};
  ebm::RbmTrainer trainer_;
  std::vector<float> data_, p_visible_, p_data_;
  std::vector<ToyState> states_;
  History kl_;
  double log_z_ = 0, p_sum_ = 0, kl_now_ = 0;
  Pacer pacer_;
  DiscardGuard guard_;
  std::string error_;
  bool built_ = false;
  bool playing_ = false;
};

}  // namespace web
