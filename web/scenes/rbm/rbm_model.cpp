// rbm_model.cpp: the RBM lab's state and rules (see rbm_model.hpp).
// [SECTION] Settings table
// [SECTION] Building and changing
// [SECTION] Training, monitors and AIS within the budget
// [SECTION] Files
#include "rbm_model.hpp"

#include <algorithm>
#include <cmath>

#include "model_io.hpp"

namespace web {

// [SECTION] Settings table ------------------------------------------------------------------
namespace {

const char* const kPixelLabels[] = {"grey levels", "threshold at 0.5", "sampled once"};
const char* const kMethodLabels[] = {"CD-k (chains restart at data)", "PCD-k (persistent chains)"};

using K = SettingKind;
const Setting<RbmSettings> kTable[] = {
    field<&RbmSettings::hidden>({.key = "hidden", .label = "hidden units",
        .tooltip = "Size of the hidden layer; 16 or fewer allows the exact log-likelihood, more uses AIS.",
        .kind = K::Int, .lo = 1, .hi = 1000, .log = true}),
    field<&RbmSettings::train_rows>({.key = "train_rows", .label = "training digits",
        .tooltip = "How many of the 9,010 training digits an epoch passes over (the last 1,000 are held out).",
        .kind = K::Int, .lo = 100, .hi = 9010}),
    field<&RbmSettings::pixels>({.key = "binarize", .label = "pixels",
        .tooltip = "How grey pixels become visible units in [0, 1].",
        .kind = K::Choice, .names = ebm::kBinarizeNames, .labels = kPixelLabels}),
    field<&RbmSettings::seed>({.key = "seed", .label = "seed",
        .tooltip = "Random seed for the initial weights, the batch order and the Gibbs samples.",
        .kind = K::Seed, .lo = 0, .hi = 1e9}),
    field<&RbmSettings::method>({.key = "method", .label = "method",
        .tooltip = "CD-k starts the negative chain at the data each update; PCD keeps chains running across updates.",
        .kind = K::Choice, .names = ebm::kRbmMethodNames, .labels = kMethodLabels, .apply = Apply::Live}),
    field<&RbmSettings::k>({.key = "k", .label = "k",
        .tooltip = "Gibbs steps per update in the first epoch.",
        .kind = K::Int, .lo = 1, .hi = 100, .log = true, .apply = Apply::Live}),
    field<&RbmSettings::k_every>({.key = "k_every", .label = "k grows every",
        .tooltip = "Schedule: k increases by one every this many epochs (the seed library grows k from 1 to 5).",
        .kind = K::Int, .lo = 0, .hi = 100, .format = "%d epochs", .zero_text = "never", .apply = Apply::Live}),
    field<&RbmSettings::lr>({.key = "lr", .label = "learning rate",
        .tooltip = "Step size on the batch-mean gradient; too large and training diverges (it then stops with a message).",
        .kind = K::Float, .lo = 1e-5, .hi = 100, .format = "%.5g", .log = true, .apply = Apply::Live}),
    field<&RbmSettings::batch>({.key = "batch", .label = "batch size",
        .tooltip = "Digits per update; a new size keeps the model and restarts the persistent chains.",
        .kind = K::Int, .lo = 1, .hi = 1000, .log = true, .apply = Apply::Live}),
    field<&RbmSettings::momentum>({.key = "momentum", .label = "momentum",
        .tooltip = "Fraction of the previous update added to the current one.",
        .kind = K::Float, .lo = 0, .hi = 0.99, .format = "%.2f", .apply = Apply::Live}),
    field<&RbmSettings::decay>({.key = "decay", .label = "weight decay",
        .tooltip = "L2 penalty on the weights per update (biases are not decayed).",
        .kind = K::Float, .lo = 0, .hi = 0.1, .format = "%.5f", .log = true, .apply = Apply::Live}),
    field<&RbmSettings::play>({.key = "play", .label = "play", .tooltip = "Starts training as soon as the digits are loaded.",
        .kind = K::Flag, .apply = Apply::Live, .in_link = false}),
    field<&RbmSettings::pretrained>({.key = "pretrained", .label = "pretrained",
        .tooltip = "Starts from the model trained ahead of time and shipped with the page.",
        .kind = K::Flag, .apply = Apply::Live, .in_link = false}),
};

}  // namespace

std::span<const Setting<RbmSettings>> rbm_settings_table() { return kTable; }

ebm::RbmTrainConfig rbm_train_config(const RbmSettings& s) {
  return ebm::RbmTrainConfig{.method = s.method, .batch_size = s.batch, .k = s.k, .k_every = s.k_every,
                             .learning_rate = s.lr, .momentum = s.momentum, .weight_decay = s.decay};
}

void RbmMonitors::clear() {
  for (History* h : {&recon, &eval_recon, &fe_train, &fe_held, &pll, &ll, &ll_lo, &ll_hi}) h->clear();
  fe_gap = 0;
  ll_kind.clear();
}

// [SECTION] Building and changing ---------------------------------------------------------
RbmModel::RbmModel(const RbmSettings& s) : settings_(s) {
  train_pacer_.ms_per_unit = 2.0;  // first guesses; measured from the first frame on
  ais_pacer_.ms_per_unit = 0.5;
}

void RbmModel::set_data(const ebm::DatasetSplit* split) {
  split_ = split;
  if (split_ && !built_) build();
}

std::vector<std::string> RbmModel::apply_link(std::span<const Param> params) {
  std::vector<std::string> notes = settings_apply(rbm_settings_table(), settings_, params, "RBM");
  if (settings_.play) {
    playing_ = true;
    settings_.play = false;
  }
  if (built_) build();
  return notes;
}

void RbmModel::propose(const RbmSettings& next) {
  const SettingsDiff d = settings_diff(rbm_settings_table(), settings_, next);
  if (!d.changed) return;
  if (d.apply == Apply::Live) {
    settings_ = next;
    if (!built_) return;
    const ebm::Status st = ebm::rbm_trainer_set_config(trainer_, rbm_train_config(settings_));
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
  }, "a model trained for " + std::to_string(trainer_.updates) + " updates");
}

