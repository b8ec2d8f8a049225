// optimized_model.hpp: the optimized rule's model part (seed 000's "memorize more"): 12
// correlated 32x32 glyph targets start from Hebbian weights; each visit finds the target's
// nearby parasite and lowers the target's energy while raising the parasite's. Per epoch:
// mean energies and how many targets are recalled from a blanked centre. Paced by the shared
// Pacer at a chosen number of target visits per second. No ImGui: tested natively.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "history.hpp"
#include "hopfield.hpp"
#include "hopfield_rules.hpp"
#include "pacer.hpp"
#include "rng.hpp"
#include "settings.hpp"

namespace web {

inline constexpr int kOptimizedSide = 32;               // targets are 32 x 32 glyph images
inline constexpr uint64_t kOptimizedSeedRecall = 99;    // the recall measure's own random stream
inline constexpr int kOptimizedRecallSweeps = 50;       // sweeps a recall probe may take

/// Everything a link says about the optimized-rule scene.
struct OptimizedSettings {
  float lr = 0.5f;          // update size, in units of one Hebbian pattern (1/n)
  int steps = 2;            // synchronous steps from a target to its parasite
  int epochs = 8;           // passes over the 12 targets (about 8 give the best recall)
  float speed = 6.0f;       // target visits per second of wall time
  uint64_t seed = 1;        // visit order
  bool play = false;        // launch flag: start at once
};

std::span<const Setting<OptimizedSettings>> optimized_settings_table();

class OptimizedModel {
 public:
  explicit OptimizedModel(const OptimizedSettings& s = {});

  const OptimizedSettings& settings() const { return settings_; }
  std::vector<std::string> apply_link(std::span<const Param> params);
  /// Speed applies live; anything else starts again from Hebbian weights.
  void propose(const OptimizedSettings& next);

  void step(double dt_s, double budget_ms);
  bool playing() const { return playing_; }
  /// Play; when the epochs are done, Play starts over first.
  void set_playing(bool on);
  /// One target visit now (pauses).
  void step_once();
  /// Back to plain Hebbian weights.
  void reset();

  const ebm::HopfieldNet& net() const { return net_; }
  const ebm::OptimizedTrainer& trainer() const { return trainer_; }
  const std::vector<ebm::Pattern>& targets() const { return targets_; }
  const std::vector<std::string>& labels() const { return labels_; }
  const History& target_energy() const { return target_e_; }      // mean E of targets per epoch
  const History& parasite_energy() const { return parasite_e_; }  // mean E of parasites per epoch
  const History& recalled() const { return recalled_; }           // targets recalled vs epochs done
  int hebbian_recalled() const { return hebbian_recalled_; }
  bool done() const { return ebm::optimized_done(trainer_); }
  /// True once the rule stopped on divergence (error() says why), and whether the weights from
  /// the start of the epoch can be put back (restore_good, paused).
  bool diverged() const { return !trainer_.status.ok(); }
  bool can_restore() const { return diverged() && trainer_.good_epoch >= 0; }
  void restore_good();
  /// The trainer, for tests of the guard (weight_limit) and views.
  ebm::OptimizedTrainer& trainer_for_tests() { return trainer_; }
  const std::string& error() const { return error_; }
  uint64_t version() const { return version_; }  // changes with the shown target / parasite

 private:
  int measure_recall();
  int64_t advance(int64_t visits);

  OptimizedSettings settings_;
  ebm::Rng rng_{1};
  ebm::HopfieldNet net_;
  ebm::OptimizedTrainer trainer_;
  std::vector<ebm::Pattern> targets_;
  std::vector<std::string> labels_;
  History target_e_, parasite_e_, recalled_;
  std::string error_;
  Pacer pacer_;
  int hebbian_recalled_ = 0;
  uint64_t version_ = 0;
  bool playing_ = false;
};

}  // namespace web
