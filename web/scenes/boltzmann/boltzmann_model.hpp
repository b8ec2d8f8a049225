// boltzmann_model.hpp: the Boltzmann machine scene's model part: its settings table, the
// two-phase trainer (engine/boltzmann) on a toy data set, the exact figures of the current
// machine (KL, mean log-likelihood, P(v)), unit updates paced at the chosen speed within a
// frame's budget, and the rules for changes (learning and annealing settings apply live; a new
// machine asks first once this one has learned). No ImGui, no platform: it is compiled into the
// native test suite. Views read it by const reference.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "boltzmann.hpp"
#include "discard_guard.hpp"
#include "history.hpp"
#include "pacer.hpp"
#include "rng.hpp"
#include "settings.hpp"

namespace web {

inline constexpr int kBmMaxHidden = 6;              // n <= 14 keeps the per-update exact enumeration cheap
inline constexpr size_t kBmKlPoints = 4000;         // KL points kept before the history halves
inline constexpr int64_t kBmChunk = 64;             // unit updates per engine call: nearly every learning
                                                    // step gets its own KL point
inline constexpr int kBmChunksPerClockCheck = 16;   // the wall clock is read every this many chunks
inline constexpr int64_t kBmMaxUnitsPerFrame = 200000;  // cap on one frame's unit updates
// The initial weights come from their own stream, seeded seed * kBmInitSeedMul + kBmInitSeedOffset,
// so the sampling stream (seeded with seed itself) does not depend on how the weights were drawn.
inline constexpr uint64_t kBmInitSeedMul = 7919;
inline constexpr uint64_t kBmInitSeedOffset = 17;
inline constexpr int kBmPvAllMax = 32;  // the P(v) chart shows every visible vector up to this many
inline constexpr int kBmPvShown = 12;   // beyond: the data vectors and the likeliest, this many at least

/// Everything a link says about the Boltzmann machine scene. Defaults are the page's first view.
struct BoltzmannSettings {
  ebm::BmDataset data = ebm::BmDataset::Bars2x2;               // training vectors
  int hidden = 2;                                              // hidden units (never clamped)
  bool restricted = false;                                     // RBM connectivity: no intra-layer weights
  float init = 0.5f;                                           // sd of the initial weights N(0, sd^2)
  uint64_t seed = 1;                                           // initial weights and every sampling decision
  float lr = 0.3f;                                             // lr in dW = lr (<ss>_clamped - <ss>_free)
  int stats = 10;                                              // sweeps per run that collect <s_i s_j>
  float t_start = 8.0f;                                        // temperature of a run's first sweep
  float t_final = 1.0f;                                        // temperature statistics are collected at
  int anneal = 10;                                             // sweeps cooling from t_start to t_final
  ebm::ScheduleKind cooling = ebm::ScheduleKind::Exponential;  // shape of the cooling
  float speed = 20000.0f;                                      // unit updates per second while playing
  bool play = false;                                           // launch flag: start training at once
};

/// The scene's settings table (link keys, ranges, controls, costs).
std::span<const Setting<BoltzmannSettings>> boltzmann_settings_table();

/// The engine's training configuration for these settings.
ebm::BmTrainConfig boltzmann_train_config(const BoltzmannSettings& s);

/// "1100" for v = 0b0011 with nv = 4: v1 first, as the units are drawn left to right.
std::string bm_bit_string(uint32_t v, int nv);

/// The visible vectors a P(v) chart shows, ascending: all 2^nv when that is at most kBmPvAllMax;
/// otherwise every data vector plus the model's likeliest (kBmPvShown in all at least), then -1
/// for a last "rest" slot holding the remaining probability. p_data and p_model have 2^nv
/// entries (p_model may be shorter: missing entries count as 0).
std::vector<int> bm_pv_slots(std::span<const double> p_data, std::span<const double> p_model);

class BoltzmannModel {
 public:
  explicit BoltzmannModel(const BoltzmannSettings& s = {});

  // [SECTION] Settings
  const BoltzmannSettings& settings() const { return settings_; }
  /// Applies link parameters (no guard: a link opens a fresh page) and builds once. Messages
  /// name each bad parameter.
  std::vector<std::string> apply_link(std::span<const Param> params);
  /// A change from the controls: live settings apply to the running trainer (machine, progress
  /// and the run in progress kept); a new machine runs through the guard.
  void propose(const BoltzmannSettings& next);
  /// New random weights from the seed (asks first once the machine has learned).
  void request_reset();
  /// True once training stopped on divergence (trainer().status says why), and whether the last
  /// good weights (from the last checkpoint, every kBmCheckpointEvery learning steps) exist.
  bool diverged() const { return !trainer_.status.ok(); }
  bool can_restore() const { return diverged() && trainer_.good_weight_updates >= 0; }
  /// Puts the last good weights back (paused); training may go on at a lower learning rate.
  void restore_good();

  // [SECTION] Running
  /// Makes the unit updates due at settings().speed after dt_s seconds, no more than fit in
  /// budget_ms (at least one chunk once any is due); nothing while paused.
  void step(double dt_s, double budget_ms);
  bool playing() const { return playing_; }
  void set_playing(bool on);
  /// One unit update now (pauses).
  void step_unit();
  /// Runs to the end of the current learning step now (pauses).
  void finish_update();
  bool animating() const { return playing_; }
  /// True once the machine has learned (a weight update): a new machine would lose it.
  bool unsaved() const { return trainer_.weight_updates > 0; }
  DiscardGuard& guard() { return guard_; }
  const DiscardGuard& guard() const { return guard_; }

  // [SECTION] Reading
  const ebm::BmTrainer& trainer() const { return trainer_; }
  int nv() const { return nv_; }
  const std::vector<double>& p_data() const { return p_data_; }    // (2^nv) data distribution
  const std::vector<double>& p_model() const { return p_model_; }  // (2^nv) the machine's P(v)
  const std::vector<float>& p_on() const { return p_on_; }         // (n) P(s_i = 1 | rest) at T now
  const History& kl_history() const { return kl_; }                // x: sweeps / 1000, y: KL nats
  double kl() const { return kl_now_; }
  double kl_start() const { return kl_start_; }
  double log_likelihood() const { return log_likelihood_; }
  const Pacer& pacer() const { return pacer_; }
  /// Changes with every learning step and rebuild: views re-upload what depends on the weights.
  uint64_t version() const { return version_; }
  const std::string& error() const { return error_; }

 private:
  void build();
  void advance(int64_t want, double budget_ms);
  void record();
  void refresh_units();
  std::string loss() const;

  BoltzmannSettings settings_;
  ebm::Rng rng_{1};
  ebm::BmTrainer trainer_;
  std::vector<uint8_t> data_;
  std::vector<double> p_data_, p_model_;
  std::vector<float> p_on_;
  History kl_;
  double kl_now_ = 0, kl_start_ = 0, log_likelihood_ = 0;
  Pacer pacer_;
  DiscardGuard guard_;
  std::string error_;
  uint64_t version_ = 0;
  int nv_ = 4, rows_ = 0;
  bool playing_ = false;
};

}  // namespace web