void RbmModel::request_reset() {
  const bool lose = unsaved();
  if (lose) playing_ = false;
  guard_.request(lose, [this] {
    playing_ = false;
    build();
  }, "a model trained for " + std::to_string(trainer_.updates) + " updates");
}

void RbmModel::build() {
  built_ = false;
  if (!split_) return;
  rng_.reseed(settings_.seed);
  rng_ais_.reseed(settings_.seed + kRbmSeedOffsetAis);
  const int rows = std::clamp(settings_.train_rows, 1, split_->train.count);
  n_held_ = std::min(kRbmEvalRows, split_->held_out.count);
  // The training rows stay bytes (a quarter of the memory of floats), shared with the trainer,
  // which converts each minibatch; the monitors' fixed subsets are floats.
  train_levels_.reset();  // the old rows go before the new ones arrive: memory peaks lower
  trainer_ = ebm::RbmTrainer{};
  train_levels_ = std::make_shared<const std::vector<uint8_t>>(
      ebm::dataset_to_levels(split_->train, settings_.pixels, 0.5f, &rng_, rows));
  held_ = ebm::dataset_to_float(split_->held_out, settings_.pixels, 0.5f, &rng_, n_held_);
  n_train_ = rows;
  const int ne = std::min(kRbmEvalRows, n_train_);
  train_eval_.resize(static_cast<size_t>(ne) * kRbmSide * kRbmSide);
  ebm::levels_to_float(train_levels_->data(), train_eval_.size(), train_eval_.data());
  ebm::Rbm rbm = ebm::rbm_make(kRbmSide * kRbmSide, settings_.hidden, kRbmSide, kRbmSide);
  ebm::rbm_init(rbm, rng_, std::span<const uint8_t>(*train_levels_));
  ais_base_ = ebm::ais_base_bias(train_levels_->data(), n_train_, rbm.nv);
  auto t = ebm::rbm_trainer_make(std::move(rbm), train_levels_, rbm_train_config(settings_));
  if (!t.ok()) {
    error_ = t.error();
    return;
  }
  trainer_ = std::move(t.value());
  mon_.clear();
  last_eval_updates_ = 0;
  saved_updates_ = -1;
  ais_running_ = false;
  source_ = ModelSource::Trained;
  source_name_ = "trained here";
  ++version_;
  built_ = true;
  error_.clear();
  evaluate();
}

void RbmModel::set_playing(bool on) {
  if (on && guard_.pending()) return;  // the question comes first
  if (on && built_ && ebm::rbm_train_finished(trainer_)) {
    if (!trainer_.status.ok()) error_ = trainer_.status.message;
    return;
  }
  playing_ = on;  // before the digits arrive this starts training once the model is built
}

