// hopfield_model_memories.cpp: the Hopfield lab's settings table and its memories: which
// patterns a set offers, which of them (and of the reader's drawings) are stored, and the
// weights the chosen rule gives them (see hopfield_model.hpp).
#include <algorithm>
#include <cmath>

#include "fonts.hpp"
#include "glyphs.hpp"
#include "hopfield_model.hpp"
#include "pattern_link.hpp"
#include "patterns.hpp"

namespace web {

// [SECTION] Settings table ----------------------------------------------------------------
namespace {

const char* const kSetLabels[] = {"Letters 10x10 (A C X Z T H)", "Glyph images 32x32 (12)", "Random 16x16",
                                  "MNIST digits 28x28 (up to 64)"};
const char* const kRuleLabels[] = {"Hebbian", "Storkey", "Pseudo-inverse", "Optimized (unlearn parasites)",
                                   "Dense (polynomial, degree n)", "Dense (exponential)", "Modern (continuous, beta)"};
const char* const kDynLabels[] = {"Asynchronous, T = 0", "Synchronous, T = 0", "Glauber at temperature T",
                                  "Simulated annealing"};
const char* const kCoolingLabels[] = {"constant T", "linear", "exponential"};

using K = SettingKind;
using H = HopfieldSettings;
const Setting<H> kTable[] = {
    field<&H::set>({.key = "set", .label = "##set",
        .tooltip = "Which patterns the network stores: hand-drawn letters, 12 correlated font glyphs, random patterns or MNIST digits.",
        .kind = K::Choice, .names = kPatternSetNames, .labels = kSetLabels}),
    field<&H::patterns>({.key = "patterns", .label = "patterns",
        .tooltip = "How many of the set's patterns are offered and written into the weights; load alpha = P / n.",
        .kind = K::Int, .lo = 1, .hi = kHopfieldMaxMemories}),
    field<&H::skip>({.key = "skip", .label = "left out",
        .tooltip = "Patterns shown but not stored (unticked).", .kind = K::IndexSet, .hi = kHopfieldMaxMemories}),
    field<&H::drawings>({.key = "drawn", .label = "your drawings",
        .tooltip = "Drawings you stored as memories; the link carries them.", .kind = K::Text,
        .validate = pattern_link_check}),
    field<&H::rule>({.key = "rule", .label = "##rule",
        .tooltip = "How memories are stored: weights by Hebbian, Storkey, pseudo-inverse or optimized learning; a dense memory "
                   "with E = -sum F(x . s), F = x^n or exp; or the continuous modern network.",
        .kind = K::Choice, .names = kHopfieldRuleNames, .labels = kRuleLabels}),
    field<&H::degree>({.key = "degree", .label = "degree n",
        .tooltip = "Degree n of the dense energy -sum (x . s)^n: 2 is the Hebbian network; similar memories (digits) need 20 or so.",
        .kind = K::Int, .lo = 2, .hi = kHopfieldMaxDegree}),
    field<&H::beta>({.key = "beta", .label = "beta",
        .tooltip = "Inverse temperature per unit of overlap m = x . s / n for the exponential and modern rules: small averages "
                   "all memories, large picks the nearest one.",
        .kind = K::Float, .lo = 0.01, .hi = 100, .format = "%.3g", .log = true, .apply = Apply::Restart}),
    field<&H::cue>({.key = "cue", .label = "cue", .tooltip = "Which stored memory the cue is made from (1 = the first).",
        .kind = K::Int, .lo = 1, .hi = kHopfieldMaxMemories, .apply = Apply::Restart}),
    field<&H::noise>({.key = "noise", .label = "noise",
        .tooltip = "Percentage of the cue's units flipped at random before the dynamics start.",
        .kind = K::Float, .lo = 0, .hi = 50, .format = "%.0f %%", .apply = Apply::Restart}),
    field<&H::blank>({.key = "blank", .label = "blank the centre",
        .tooltip = "Also erases the central half-width block of the cue, as the seed library's example does.",
        .kind = K::Flag, .apply = Apply::Restart}),
    field<&H::dynamics>({.key = "dyn", .label = "##dynamics",
        .tooltip = "How units update: one at a time (async), all at once (sync, may 2-cycle), stochastically at "
                   "temperature T, or with T lowered over time.",
        .kind = K::Choice, .names = kDynamicsNames, .labels = kDynLabels, .apply = Apply::Restart}),
    field<&H::temperature>({.key = "T", .label = "T",
        .tooltip = "Noise level: each unit turns on with probability 1 / (1 + exp(-2 h / T)); T = 0 is the deterministic rule.",
        .kind = K::Float, .lo = 0, .hi = 5, .format = "%.2f", .apply = Apply::Live}),
    field<&H::t_start>({.key = "tstart", .label = "T start",
        .tooltip = "Temperature at the first sweep: high enough that the state wanders freely.",
        .kind = K::Float, .lo = 0, .hi = 5, .format = "%.2f", .apply = Apply::Restart}),
    field<&H::t_end>({.key = "tend", .label = "T end",
        .tooltip = "Temperature at the end of the schedule; a zero-temperature quench follows.",
        .kind = K::Float, .lo = 0, .hi = 5, .format = "%.2f", .apply = Apply::Restart}),
    field<&H::sweeps>({.key = "sweeps", .label = "sweeps",
        .tooltip = "Length of the cooling schedule in sweeps (n unit updates each).",
        .kind = K::Int, .lo = 1, .hi = 1000, .log = true, .apply = Apply::Restart}),
    field<&H::cooling>({.key = "cooling", .label = "cooling",
        .tooltip = "Shape of the schedule: constant T, a straight line, or geometric T(t) = T0 (T1/T0)^(t/steps).",
        .kind = K::Choice, .names = ebm::kScheduleKindNames, .labels = kCoolingLabels, .apply = Apply::Restart}),
    field<&H::speed>({.key = "speed", .label = "##speed",
        .tooltip = "Single-unit updates per second of wall time (a synchronous step counts as n).",
        .kind = K::Float, .lo = 1, .hi = 50000, .format = "%.0f updates/s", .log = true, .apply = Apply::Live}),
    field<&H::seed>({.key = "seed", .label = "seed",
        .tooltip = "Random seed for the patterns, the corruption and the update order.", .kind = K::Seed, .lo = 0, .hi = 1e9}),
    field<&H::play>({.key = "play", .label = "play", .tooltip = "Starts the dynamics at once.", .kind = K::Flag,
        .apply = Apply::Live, .in_link = false}),
};

}  // namespace

std::span<const Setting<HopfieldSettings>> hopfield_settings_table() { return kTable; }

int hopfield_set_size(PatternSet set) {
  switch (set) {
    case PatternSet::Letters: return 6;
    case PatternSet::Glyphs: return 12;
    case PatternSet::Digits:
    case PatternSet::Random: return kHopfieldMaxMemories;
  }
  return 1;
}

HopfieldSettings hopfield_with_set(HopfieldSettings s, PatternSet set) {
  if (s.set == set) return s;
  s.set = set;
  s.cue = 1;
  s.skip = {};
  s.patterns = set == PatternSet::Glyphs ? 12 : set == PatternSet::Random ? 8 : set == PatternSet::Digits ? 5 : 3;
  return s;
}

// [SECTION] Memories ---------------------------------------------------------------------------
int HopfieldModel::side() const {
  return built_ == PatternSet::Glyphs ? 32 : built_ == PatternSet::Random ? 16 : built_ == PatternSet::Digits ? 28 : 10;
}

bool HopfieldModel::waiting_for_digits() const { return settings_.set == PatternSet::Digits && built_ != PatternSet::Digits; }

void HopfieldModel::build_memories() {
  ebm::Rng prng(settings_.seed * kHopfieldSeedPatterns + 17);  // the memories depend on the seed, not the cues
  // The requested count survives while the digits load (letters stand in until then).
  settings_.patterns = std::clamp(settings_.patterns, 1, hopfield_set_size(settings_.set));
  built_ = settings_.set == PatternSet::Digits && !split_ ? PatternSet::Letters : settings_.set;
  for (int attempt = 0; attempt < 2; ++attempt) {
    all_.clear();
    labels_.clear();
    if (built_ == PatternSet::Digits) {
      // Held-out digits class by class, thresholded at half intensity: 0, 1, ..., 9 (the first
      // example of each), then the second example of each, ... up to kHopfieldMaxMemories.
      const ebm::Dataset& h = split_->held_out;
      std::vector<int> next(10, 0);  // per class: where the search for its next example resumes
      for (int round = 0, added = 1; round * 10 < kHopfieldMaxMemories && added; ++round) {
        added = 0;
        for (int label = 0; label < 10 && static_cast<int>(all_.size()) < kHopfieldMaxMemories; ++label) {
          int& i = next[label];
          while (i < h.count && h.labels[i] != label) ++i;
          if (i >= h.count) continue;
          ebm::Pattern p(h.dim());
          for (int u = 0; u < h.dim(); ++u) p[u] = h.pixels[static_cast<size_t>(i) * h.dim() + u] >= 128 ? 1 : -1;
          all_.push_back(std::move(p));
          labels_.push_back(std::to_string(label) + (round ? std::string(1, static_cast<char>('a' + round)) : ""));
          ++i;
          ++added;
        }
      }
    } else if (built_ == PatternSet::Letters) {
      all_ = ebm::letters_10x10(6);
      labels_ = {"A", "C", "X", "Z", "T", "H"};
    } else if (built_ == PatternSet::Glyphs) {
      auto imgs = ebm::glyph_image_set({kRobotoRegularTtf, kRobotoRegularTtf_size},
                                       {kDejaVuSansBoldTtf, kDejaVuSansBoldTtf_size}, 32);
      if (imgs.ok())
        for (auto& g : imgs.value()) { all_.push_back(g.pattern); labels_.push_back(g.label); }
      else notice_ = "The glyph images could not be drawn (" + imgs.error() + ").";
    } else {
      for (int k = 0; k < kHopfieldMaxMemories; ++k) {
        all_.push_back(ebm::random_pattern(side() * side(), prng));
        labels_.push_back(std::string(1, '#').append(std::to_string(k + 1)));
      }
    }
    // Candidates: the first `patterns` of the set, then the reader's drawings of this size
    // (drawings of another size cannot be stored with this set; they wait in drawn_).
    const size_t n_set = std::min<size_t>(settings_.patterns, all_.size());
    candidates_.assign(all_.begin(), all_.begin() + static_cast<long>(n_set));
    cand_names_.assign(labels_.begin(), labels_.begin() + static_cast<long>(n_set));
    for (size_t k = 0; k < drawn_.size(); ++k)
      if (static_cast<int>(drawn_[k].size()) == side() * side()) {
        candidates_.push_back(drawn_[k]);
        cand_names_.push_back("yours " + std::to_string(k + 1));
      }
    if (!candidates_.empty()) break;
    // Nothing to offer (the glyphs failed and no drawing fits): the letters stand in, once.
    built_ = PatternSet::Letters;
  }
  memories_.clear();
  names_.clear();
  mem_of_cand_.assign(candidates_.size(), -1);
  // Never leave the network without a memory: if every candidate is unticked, tick them all.
  bool any = false;
  for (size_t k = 0; k < candidates_.size(); ++k) any |= k >= 64 || !((settings_.skip.bits >> k) & 1u);
  if (!any) settings_.skip = {};
  for (size_t k = 0; k < candidates_.size(); ++k) {
    if (k < 64 && (settings_.skip.bits >> k) & 1u) continue;
    mem_of_cand_[k] = static_cast<int>(memories_.size());
    memories_.push_back(candidates_[k]);
    names_.push_back(cand_names_[k]);
  }
  settings_.cue = std::clamp(settings_.cue, 1, static_cast<int>(memories_.size()));
}

void HopfieldModel::retrain() {
  const int n = side() * side();
  net_ = ebm::hopfield_make(n);
  train_error_.clear();
  pinv_dropped_ = 0;
  engine_ = hopfield_engine(settings_.rule);
  if (engine_ != HopfieldEngine::Classical) build_dense();  // on failure: a message, Hebbian weights
  if (engine_ == HopfieldEngine::Classical) {
    ebm::Rng trng(settings_.seed + kHopfieldSeedTraining);
    if (hopfield_engine(settings_.rule) == HopfieldEngine::Classical) {
      auto r = ebm::train(static_cast<ebm::Rule>(settings_.rule), net_, memories_, trng);
      if (r.ok()) pinv_dropped_ = r.value().pinv.dropped;
      else train_error_ = r.error();
      if (!r.ok()) ebm::train_hebbian(net_, memories_);
    } else {
      ebm::train_hebbian(net_, memories_);
    }
  }
  float wmax = 1e-6f;
  for (float w : net_.w) wmax = std::max(wmax, std::fabs(w));
  weight_range_ = wmax;
  ++weights_version_;
}

void HopfieldModel::encode_drawings() { settings_.drawings = patterns_to_link(drawn_); }

}  // namespace web
