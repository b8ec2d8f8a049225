// hopfield_model.hpp: the Hopfield lab's model part: its settings table, the stored memories
// (letters, glyph images, random patterns, MNIST digits, the reader's drawings), the trained
// network, a corrupted cue and its dynamics (async, sync, Glauber at T, annealing), paced by
// the shared Pacer. Rules for changes: the memories or the rule rebuild the network; the cue
// settings restart from a fresh cue; the dynamics restart from the current state; speed and T
// apply live. No ImGui, no platform: compiled into the native test suite.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "datasets.hpp"
#include "discard_guard.hpp"
#include "history.hpp"
#include "hopfield.hpp"
#include "hopfield_dense.hpp"
#include "hopfield_dynamics.hpp"
#include "hopfield_rules.hpp"
#include "pacer.hpp"
#include "rng.hpp"
#include "settings.hpp"

namespace web {

enum class PatternSet : int { Letters, Glyphs, Random, Digits };
inline constexpr const char* kPatternSetNames[] = {"letters", "glyphs", "random", "digits"};

enum class Dynamics : int { Async, Sync, Glauber, Anneal };
inline constexpr const char* kDynamicsNames[] = {"async", "sync", "glauber", "anneal"};

/// The rule choice: the four classical learning rules (values equal to ebm::Rule), then the dense
/// associative memories (binary, no weight matrix) and the continuous modern Hopfield network.
enum class HopfieldRule : int { Hebbian, Storkey, PseudoInverse, Optimized, Dense, DenseExp, Modern };
inline constexpr const char* kHopfieldRuleNames[] = {"hebbian", "storkey", "pseudo-inverse", "optimized",
                                                     "dense", "exp", "modern"};
/// Which engine a rule runs on.
enum class HopfieldEngine { Classical, Dense, Modern };
HopfieldEngine hopfield_engine(HopfieldRule rule);

inline constexpr int kHopfieldMaxMemories = 64;  // candidates a set offers (tick boxes, link bits)
inline constexpr int kHopfieldMaxDegree = 30;    // largest degree of the dense rule's slider
inline constexpr int kHopfieldModernMaxSteps = 200;  // a modern run stops here if still moving
inline constexpr int kHopfieldPlotPointsPerFrame = 400;  // energy points a large budget records
// Seed offsets give each random stream its own sequence from the one seed in the link.
inline constexpr uint64_t kHopfieldSeedPatterns = 7919;     // patterns: seed * this + 17
inline constexpr uint64_t kHopfieldSeedTraining = 101;      // the rules' own randomness
inline constexpr uint64_t kHopfieldSeedCueStride = 1000003; // cue k draws from seed + k * this

/// Everything a link says about the Hopfield lab. Defaults are the page's first view.
struct HopfieldSettings {
  PatternSet set = PatternSet::Letters;       // which patterns are offered
  int patterns = 3;                           // how many of the set are candidates (1..set size)
  IndexSet skip{};                            // candidates left out (unticked), 1-based
  std::string drawings;                       // the reader's stored drawings (pattern_link text)
  HopfieldRule rule = HopfieldRule::Hebbian;  // how the memories are stored and recalled
  int degree = 20;                            // dense: n of F(x) = x^n (2 is the Hebbian network);
                                              // 40 MNIST digits need about 20 (their overlaps are 0.6-0.9)
  float beta = 50.0f;                         // exp and modern: inverse temperature per unit of
                                              // normalized overlap m = x . s / N
  int cue = 1;                                // the memory the cue is made from, 1-based
  float noise = 20.0f;                        // percent of the cue's units flipped
  bool blank = false;                         // also erase the cue's central block
  Dynamics dynamics = Dynamics::Async;        // how units update
  float temperature = 0.5f;                   // Glauber temperature T (field units)
  float t_start = 2.0f;                       // annealing: T at the first sweep
  float t_end = 0.0f;                         // annealing: T at the last sweep
  int sweeps = 60;                            // annealing: schedule length in sweeps
  ebm::ScheduleKind cooling = ebm::ScheduleKind::Linear;  // annealing: shape of the decay
  float speed = 60.0f;                        // unit updates per second of wall time
  uint64_t seed = 1;                          // patterns, corruption, update order
  bool play = false;                          // launch flag: start the dynamics at once
};

/// The Hopfield lab's settings table.
std::span<const Setting<HopfieldSettings>> hopfield_settings_table();

/// Patterns a set offers (letters 6, glyphs 12, digits and random kHopfieldMaxMemories).
int hopfield_set_size(PatternSet set);

/// The settings after choosing another set from the controls: its usual pattern count, the first
/// cue, nothing left out (a link instead sets each of these itself).
HopfieldSettings hopfield_with_set(HopfieldSettings s, PatternSet set);

class HopfieldModel {
 public:
  explicit HopfieldModel(const HopfieldSettings& s = {});

  // [SECTION] Data and settings
  /// Gives the MNIST digits (null while loading); the digits set waits for them (letters stand in).
  void set_data(const ebm::DatasetSplit* split);
  const HopfieldSettings& settings() const { return settings_; }
  /// Applies link parameters and rebuilds once; messages name each bad parameter.
  std::vector<std::string> apply_link(std::span<const Param> params);
  /// A change from the controls, applied at the cost its table entries say.
  void propose(const HopfieldSettings& next);

  // [SECTION] Running
  /// Advances at settings().speed within budget_ms of wall time (dt_s since the last frame).
  void step(double dt_s, double budget_ms);
  bool playing() const { return playing_; }
  /// Play; at a fixed point it starts from a fresh cue first.
  void set_playing(bool on);
  /// One update now: a single unit, or one synchronous step (pauses).
  void step_once();
  /// n single-unit updates now (pauses).
  void sweep();
  /// A fresh corruption of the cue memory; the dynamics restart.
  void new_cue();
  /// Uses stored memory `memory` (0-based) as the cue.
  void set_cue(int memory);
  /// True when the dynamics reached their end (fixed point, 2-cycle, schedule done).
  bool finished() const;
  /// Waiting for the MNIST digits the settings ask for.
  bool waiting_for_digits() const;