void RbmModel::restore_good() {
  if (!can_restore()) return;
  const int epoch = trainer_.good_epoch;
  if (const ebm::Status st = ebm::rbm_trainer_restore_good(trainer_); !st.ok()) {
    error_ = st.message;
    return;
  }
  playing_ = false;
  ++version_;
  error_.clear();
  notice_ = "Restored the weights from the start of epoch " + std::to_string(epoch + 1) +
            ". Lower the learning rate before training on, or it diverges again.";
  evaluate();
}

bool RbmModel::take_pretrained_request() {
  const bool r = settings_.pretrained;
  settings_.pretrained = false;
  return r;
}

bool RbmModel::unsaved() const { return built_ && trainer_.updates > 0 && trainer_.updates != saved_updates_; }

bool RbmModel::weights_finite() const {
  const ebm::Rbm& r = trainer_.rbm;
  auto finite = [](const std::vector<float>& v) {
    return std::all_of(v.begin(), v.end(), [](float x) { return std::isfinite(x); });
  };
  return finite(r.w) && finite(r.b) && finite(r.c);
}

float RbmModel::ais_fraction() const {
  return ais_.beta.empty() ? 0.0f : static_cast<float>(ais_.next) / static_cast<float>(ais_.beta.size());
}

// [SECTION] Training, monitors and AIS within the budget -------------------------------------
void RbmModel::step(double budget_ms) {
  if (!built_) return;
  const Stopwatch frame;
  if (playing_ && !ebm::rbm_train_finished(trainer_)) {
    // While AIS runs it gets a share of the budget so its estimates keep up with the epochs.
    const double train_ms = ais_running_ ? budget_ms * (1.0 - kRbmAisBudgetShare) : budget_ms;
    const int n = static_cast<int>(pacer_fit(train_pacer_, train_ms, kRbmMaxBatchesPerFrame));
    const int64_t updates_before = trainer_.updates;
    const int epoch_before = trainer_.epoch;
    const Stopwatch sw;
    const int done = ebm::rbm_train_step(trainer_, rng_, n);
    pacer_record(train_pacer_, done, sw.ms());
    if (done > 0) record_batch();
    after_training(updates_before, epoch_before);
  }
  if (ais_running_) {
    const double left = std::max(budget_ms * kRbmAisBudgetShare, budget_ms - frame.ms());
    const int betas = static_cast<int>(pacer_fit(ais_pacer_, left, 2000));
    const Stopwatch sw;
    const int done = ebm::ais_step(ais_, rng_ais_, betas);
    pacer_record(ais_pacer_, done, sw.ms());
    if (ebm::ais_done(ais_)) finish_ais();
  }
}

void RbmModel::record_batch() {
  const float x = static_cast<float>(trainer_.updates) / static_cast<float>(std::max(1, trainer_.batches_per_epoch));
  mon_.recon.push(x, trainer_.last_recon_error);
}

void RbmModel::after_training(int64_t updates_before, int epoch_before) {
  if (trainer_.updates != updates_before) ++version_;
  if (!trainer_.status.ok()) {
    error_ = trainer_.status.message;
    playing_ = false;
  }
  if (trainer_.epoch != epoch_before || trainer_.updates - last_eval_updates_ >= kRbmEvalEvery) evaluate();
}

void RbmModel::step_batch() {
  if (!built_) return;
  playing_ = false;
  const int64_t u = trainer_.updates;
  const int e = trainer_.epoch;
  if (ebm::rbm_train_step(trainer_, rng_, 1) > 0) record_batch();
  after_training(u, e);
  evaluate();
}

void RbmModel::finish_epoch() {
  if (!built_) return;
  playing_ = false;
  const int64_t u = trainer_.updates;
  const int e = trainer_.epoch;
  if (ebm::rbm_train_epoch(trainer_, rng_) > 0) record_batch();
  after_training(u, e);
}

