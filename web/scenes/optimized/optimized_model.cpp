// optimized_model.cpp: see optimized_model.hpp.
#include "optimized_model.hpp"

#include "fonts.hpp"
#include "glyphs.hpp"
#include "hopfield_analysis.hpp"
#include "patterns.hpp"

namespace web {

namespace {
using K = SettingKind;
using O = OptimizedSettings;
const Setting<O> kTable[] = {
    field<&O::lr>({.key = "lr", .label = "learning rate",
        .tooltip = "Size of each weight update, in units of one Hebbian pattern (1/n).",
        .kind = K::Float, .lo = 0.001, .hi = 100, .format = "%.3g", .log = true}),
    field<&O::steps>({.key = "steps", .label = "parasite steps",
        .tooltip = "Synchronous steps taken from a target to reach its nearby parasite (the seed uses 2).",
        .kind = K::Int, .lo = 1, .hi = 20}),
    field<&O::epochs>({.key = "epochs", .label = "epochs",
        .tooltip = "Passes over the 12 targets, each in a fresh random order.", .kind = K::Int, .lo = 1, .hi = 50}),
    field<&O::speed>({.key = "speed", .label = "##speed", .tooltip = "How many targets are visited per second.",
        .kind = K::Float, .lo = 0.5, .hi = 500, .format = "%.1f targets/s", .log = true, .apply = Apply::Live}),
    field<&O::seed>({.key = "seed", .label = "seed", .tooltip = "Random seed for the order the targets are visited in.",
        .kind = K::Seed, .lo = 0, .hi = 1e9}),
    field<&O::play>({.key = "play", .label = "play", .tooltip = "Starts at once.", .kind = K::Flag, .apply = Apply::Live,
        .in_link = false}),
};
}  // namespace

std::span<const Setting<OptimizedSettings>> optimized_settings_table() { return kTable; }

OptimizedModel::OptimizedModel(const OptimizedSettings& s) : settings_(s) {
  auto imgs = ebm::glyph_image_set({kRobotoRegularTtf, kRobotoRegularTtf_size}, {kDejaVuSansBoldTtf, kDejaVuSansBoldTtf_size},
                                   kOptimizedSide);
  if (imgs.ok()) {
    for (auto& g : imgs.value()) {
      targets_.push_back(g.pattern);
      labels_.push_back(g.label);
    }
  } else {
    error_ = "The glyph images could not be drawn: " + imgs.error();
  }
  pacer_.ms_per_unit = 1.0;
  reset();
}

std::vector<std::string> OptimizedModel::apply_link(std::span<const Param> params) {
  auto notes = settings_apply(optimized_settings_table(), settings_, params, "optimized-rule");
  reset();
  if (settings_.play) {
    settings_.play = false;
    playing_ = error_.empty();
  }
  return notes;
}

void OptimizedModel::propose(const OptimizedSettings& next) {
  const SettingsDiff d = settings_diff(optimized_settings_table(), settings_, next);
  if (!d.changed) return;
  settings_ = next;
  if (d.apply != Apply::Live) reset();
}

void OptimizedModel::reset() {
  playing_ = false;
  pacer_clear_credit(pacer_);
  target_e_.clear();
  parasite_e_.clear();
  recalled_.clear();
  ++version_;
  if (targets_.empty()) return;
  rng_.reseed(settings_.seed);
  net_ = ebm::hopfield_make(kOptimizedSide * kOptimizedSide);
  const ebm::OptimizedOptions o{.lr = settings_.lr, .parasite_steps = settings_.steps, .epochs = settings_.epochs};
  trainer_ = ebm::OptimizedTrainer{};
  const ebm::Status st = ebm::optimized_begin(trainer_, net_, targets_, o);
  if (!st.ok()) {
    error_ = st.message;
    return;
  }
  error_.clear();
  hebbian_recalled_ = measure_recall();
  recalled_.push(0.0f, static_cast<float>(hebbian_recalled_));
}

void OptimizedModel::restore_good() {
  if (!can_restore()) return;
  const ebm::Status st = ebm::optimized_restore_good(trainer_, net_);
  error_ = st.ok() ? "" : st.message;
  playing_ = false;
  ++version_;
}

void OptimizedModel::set_playing(bool on) {
  if (!error_.empty() || diverged()) return;
  if (on && !playing_ && done()) reset();
  playing_ = on;
}

void OptimizedModel::step(double dt_s, double budget_ms) {
  if (!playing_ || !error_.empty()) return;
  const int64_t n = pacer_due(pacer_, settings_.speed, dt_s, budget_ms, 1000);
  if (n > 0) {
    const Stopwatch sw;
    pacer_record(pacer_, advance(n), sw.ms());
  }
  if (done()) playing_ = false;
}

void OptimizedModel::step_once() {
  playing_ = false;
  if (error_.empty()) advance(1);
}

// Targets recalled exactly from a copy with the centre blanked (the seed's corruption).
int OptimizedModel::measure_recall() {
  ebm::Rng r(settings_.seed + kOptimizedSeedRecall);
  const ebm::RecallOptions o{.noise = 0.0f, .threshold = 1.0f, .max_sweeps = kOptimizedRecallSweeps};
  int ok = 0;
  for (const auto& x : targets_) {
    const ebm::Pattern cue = ebm::blank_center(x, kOptimizedSide, kOptimizedSide, 0.5f);
    ok += ebm::recall_from(net_, x, cue, r, o).success ? 1 : 0;
  }
  return ok;
}

int64_t OptimizedModel::advance(int64_t visits) {
  int64_t made = 0;
  for (; made < visits && !done(); ++made) {
    const int before = trainer_.epoch;
    if (ebm::optimized_step(trainer_, net_, rng_, 1) == 0) break;
    if (trainer_.epoch != before) {  // an epoch finished: record its figures
      const auto& e = trainer_.history.back();
      target_e_.push(static_cast<float>(e.epoch), static_cast<float>(e.mean_target_energy));
      parasite_e_.push(static_cast<float>(e.epoch), static_cast<float>(e.mean_parasite_energy));
      recalled_.push(static_cast<float>(trainer_.epoch), static_cast<float>(measure_recall()));
    }
  }
  if (made > 0) ++version_;
  if (!trainer_.status.ok()) {  // diverged: the weights are those before the refused update
    error_ = trainer_.status.message;
    playing_ = false;
  }
  return made;
}

}  // namespace web
