// dbn_model_run.cpp: the DBN scene's stepping within a frame's budget (see dbn_model.hpp): the
// dreaming chains, greedy layer-wise training with a monitor per stage, and the held-out score
// of the free-energy classifier, each a few units at a time through its own Pacer.
// [SECTION] Dreams
// [SECTION] Training
// [SECTION] Held-out accuracy
// [SECTION] Reading
#include <algorithm>

#include "dbn_model.hpp"

namespace web {

void DbnModel::set_data(const ebm::DatasetSplit* split) {
  if (split == split_) return;
  split_ = split;
  if (split_ && has_model()) start_evaluation();
}

void DbnModel::step(double dt_s, double budget_ms) {
  const Stopwatch frame;
  if (has_model() && playing_) {
    const int64_t due = pacer_due(chain_pacer_, settings_.speed, dt_s, budget_ms * kDbnChainBudgetShare,
                                  kDbnMaxSweepsPerFrame);
    if (due > 0) {
      const Stopwatch sw;
      sweep(static_cast<int>(due));
      pacer_record(chain_pacer_, due, sw.ms());
    }
  }
  if (train_requested_ && split_) {
    train_requested_ = false;
    start_training();
  }
  if (training_) train_for(std::max(0.0, budget_ms - frame.ms()));
  if (evaluating()) evaluate_for(std::max(0.0, budget_ms - frame.ms()));
}

// [SECTION] Dreams ------------------------------------------------------------------------------
void DbnModel::restart_chains() {
  if (!has_model()) return;
  const int n = std::clamp(settings_.chains, 1, 40);
  if (chains_.n != n || chains_.v.size() != static_cast<size_t>(n) * dbn_.top.nv ||
      chains_.down.size() != dbn_.layers.size()) {
    chains_ = ebm::dbn_chains_make(dbn_, n);
  } else {
    ebm::rbm_pack(dbn_.top, chains_.packed);
  }
  rng_chains_.reseed(settings_.seed + kDbnSeedOffsetChains);
  std::vector<int> clamp(n);
  for (int r = 0; r < n; ++r) clamp[r] = dbn_chain_clamp(settings_.label, r);
  ebm::dbn_chains_start(chains_, dbn_, rng_chains_, clamp, settings_.start);
  ebm::dbn_chains_down(chains_, dbn_, rng_chains_);
  update_posterior();
  pacer_clear_credit(chain_pacer_);
  ++version_;
}

void DbnModel::step_sweep() {
  playing_ = false;
  if (has_model()) sweep(1);
}

void DbnModel::sweep(int n) {
  ebm::dbn_chains_step(chains_, dbn_, rng_chains_, n);
  ebm::dbn_chains_down(chains_, dbn_, rng_chains_);
  update_posterior();
  ++version_;
}

void DbnModel::update_posterior() {
  const int P = ebm::dbn_pen_size(dbn_), L = dbn_.labels;
  posterior_.assign(static_cast<size_t>(chains_.n) * L, 0.0);
  for (int r = 0; r < chains_.n; ++r)
    ebm::dbn_label_posterior(dbn_, chains_.pen.data() + static_cast<size_t>(r) * P, &posterior_[static_cast<size_t>(r) * L],
                             scratch_);
}

// [SECTION] Training ----------------------------------------------------------------------------
void DbnModel::start_training() {
  if (!split_) return;
  rng_.reseed(settings_.seed);
  const int rows = std::clamp(settings_.train_rows, 1, split_->train.count);
  const ebm::Binarize as = settings_.pixels == ebm::Binarize::Threshold ? ebm::Binarize::Threshold : ebm::Binarize::None;
  const std::vector<float> x = ebm::dataset_to_float(split_->train, as, 0.5f, nullptr, rows);
  const std::span<const uint8_t> y(split_->train.labels.data(), static_cast<size_t>(rows));
  auto made = ebm::dbn_trainer_make(x, y, kDbnSide * kDbnSide, dbn_config(settings_), rng_);
  if (!made.ok()) {
    error_ = "Could not start training: " + made.error();
    training_ = false;
    return;
  }
  trainer_ = std::move(made.value());
  const int stages = ebm::dbn_stage_count(*trainer_);
  monitors_.assign(stages, {});
  stage_seconds_.assign(stages, 0.0);
  units_ = 0;
  saved_units_ = -1;
  trainer_pixels_ = settings_.pixels;
  trainer_seed_ = settings_.seed;
  training_ = true;
  error_.clear();
  notice_.clear();
  ++version_;
}

void DbnModel::train_for(double budget_ms) {
  ebm::DbnTrainer& t = *trainer_;
  const int stages = ebm::dbn_stage_count(t);
  const int plan = static_cast<int>(pacer_fit(train_pacer_, budget_ms, kDbnMaxUnitsPerFrame));
  const Stopwatch all;
  int made = 0;
  // Slices end at epoch and stage boundaries, so each epoch's mean error is recorded as it ends.
  while (made < plan && !ebm::dbn_train_finished(t)) {
    const int stage = std::min(t.stage, stages - 1);
    const ebm::DbnPhase phase = t.phase;
    const int epoch = t.current.epoch;
    int slice = plan - made;
    if (phase == ebm::DbnPhase::Training) {
      slice = std::min(slice, std::max(1, t.current.batches_per_epoch - t.current.batch));
    } else {
      const int b = std::max(1, t.current.config.batch_size);
      slice = std::min(slice, std::max(1, (t.n - t.prop_rows + b - 1) / b));
    }
    const Stopwatch sw;
    const int done = ebm::dbn_train_step(t, rng_, slice);
    stage_seconds_[stage] += sw.ms() / 1000.0;
    made += done;
    units_ += done;
    if (phase == ebm::DbnPhase::Training && done > 0) {
      // t.current is still this stage's trainer: the next one starts after the propagation.
      const ebm::RbmTrainer& c = t.current;
      const float x = static_cast<float>(c.epoch) + static_cast<float>(c.batch) / static_cast<float>(std::max(1, c.batches_per_epoch));
      monitors_[stage].batch.push(x, c.last_recon_error);
      if (c.epoch != epoch) monitors_[stage].epoch.push(static_cast<float>(c.epoch), c.last_epoch_recon_error);
    }
    if (done == 0) break;
  }
  pacer_record(train_pacer_, made, all.ms());
  if (t.phase == ebm::DbnPhase::Failed) {
    error_ = "Training stopped: " + t.status.message;
    training_ = false;
  } else if (t.phase == ebm::DbnPhase::Done) {
    finish_training();
  }
}

void DbnModel::finish_training() {
  training_ = false;
  trained_model_in_use_ = true;
  eval_pixels_ = trainer_pixels_ == ebm::Binarize::Threshold ? ebm::Binarize::Threshold : ebm::Binarize::None;
  notice_ = "Training finished: the dreams now come from the new model; scoring it on the held-out digits.";
  use_model(trainer_->dbn, std::string("trained here (") + dbn_shape_text(trainer_->dbn) + ")", DbnSource::Trained);
}

// [SECTION] Held-out accuracy -----------------------------------------------------------------
void DbnModel::start_evaluation() {
  accuracy_ = -1;
  eval_done_ = eval_right_ = eval_rows_ = 0;
  if (!split_ || !has_model()) return;
  eval_rows_ = std::min(kDbnEvalRows, split_->held_out.count);
  held_ = ebm::dataset_to_float(split_->held_out, eval_pixels_, 0.5f, nullptr, eval_rows_);
  eval_got_.assign(kDbnEvalChunk, 0);
}

void DbnModel::evaluate_for(double budget_ms) {
  const int chunks = static_cast<int>(pacer_fit(eval_pacer_, budget_ms, eval_rows_ / kDbnEvalChunk + 1));
  const Stopwatch sw;
  int done = 0;
  for (; done < chunks && eval_done_ < eval_rows_; ++done) {
    const int m = std::min(kDbnEvalChunk, eval_rows_ - eval_done_);
    ebm::dbn_classify(dbn_, held_.data() + static_cast<size_t>(eval_done_) * kDbnSide * kDbnSide, m, eval_got_.data(),
                      scratch_);
    for (int r = 0; r < m; ++r) eval_right_ += eval_got_[r] == split_->held_out.labels[eval_done_ + r];
    eval_done_ += m;
  }
  pacer_record(eval_pacer_, done, sw.ms());
  if (eval_done_ == eval_rows_) {
    accuracy_ = static_cast<double>(eval_right_) / eval_rows_;
    ++version_;
  }
}

// [SECTION] Reading -----------------------------------------------------------------------------
DbnScenePhase DbnModel::phase() const {
  if (trainer_ && trainer_->phase == ebm::DbnPhase::Failed) return DbnScenePhase::Failed;
  if (trainer_ && !ebm::dbn_train_finished(*trainer_))
    return trainer_->phase == ebm::DbnPhase::Propagating ? DbnScenePhase::Propagating : DbnScenePhase::Training;
  if (!has_model()) return error_.empty() ? DbnScenePhase::Loading : DbnScenePhase::Ready;
  if (evaluating()) return DbnScenePhase::Evaluating;
  return DbnScenePhase::Ready;
}

float DbnModel::stage_fraction(int s) const {
  if (!trainer_) return 0.0f;
  const ebm::DbnTrainer& t = *trainer_;
  if (s < static_cast<int>(t.reports.size())) return 1.0f;
  if (s != t.stage || t.phase != ebm::DbnPhase::Training) return 0.0f;
  const ebm::RbmTrainer& c = t.current;
  const int epochs = std::max(1, c.config.epochs);
  const double f = (c.epoch + (c.batches_per_epoch > 0 ? double(c.batch) / c.batches_per_epoch : 0.0)) / epochs;
  return static_cast<float>(std::clamp(f, 0.0, 1.0));
}

}  // namespace web
