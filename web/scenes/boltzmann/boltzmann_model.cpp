// boltzmann_model.cpp: the Boltzmann machine scene's state and rules (see boltzmann_model.hpp).
// [SECTION] Settings table
// [SECTION] Building and changing
// [SECTION] Training within the budget
// [SECTION] The P(v) chart's slots
#include "boltzmann_model.hpp"

#include <algorithm>
#include <cmath>

namespace web {

// [SECTION] Settings table ------------------------------------------------------------------
namespace {

const char* const kCoolingLabels[] = {"constant (no cooling)", "linear", "exponential"};

using K = SettingKind;
const Setting<BoltzmannSettings> kTable[] = {
    // The data combo and the speed slider have no label beside them (a heading names the first,
    // the unit in the slider the second), as before the table existed.
    field<&BoltzmannSettings::data>({.key = "data", .label = "##data",
        .tooltip = "The training vectors; parity needs hidden units, since every pair of its units is uncorrelated.",
        .kind = K::Choice, .names = ebm::kBmDatasetNames, .labels = ebm::kBmDatasetLabels}),
    field<&BoltzmannSettings::hidden>({.key = "hidden", .label = "hidden units",
        .tooltip = "Latent units that are never clamped; with none, only pairwise correlations can be learned.",
        .kind = K::Int, .lo = 0, .hi = kBmMaxHidden}),
    field<&BoltzmannSettings::restricted>({.key = "restricted", .label = "restricted (RBM)",
        .tooltip = "Removes visible-visible and hidden-hidden weights: the restricted Boltzmann machine.",
        .kind = K::Flag}),
    field<&BoltzmannSettings::init>({.key = "init", .label = "initial weights",
        .tooltip = "Spread (sd) of the random starting weights; larger values break the hidden units' symmetry sooner "
                   "(parity likes 1.5).",
        .kind = K::Float, .lo = 0, .hi = 5, .format = "sd %.2f"}),
    field<&BoltzmannSettings::seed>({.key = "seed", .label = "seed",
        .tooltip = "Random seed for the initial weights and every sampling decision.",
        .kind = K::Seed, .lo = 0, .hi = 1e9}),
    field<&BoltzmannSettings::lr>({.key = "lr", .label = "learning rate",
        .tooltip = "lr in dW_ij = lr (<s_i s_j>_clamped - <s_i s_j>_free); large values make the KL jump around.",
        .kind = K::Float, .lo = 0.001, .hi = 100, .format = "%.3g", .log = true, .apply = Apply::Live}),
    field<&BoltzmannSettings::stats>({.key = "stats", .label = "statistics sweeps",
        .tooltip = "Sweeps per run that count co-occurrences after annealing; more sweeps give a less noisy update.",
        .kind = K::Int, .lo = 1, .hi = 500, .log = true, .apply = Apply::Live}),
    field<&BoltzmannSettings::t_start>({.key = "tstart", .label = "T start",
        .tooltip = "Temperature of each run's first sweep: hot enough that units flip freely.",
        .kind = K::Float, .lo = 0, .hi = 100, .format = "%.1f", .log = true, .apply = Apply::Live}),
    field<&BoltzmannSettings::t_final>({.key = "T", .label = "T final",
        .tooltip = "Temperature at which statistics are collected; 1 learns the model itself, 0 is Hopfield-like descent.",
        .kind = K::Float, .lo = 0, .hi = 10, .format = "%.2f", .log = true, .apply = Apply::Live}),
    field<&BoltzmannSettings::anneal>({.key = "anneal", .label = "anneal sweeps",
        .tooltip = "Sweeps spent cooling from T start to T final before any statistics are counted.",
        .kind = K::Int, .lo = 0, .hi = 200, .apply = Apply::Live}),
    field<&BoltzmannSettings::cooling>({.key = "cooling", .label = "cooling",
        .tooltip = "Exponential cools geometrically, T(k) = T0 (T1/T0)^(k/K); linear in a straight line; constant stays "
                   "at T start.",
        .kind = K::Choice, .names = ebm::kScheduleKindNames, .labels = kCoolingLabels, .apply = Apply::Live}),
    field<&BoltzmannSettings::speed>({.key = "speed", .label = "##speed",
        .tooltip = "Unit updates per second; below about 10 you can follow single units, above 10,000 the KL curve moves.",
        .kind = K::Float, .lo = 1, .hi = 1e6, .format = "%.0f updates/s", .log = true, .apply = Apply::Live}),
    field<&BoltzmannSettings::play>({.key = "play", .label = "play", .tooltip = "Starts training at once.",
        .kind = K::Flag, .apply = Apply::Live, .in_link = false}),
};

}  // namespace

std::span<const Setting<BoltzmannSettings>> boltzmann_settings_table() { return kTable; }

ebm::BmTrainConfig boltzmann_train_config(const BoltzmannSettings& s) {
  ebm::BmTrainConfig c;
  c.learning_rate = s.lr;
  c.anneal = ebm::Schedule{.kind = s.cooling, .t_start = s.t_start, .t_end = s.t_final, .steps = s.anneal};
  c.stat_sweeps = s.stats;
  return c;
}

std::string bm_bit_string(uint32_t v, int nv) {
  std::string s(static_cast<size_t>(std::max(nv, 0)), '0');
  for (int i = 0; i < nv; ++i) s[i] = (v >> i) & 1u ? '1' : '0';
  return s;
}

// [SECTION] Building and changing ---------------------------------------------------------
BoltzmannModel::BoltzmannModel(const BoltzmannSettings& s) : settings_(s) {
  pacer_.ms_per_unit = 1e-3;  // first guess (about a microsecond per unit); measured from then on
  kl_.max_points = kBmKlPoints;
  build();
}

std::vector<std::string> BoltzmannModel::apply_link(std::span<const Param> params) {
  std::vector<std::string> notes = settings_apply(boltzmann_settings_table(), settings_, params, "Boltzmann");
  if (settings_.play) {
    playing_ = true;
    settings_.play = false;
  }
  build();
  return notes;
}

std::string BoltzmannModel::loss() const {
  return "a machine trained for " + std::to_string(trainer_.weight_updates) + " learning steps";
}

void BoltzmannModel::propose(const BoltzmannSettings& next) {
  const SettingsDiff d = settings_diff(boltzmann_settings_table(), settings_, next);
  if (!d.changed) return;
  if (d.apply == Apply::Live) {
    settings_ = next;
    const ebm::Status st = ebm::bm_trainer_set_config(trainer_, boltzmann_train_config(settings_));
    error_ = st.ok() ? "" : "Could not apply the setting: " + st.message;
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

void BoltzmannModel::request_reset() {
  const bool lose = unsaved();
  if (lose) playing_ = false;
  guard_.request(lose, [this] {
    playing_ = false;
    build();
  }, loss());
}

void BoltzmannModel::restore_good() {
  if (!can_restore()) return;
  const ebm::Status st = ebm::bm_trainer_restore_good(trainer_);
  error_ = st.ok() ? "" : st.message;
  playing_ = false;
  record();
  refresh_units();
}

void BoltzmannModel::set_playing(bool on) {
  if (on && guard_.pending()) return;  // the question comes first
  playing_ = on && trainer_.status.ok();
}

void BoltzmannModel::build() {
  pacer_clear_credit(pacer_);
  error_.clear();
  data_ = ebm::bm_dataset_rows(settings_.data);
  nv_ = ebm::bm_dataset_nv(settings_.data);
  rows_ = static_cast<int>(data_.size()) / nv_;
  auto m = ebm::bm_make(nv_, settings_.hidden, settings_.restricted);
  if (!m.ok()) {  // the table keeps hidden in range; this only guards a future larger data set
    error_ = m.error();
    settings_.hidden = 0;
    m = ebm::bm_make(nv_, 0, settings_.restricted);
  }
  ebm::Rng init(settings_.seed * kBmInitSeedMul + kBmInitSeedOffset);
  ebm::bm_init_random(m.value(), init, settings_.init);
  auto t = ebm::bm_trainer_make(m.value(), data_, rows_, boltzmann_train_config(settings_));
  if (!t.ok()) {  // the table keeps settings valid; should one not be, train with the defaults
    error_ = t.error();
    t = ebm::bm_trainer_make(m.value(), data_, rows_, ebm::BmTrainConfig{});
  }
  trainer_ = std::move(t.value());
  rng_.reseed(settings_.seed);
  p_data_ = ebm::bm_data_distribution(data_, rows_, nv_);
  kl_.clear();
  record();
  kl_start_ = kl_now_;
  refresh_units();
}

// [SECTION] Training within the budget ------------------------------------------------------
void BoltzmannModel::step(double dt_s, double budget_ms) {
  if (!playing_) return;
  if (!trainer_.status.ok()) {
    playing_ = false;
    return;
  }
  const int64_t due = pacer_due(pacer_, settings_.speed, dt_s, budget_ms, kBmMaxUnitsPerFrame);
  if (due > 0) advance(due, budget_ms);
}

// Makes up to `want` unit updates in chunks small enough that nearly every learning step gets
// its own KL point. Should the cost estimate be off and the budget run out, the rest of the
// credit is dropped: a slow device trains slower instead of stalling the page.
void BoltzmannModel::advance(int64_t want, double budget_ms) {
  const Stopwatch sw;
  int64_t made_total = 0;
  int chunks = 0;
  while (want > 0 && trainer_.status.ok()) {
    const int64_t before = trainer_.weight_updates;
    const int64_t made = ebm::bm_train_step(trainer_, rng_, std::min(want, kBmChunk));
    made_total += made;
    want -= std::max<int64_t>(made, 1);
    if (trainer_.weight_updates != before) record();
    if (++chunks % kBmChunksPerClockCheck == 0 && sw.ms() > budget_ms) {
      pacer_clear_credit(pacer_);
      break;
    }
  }
  pacer_record(pacer_, made_total, sw.ms());
  if (!trainer_.status.ok()) playing_ = false;
  refresh_units();
}

void BoltzmannModel::step_unit() {
  playing_ = false;
  advance(1, 1e9);
}

void BoltzmannModel::finish_update() {
  playing_ = false;
  const int64_t before = trainer_.weight_updates;
  ebm::bm_train_updates(trainer_, rng_, 1);  // ends there, or where training stopped with a message
  if (trainer_.weight_updates != before) record();
  refresh_units();
}

// Exact figures of the current machine: KL, log-likelihood, P(v); one KL point.
void BoltzmannModel::record() {
  const ebm::BmExact x = ebm::bm_exact(trainer_.bm);
  kl_now_ = ebm::bm_kl(x, p_data_);
  log_likelihood_ = ebm::bm_mean_log_likelihood(x, data_, rows_, nv_);
  p_model_.resize(x.log_pv.size());
  for (size_t v = 0; v < x.log_pv.size(); ++v) p_model_[v] = std::exp(x.log_pv[v]);
  kl_.push(static_cast<float>(trainer_.sweeps) * 1e-3f, static_cast<float>(kl_now_));
  ++version_;
}

// P(s_i = 1 | the others) of every unit at the current temperature, for the graph's rings.
void BoltzmannModel::refresh_units() {
  const int n = ebm::bm_units(trainer_.bm);
  p_on_.resize(n);
  for (int i = 0; i < n; ++i)
    p_on_[i] = static_cast<float>(ebm::bm_prob_on(ebm::bm_field(trainer_.bm, trainer_.chain.s, i), trainer_.temperature));
}

// [SECTION] The P(v) chart's slots ------------------------------------------------------------
std::vector<int> bm_pv_slots(std::span<const double> p_data, std::span<const double> p_model) {
  const int count = static_cast<int>(p_data.size());
  std::vector<int> slots;
  if (count <= kBmPvAllMax) {
    for (int v = 0; v < count; ++v) slots.push_back(v);
    return slots;
  }
  auto model = [&](int v) { return v < static_cast<int>(p_model.size()) ? p_model[v] : 0.0; };
  std::vector<int> order(count);
  for (int v = 0; v < count; ++v) order[v] = v;
  std::sort(order.begin(), order.end(), [&](int x, int y) {  // data vectors first, then by P(v)
    return p_data[x] != p_data[y] ? p_data[x] > p_data[y] : model(x) > model(y);
  });
  for (int k = 0; k < count && (k < kBmPvShown || p_data[order[k]] > 0); ++k) slots.push_back(order[k]);
  std::sort(slots.begin(), slots.end());
  slots.push_back(-1);
  return slots;
}

}  // namespace web
