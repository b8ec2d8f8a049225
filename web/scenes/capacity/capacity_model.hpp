// capacity_model.hpp: the capacity experiment's model part: its settings table, one
// capacity experiment per selected rule (networks of n units store P = alpha n patterns; each
// is probed from a noisy copy), run in slices within the frame budget. The rules are the four
// classical learning rules and two dense associative memories (F(x) = x^n, F(x) = exp), whose
// capacity lies far beyond 0.138 (hence the log load axis). No ImGui, no platform: compiled
// into the native test suite.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "hopfield_analysis.hpp"
#include "hopfield_rules.hpp"
#include "pacer.hpp"
#include "rng.hpp"
#include "settings.hpp"

namespace web {

enum class CapacitySource : int { Random, Yours };
inline constexpr const char* kCapacitySourceNames[] = {"random", "yours"};
inline constexpr int64_t kCapacityMaxUnitsPerFrame = 1 << 20;

/// The rules: ebm::Rule's four (same values and names), then the dense memories.
enum class CapacityRule : int { Hebbian, Storkey, PseudoInverse, Optimized, Dense, DenseExp };
inline constexpr int kCapacityRuleCount = 6;
inline constexpr const char* kCapacityRuleNames[kCapacityRuleCount] = {"hebbian", "storkey", "pseudo-inverse",
                                                                       "optimized", "dense", "exp"};
inline constexpr float kCapacityClassicalMaxAlpha = 1.0f;  // classical curves stop here (all 0 by then)
inline constexpr int kCapacityDenseProbes = 30;            // dense: stored patterns probed per network

/// Everything a link says about the capacity experiment.
struct CapacitySettings {
  ChoiceSet rules{0b0111};                       // rules compared (bits over kCapacityRuleNames)
  int degree = 3;                                // dense: n of F(x) = x^n
  float beta = 10.0f;                            // exp: F = exp(beta m), m = x . s / n the overlap
  int n = 100;                                   // network size, units
  int trials = 3;                                // fresh networks per load
  float noise = 10.0f;                           // percent of units flipped in each probe
  float max_alpha = 0.4f;                        // largest load P / n tested (classical: at most 1)
  bool log_axis = false;                         // draw the load axis logarithmically
  CapacitySource source = CapacitySource::Random;  // random patterns or the Hopfield tab's memories
  uint64_t seed = 7;                             // patterns and probes
  bool run = false;                              // launch flag: start at once
};

std::span<const Setting<CapacitySettings>> capacity_settings_table();

class CapacityModel {
 public:
  explicit CapacityModel(const CapacitySettings& s = {}) : settings_(s) {}

  const CapacitySettings& settings() const { return settings_; }
  /// Applies link parameters; clears the curves (and starts them if the link says run=1, with
  /// `yours` as the patterns when the source is the Hopfield tab's memories).
  std::vector<std::string> apply_link(std::span<const Param> params, const std::vector<ebm::Pattern>& yours);
  /// A change from the controls: a setting of what is measured clears the curves; the axis does not.
  void propose(const CapacitySettings& next);

  /// Starts (or resumes) the experiment; `yours` are the Hopfield tab's memories.
  void start(const std::vector<ebm::Pattern>& yours);
  void pause() { running_ = false; }
  /// Clears the curves; the settings stay.
  void clear();
  /// Works within budget_ms of wall time while running (at least one unit).
  void step(double budget_ms);

  bool running() const { return running_; }
  bool started() const { return started_; }
  bool done() const;  // every selected rule finished
  float fraction() const;
  bool active(int rule) const { return active_[rule]; }
  const ebm::CapacityExperiment& experiment(int rule) const { return exps_[rule]; }
  const std::string& error() const { return error_; }
  const Pacer& pacer() const { return pacer_; }

 private:
  CapacitySettings settings_;
  ebm::Rng rng_{7};
  ebm::CapacityExperiment exps_[kCapacityRuleCount];
  bool active_[kCapacityRuleCount] = {};
  std::string error_;
  Pacer pacer_;
  bool running_ = false;
  bool started_ = false;
};

}  // namespace web