// Monitors on fixed subsets: cheap ones at every evaluation; the log-likelihood exactly for small
// models, else an AIS run that proceeds in later frames.
void RbmModel::evaluate() {
  last_eval_updates_ = trainer_.updates;
  const ebm::Rbm& r = trainer_.rbm;
  const int ne = std::min(kRbmEvalRows, n_train_);
  const float x = static_cast<float>(trainer_.updates) / static_cast<float>(std::max(1, trainer_.batches_per_epoch));
  mon_.eval_recon.push(x, static_cast<float>(ebm::reconstruction_error(r, held_.data(), n_held_, scratch_)));
  const ebm::FreeEnergyGap g = ebm::free_energy_gap(r, train_eval_.data(), ne, held_.data(), n_held_, scratch_);
  mon_.fe_train.push(x, static_cast<float>(g.train));
  mon_.fe_held.push(x, static_cast<float>(g.held_out));
  mon_.fe_gap = static_cast<float>(g.gap);
  ebm::Rng prng(settings_.seed + kRbmSeedOffsetPll);
  mon_.pll.push(x, static_cast<float>(ebm::pseudo_log_likelihood(r, held_.data(), n_held_, prng, scratch_)));
  if (r.nh <= kRbmExactMaxHidden) {
    const double lz = ebm::log_z_exact(r);
    const float ll = static_cast<float>(ebm::mean_log_likelihood(r, held_.data(), n_held_, lz, scratch_));
    mon_.ll.push(x, ll);
    mon_.ll_lo.push(x, ll);
    mon_.ll_hi.push(x, ll);
    mon_.ll_kind = "exact";
  } else if (!ais_running_) {
    ais_ = ebm::ais_start(r, ais_base_, ebm::AisConfig{.runs = kRbmAisRuns, .betas = kRbmAisBetas}, rng_ais_);
    ais_x_ = x;
    ais_running_ = true;
  }
}

void RbmModel::finish_ais() {
  ais_running_ = false;
  const ebm::AisEstimate e = ebm::ais_estimate(ais_);
  // The estimate is for the model as it was when AIS started: score that snapshot.
  const double mean_neg_f = ebm::mean_log_likelihood(ais_.rbm, held_.data(), n_held_, 0.0, scratch_);
  mon_.ll.push(ais_x_, static_cast<float>(mean_neg_f - e.log_z));
  // A larger log Z means a lower likelihood: the high log Z gives the low end.
  mon_.ll_lo.push(ais_x_, static_cast<float>(mean_neg_f - e.log_z_high));
  mon_.ll_hi.push(ais_x_, std::isfinite(e.log_z_low) ? static_cast<float>(mean_neg_f - e.log_z_low) : NAN);
  mon_.ll_kind = "AIS";
}

// [SECTION] Files -----------------------------------------------------------------------------
std::string RbmModel::save_json() {
  const ebm::RbmTrainingInfo info = ebm::rbm_training_info(trainer_, "mnist-train", settings_.seed);
  saved_updates_ = trainer_.updates;
  notice_ = "Saved the model (" + std::to_string(trainer_.rbm.nh) + " hidden units) as a JSON download.";
  return ebm::rbm_to_json(trainer_.rbm, &info);
}

void RbmModel::load_failed(const std::string& name, const std::string& why) {
  notice_.clear();
  error_ = "Could not load " + name + ": " + why + ". The current model is unchanged.";
}

bool RbmModel::load_json(const std::string& text, const std::string& name, ModelSource source) {
  return load_bytes(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(text.data()), text.size()), name, source);
}

bool RbmModel::load_bytes(std::span<const uint8_t> bytes, const std::string& name, ModelSource source) {
  if (!built_) {
    error_ = "Could not load " + name + ": the digits are not loaded yet.";
    return false;
  }
  ebm::RbmTrainingInfo info;
  auto loaded = ebm::rbm_from_bytes(bytes, kRbmSide * kRbmSide, &info);
  if (!loaded.ok()) {  // the current model stays as it is
    error_ = "Could not load " + name + ": " + loaded.error() + " The current model is unchanged.";
    return false;
  }
  auto t = ebm::rbm_trainer_make(std::move(loaded.value()), train_levels_, rbm_train_config(settings_));
  if (!t.ok()) {
    error_ = "Could not use " + name + ": " + t.error() + " The current model is unchanged.";
    return false;
  }
  trainer_ = std::move(t.value());  // fresh progress counters: the loaded model is saved as it is
  settings_.hidden = trainer_.rbm.nh;
  mon_.clear();
  ais_running_ = false;
  playing_ = false;
  last_eval_updates_ = 0;
  saved_updates_ = 0;
  source_ = source;
  source_name_ = name;
  ++version_;
  error_.clear();
  notice_ = "Loaded " + name + ": " + std::to_string(trainer_.rbm.nh) + " hidden units" +
            (info.epochs ? ", trained " + std::to_string(info.epochs) + " epochs" : std::string()) + ".";
  evaluate();
  return true;
}

}  // namespace web