  // [SECTION] The reader's drawings
  /// Sets one unit of the state (cell in [0, n)) to v in {-1, +1}; pauses and restarts there.
  void paint(int cell, int8_t v);
  /// Stores the grid as a memory (up to kHopfieldMaxMemories drawings) and retrains.
  void store_drawing();
  /// Removes the stored drawings (asks first: they are the reader's work).
  void request_forget_drawings();
  /// Puts back the last drawing a new cue replaced; false when there is none of this size.
  bool restore_drawing();
  bool can_restore_drawing() const;
  /// Ticks or unticks candidate k (0-based): stores it or leaves it out, keeping the state.
  void toggle_candidate(int k);
  int drawings_stored() const { return static_cast<int>(drawn_.size()); }
  DiscardGuard& guard() { return guard_; }
  const DiscardGuard& guard() const { return guard_; }

  // [SECTION] Reading
  /// The engine the network runs on (classical also when a dense memory could not be built).
  HopfieldEngine engine() const { return engine_; }
  /// Network size n (units); net() holds zero weights unless the engine is classical.
  int n() const { return net_.n; }
  const ebm::HopfieldNet& net() const { return net_; }
  const ebm::DenseMemory& dense() const { return dense_; }
  /// Modern rule: the continuous state xi (n values in [-1, 1]); state() is its sign.
  const ebm::ModernRun& modern_run() const { return modern_run_; }
  /// Modern rule: softmax(beta_n X^T xi) at the current xi, the weights the next update uses
  /// (P values, sum 1); empty for the other rules.
  const std::vector<float>& attention() const { return attention_; }
  /// Modern and exp rules: beta per unit of raw overlap, settings().beta / n.
  float beta_per_unit() const;
  int side() const;
  const ebm::Pattern& state() const;
  double energy() const;
  int64_t time() const;  // unit updates so far (a synchronous step counts n)
  int64_t flips() const;
  int last_unit() const;  // the unit updated last (-1: none, or synchronous)
  const ebm::SyncRun& sync_run() const { return sync_; }
  const ebm::AnnealRun& anneal_run() const { return anneal_; }
  const std::vector<ebm::Pattern>& memories() const { return memories_; }      // stored
  const std::vector<std::string>& memory_names() const { return names_; }
  const std::vector<ebm::Pattern>& candidates() const { return candidates_; }  // offered
  const std::vector<std::string>& candidate_names() const { return cand_names_; }
  /// Index into memories() of candidate k, or -1 when it is left out.
  int memory_of_candidate(int k) const { return mem_of_cand_[k]; }
  int cue_memory() const { return settings_.cue - 1; }
  PatternSet built_set() const { return built_; }
  const History& energy_history() const { return energy_; }
  const History& temperature_history() const { return temp_; }
  const std::string& train_error() const { return train_error_; }
  const std::string& notice() const { return notice_; }
  int pinv_dropped() const { return pinv_dropped_; }
  float weight_range() const { return weight_range_; }
  /// Change counters for views: the state, and the weights and candidates.
  uint64_t state_version() const { return state_version_; }
  uint64_t weights_version() const { return weights_version_; }
  const Pacer& pacer() const { return pacer_; }

 private:
  void rebuild();           // memories, weights and a new cue
  void build_memories();
  void retrain();
  void restart(const ebm::Pattern& s);
  void record();
  int64_t advance(int64_t budget);  // returns the unit updates made
  void encode_drawings();
  // hopfield_model_dense.cpp: the dense and modern engines.
  void build_dense();                  // dense_ or modern_ from memories_; sets engine_
  void restart_dense(const ebm::Pattern& s);
  int64_t advance_dense(int64_t budget);
  void modern_beta_changed();          // keeps xi, new energy and attention
  void refresh_attention();

  HopfieldSettings settings_;
  const ebm::DatasetSplit* split_ = nullptr;
  ebm::Rng rng_{1};
  ebm::HopfieldNet net_;
  ebm::HopfieldRun run_;
  ebm::SyncRun sync_;
  ebm::AnnealRun anneal_;
  HopfieldEngine engine_ = HopfieldEngine::Classical;
  ebm::DenseMemory dense_;
  ebm::DenseRun dense_run_;
  ebm::ModernHopfield modern_;
  ebm::ModernRun modern_run_;
  ebm::Pattern modern_sign_;         // (n) sign of modern_run_.xi (0 reads as -1, paper)
  std::vector<float> attention_, scratch_;
  ebm::Pattern cue_;                 // the corrupted cue the current run started from
  std::vector<ebm::Pattern> all_, candidates_, memories_, drawn_;
  std::vector<std::string> labels_, cand_names_, names_;
  std::vector<int> mem_of_cand_;  // (candidates) index into memories_, -1 when left out
  ebm::Pattern last_drawing_;     // the last drawing a new cue replaced (restorable)
  bool drawn_since_restart_ = false;
  PatternSet built_ = PatternSet::Letters;  // the set all_ was built from
  History energy_, temp_;
  std::string train_error_, notice_;
  DiscardGuard guard_;
  Pacer pacer_, sync_pacer_;  // unit updates; synchronous steps
  int pinv_dropped_ = 0;
  float weight_range_ = 1.0f;
  int cue_draws_ = 0;
  uint64_t state_version_ = 0, weights_version_ = 0;
  bool playing_ = false;
};

}  // namespace web
