// toy_model.cpp: the exact RBM scene's state and rules (see toy_model.hpp).
// [SECTION] Settings table
// [SECTION] Building and changing
// [SECTION] Training and exact enumeration
#include "toy_model.hpp"

#include <algorithm>
#include <cmath>

#include "datasets.hpp"
#include "rbm.hpp"
#include "rbm_metrics.hpp"

namespace web {

// [SECTION] Settings table ------------------------------------------------------------------
namespace {

const char* const kStartLabels[] = {"the tutorial's hand-set model", "small random weights"};

using K = SettingKind;
const Setting<ToySettings> kTable[] = {
    field<&ToySettings::start>({.key = "start", .label = "start",
        .tooltip = "Start from the tutorial's hand-set weights (its score table) or from a fresh random initialization.",
        .kind = K::Choice, .names = kToyStartNames, .labels = kStartLabels}),
    field<&ToySettings::lr>({.key = "lr", .label = "learning rate",
        .tooltip = "Step size of each CD-k update on the batch-mean gradient.",
        .kind = K::Float, .lo = 1e-4, .hi = 100, .format = "%.4g", .log = true, .apply = Apply::Live}),
    field<&ToySettings::k>({.key = "k", .label = "k",
        .tooltip = "Gibbs steps in the negative phase of CD-k; large k approaches the exact gradient.",
        .kind = K::Int, .lo = 1, .hi = 100, .log = true, .apply = Apply::Live}),
    field<&ToySettings::pcd>({.key = "pcd", .label = "persistent (PCD)",
        .tooltip = "Keep the negative-phase chains between updates instead of restarting them at the data.",
        .kind = K::Flag, .apply = Apply::Live}),
    // No label beside the speed slider: its unit is in the slider, as before the table existed.
    field<&ToySettings::speed>({.key = "speed", .label = "##speed", .tooltip = "Training updates per second.",
        .kind = K::Float, .lo = 1, .hi = 5000, .format = "%.0f updates/s", .log = true, .apply = Apply::Live}),
    field<&ToySettings::seed>({.key = "seed", .label = "seed",
        .tooltip = "Random seed for the random starting weights and every Gibbs sample.",
        .kind = K::Seed, .lo = 0, .hi = 1e9}),
    field<&ToySettings::play>({.key = "play", .label = "play", .tooltip = "Starts training at once.",
        .kind = K::Flag, .apply = Apply::Live, .in_link = false}),
};

}  // namespace

std::span<const Setting<ToySettings>> toy_settings_table() { return kTable; }

ebm::RbmTrainConfig toy_train_config(const ToySettings& s) {
  return ebm::RbmTrainConfig{.method = s.pcd ? ebm::RbmMethod::Pcd : ebm::RbmMethod::Cd, .batch_size = kToyRows,
                             .k = s.k, .learning_rate = s.lr};
}

// [SECTION] Building and changing ---------------------------------------------------------
ToyModel::ToyModel(const ToySettings& s) : settings_(s) {
  pacer_.ms_per_unit = 0.01;  // first guess; measured from the first frame on
  build();
}

std::vector<std::string> ToyModel::apply_link(std::span<const Param> params) {
  std::vector<std::string> notes = settings_apply(toy_settings_table(), settings_, params, "exact RBM");
  if (settings_.play) {
    playing_ = true;
    settings_.play = false;
  }
  build();
  return notes;
}

std::string ToyModel::loss() const { return "a model trained for " + std::to_string(trainer_.updates) + " updates"; }

void ToyModel::propose(const ToySettings& next) {
  const SettingsDiff d = settings_diff(toy_settings_table(), settings_, next);
  if (!d.changed) return;
  if (d.apply == Apply::Live) {
    settings_ = next;
    if (!built_) return;
    const ebm::Status st = ebm::rbm_trainer_set_config(trainer_, toy_train_config(settings_));
    if (!st.ok()) error_ = "Could not apply the setting: " + st.message;
    else if (trainer_.status.ok()) error_.clear();
    return;
  }
  const bool lose = unsaved();
  if (lose) playing_ = false;
  guard_.request(lose, [this, next] {
    settings_ = next;
    playing_ = false;
    build();
  }, loss());
}

void ToyModel::request_reset() {
  const bool lose = unsaved();
  if (lose) playing_ = false;
  guard_.request(lose, [this] {
    playing_ = false;
    build();
  }, loss());
}

void ToyModel::restore_good() {
  if (!can_restore()) return;
  if (const ebm::Status st = ebm::rbm_trainer_restore_good(trainer_); !st.ok()) {
    error_ = st.message;
    return;
  }
  playing_ = false;
  error_.clear();
  enumerate();
  record();
}

void ToyModel::set_playing(bool on) {
  if (on && (guard_.pending() || !built_ || ebm::rbm_train_finished(trainer_))) return;
  playing_ = on;
}

void ToyModel::build() {
  built_ = false;
  pacer_clear_credit(pacer_);
  error_.clear();
  data_ = ebm::toy_people_rows();
  rng_.reseed(settings_.seed);
  ebm::Rbm rbm;
  if (settings_.start == ToyStart::Tutorial) {
    rbm = ebm::toy_people_model();
  } else {
    rbm = ebm::rbm_make(kToyNv, kToyNh);
    ebm::rbm_init(rbm, rng_, data_, kToyInitSd);
  }
  auto t = ebm::rbm_trainer_make(rbm, data_, toy_train_config(settings_));
  if (!t.ok()) {  // the table keeps settings valid; this reports a future mismatch instead of crashing
    error_ = t.error();
    playing_ = false;
    return;
  }
  trainer_ = std::move(t.value());
  built_ = true;
  kl_.clear();
  // The data's P(v) over the 8 visible states (A is the high bit).
  p_data_.assign(kToyVisibleStates, 0.0f);
  for (int r = 0; r < kToyRows; ++r) {
    const float* v = &data_[static_cast<size_t>(r) * kToyNv];
    p_data_[static_cast<int>(v[0] * 4 + v[1] * 2 + v[2])] += 1.0f / kToyRows;
  }
  enumerate();
  record();
}

// [SECTION] Training and exact enumeration ---------------------------------------------------
void ToyModel::step(double dt_s, double budget_ms) {
  if (!playing_ || !built_) return;
  const int64_t due = pacer_due(pacer_, settings_.speed, dt_s, budget_ms, kToyMaxUpdatesPerFrame);
  if (due == 0) return;
  const Stopwatch sw;
  pacer_record(pacer_, train(due), sw.ms());
}

void ToyModel::step_update() {
  playing_ = false;
  if (built_) train(1);
}

// Up to n updates, each followed by the exact enumeration and a KL point.
int64_t ToyModel::train(int64_t n) {
  int64_t made = 0;
  while (made < n && !ebm::rbm_train_finished(trainer_)) {
    ebm::rbm_train_step(trainer_, rng_, 1);
    if (!trainer_.status.ok()) {  // diverged: the model keeps its last finite weights
      error_ = trainer_.status.message;
      playing_ = false;
      break;
    }
    ++made;
    enumerate();
    record();
  }
  return made;
}

// All 32 joint states and the 8 visible marginals, from the engine's energies and log Z.
void ToyModel::enumerate() {
  const ebm::Rbm& r = trainer_.rbm;
  states_.clear();
  for (int s = 0; s < kToyStates; ++s) {
    ToyState st{};
    for (int i = 0; i < kToyNv; ++i) st.v[i] = static_cast<float>((s >> (4 - i)) & 1);
    for (int j = 0; j < kToyNh; ++j) st.h[j] = static_cast<float>((s >> (1 - j)) & 1);
    st.score = static_cast<float>(-ebm::rbm_energy(r, st.v, st.h));
    st.weight = std::exp(st.score);
    st.visible = s >> kToyNh;
    states_.push_back(st);
  }
  log_z_ = ebm::log_z_exact(r);
  p_sum_ = 0;
  for (ToyState& st : states_) {
    st.p = static_cast<float>(std::exp(static_cast<double>(st.score) - log_z_));
    p_sum_ += st.p;
  }
  // P(v) = exp(-F(v) - log Z) for the 8 visible states, and KL(data || model) over them.
  kl_now_ = 0;
  p_visible_.assign(kToyVisibleStates, 0.0f);
  for (int s = 0; s < kToyVisibleStates; ++s) {
    const float v[kToyNv] = {static_cast<float>((s >> 2) & 1), static_cast<float>((s >> 1) & 1), static_cast<float>(s & 1)};
    p_visible_[s] = static_cast<float>(std::exp(-ebm::rbm_free_energy_one(r, v) - log_z_));
    if (p_data_[s] > 0) kl_now_ += p_data_[s] * std::log(p_data_[s] / std::max(1e-30f, p_visible_[s]));
  }
}

void ToyModel::record() { kl_.push(static_cast<float>(trainer_.updates), static_cast<float>(kl_now_)); }

}  // namespace web
