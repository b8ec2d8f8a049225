// dbn_model.cpp: the DBN scene's settings table, the rules for changes, models and files (see
// dbn_model.hpp). Stepping (dreams, training, scoring) is in dbn_model_run.cpp.
// [SECTION] Settings table
// [SECTION] Changes
// [SECTION] Models, files and unsaved work
#include "dbn_model.hpp"

#include <algorithm>

#include "model_io.hpp"

namespace web {

// [SECTION] Settings table ------------------------------------------------------------------
namespace {

const char* const kPixelLabels[] = {"grey levels", "threshold at 0.5", "sampled per presentation"};
const char* const kLabelLabels[] = {"one per label", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "free"};
const char* const kStartLabels[] = {"random noise", "base rates", "all off"};

using K = SettingKind;
const Setting<DbnSettings> kTable[] = {
    field<&DbnSettings::layer1>({.key = "layer1", .label = "layer 1 units",
        .tooltip = "Hidden units of the first RBM, which sees the 784 pixels.",
        .kind = K::Int, .lo = 1, .hi = 1000, .log = true}),
    field<&DbnSettings::layer2>({.key = "layer2", .label = "layer 2 units",
        .tooltip = "Hidden units of the second RBM (none: the top RBM sees layer 1 directly).",
        .kind = K::Int, .lo = 0, .hi = 1000, .zero_text = "none"}),
    field<&DbnSettings::top>({.key = "top", .label = "top units",
        .tooltip = "Hidden units of the top RBM, the associative memory that also sees the 10 label units.",
        .kind = K::Int, .lo = 1, .hi = 2000, .log = true}),
    field<&DbnSettings::train_rows>({.key = "train_rows", .label = "training digits",
        .tooltip = "How many of the 9,010 training digits each layer trains on (the last 1,000 are held out).",
        .kind = K::Int, .lo = 100, .hi = 9010}),
    field<&DbnSettings::pixels>({.key = "binarize", .label = "pixels",
        .tooltip = "How grey pixels become the first layer's binary input.",
        .kind = K::Choice, .names = ebm::kBinarizeNames, .labels = kPixelLabels}),
    field<&DbnSettings::epochs>({.key = "epochs", .label = "epochs per layer",
        .tooltip = "Passes over the training digits for each stacked RBM.",
        .kind = K::Int, .lo = 1, .hi = 100, .log = true}),
    field<&DbnSettings::top_epochs>({.key = "top_epochs", .label = "top epochs",
        .tooltip = "Passes over the training digits for the top RBM, which learns digits and labels jointly.",
        .kind = K::Int, .lo = 1, .hi = 300, .log = true}),
    field<&DbnSettings::lr>({.key = "lr", .label = "learning rate",
        .tooltip = "Step size on the batch-mean gradient for every layer; applies to the layer training now.",
        .kind = K::Float, .lo = 1e-4, .hi = 1, .format = "%.4g", .log = true, .apply = Apply::Live}),
    field<&DbnSettings::k>({.key = "k", .label = "k (layers)",
        .tooltip = "Gibbs steps per update (CD-k) in the stacked RBMs.",
        .kind = K::Int, .lo = 1, .hi = 50, .log = true, .apply = Apply::Live}),
    field<&DbnSettings::top_k>({.key = "top_k", .label = "k (top)",
        .tooltip = "Gibbs steps per update in the top RBM; with CD-1 its dreams fall into a few blank modes.",
        .kind = K::Int, .lo = 1, .hi = 50, .log = true, .apply = Apply::Live}),
    field<&DbnSettings::batch>({.key = "batch", .label = "batch size",
        .tooltip = "Digits per update.",
        .kind = K::Int, .lo = 1, .hi = 500, .log = true}),
    field<&DbnSettings::momentum>({.key = "momentum", .label = "momentum",
        .tooltip = "Fraction of the previous update added to the current one.",
        .kind = K::Float, .lo = 0, .hi = 0.99, .format = "%.2f", .apply = Apply::Live}),
    field<&DbnSettings::decay>({.key = "decay", .label = "weight decay",
        .tooltip = "L2 penalty on the weights per update (biases are not decayed).",
        .kind = K::Float, .lo = 0, .hi = 0.01, .format = "%.5f", .log = true, .apply = Apply::Live}),
    field<&DbnSettings::seed>({.key = "seed", .label = "seed",
        .tooltip = "Random seed for the initial weights, the batch order and every Gibbs sample.",
        .kind = K::Seed, .lo = 0, .hi = 1e9}),
    field<&DbnSettings::label>({.key = "label", .label = "label",
        .tooltip = "The label clamped in the top RBM: one per chain, one digit for all, or free to wander.",
        .kind = K::Choice, .names = kDbnLabelNames, .labels = kLabelLabels, .apply = Apply::Restart}),
    field<&DbnSettings::chains>({.key = "chains", .label = "chains",
        .tooltip = "How many Gibbs chains dream at once in the top RBM.",
        .kind = K::Int, .lo = 1, .hi = 40, .apply = Apply::Restart}),
    field<&DbnSettings::speed>({.key = "speed", .label = "##speed", .tooltip = "Gibbs sweeps per second in the top RBM.",
        .kind = K::Float, .lo = 0.5, .hi = 500, .format = "%.1f sweeps/s", .log = true, .apply = Apply::Live}),
    field<&DbnSettings::start>({.key = "start", .label = "chains start from",
        .tooltip = "Where the top RBM's pen units start when the chains restart.",
        .kind = K::Choice, .names = kDbnStartNames, .labels = kStartLabels, .apply = Apply::Restart}),
    field<&DbnSettings::train>({.key = "train", .label = "train", .tooltip = "Starts training from scratch at once.",
        .kind = K::Flag, .apply = Apply::Live, .in_link = false}),
};

// Names written into a saved file's metadata, as the CLI writes them.
const char* binarize_info_name(ebm::Binarize b) {
  return b == ebm::Binarize::Threshold ? "threshold" : b == ebm::Binarize::Sample ? "sample" : "none";
}

}  // namespace

std::span<const Setting<DbnSettings>> dbn_settings_table() { return kTable; }

ebm::DbnConfig dbn_config(const DbnSettings& s) {
  ebm::DbnConfig c;
  c.hidden = {s.layer1};
  if (s.layer2 > 0) c.hidden.push_back(s.layer2);
  c.top_hidden = s.top;
  c.labels = kDbnLabels;
  c.width = c.height = kDbnSide;
  c.layer = ebm::RbmTrainConfig{.method = ebm::RbmMethod::Cd, .batch_size = s.batch, .k = s.k, .learning_rate = s.lr,
                                .momentum = s.momentum, .weight_decay = s.decay, .epochs = s.epochs};
  c.top = c.layer;
  c.top.k = s.top_k;
  c.top.epochs = s.top_epochs;
  c.sample_pixels = s.pixels == ebm::Binarize::Sample;
  return c;
}

std::string dbn_shape_text(const ebm::Dbn& d) {
  std::string s = std::to_string(ebm::dbn_input_size(d));
  for (const ebm::Rbm& l : d.layers) s.append("-").append(std::to_string(l.nh));
  s.append(", top ").append(std::to_string(d.top.nv)).append(" x ").append(std::to_string(d.top.nh));
  return s;
}

int dbn_chain_clamp(int label, int r) {
  if (label == kDbnLabelFree) return -1;
  if (label == kDbnLabelEach) return r % kDbnLabels;
  return label - 1;
}

const char* dbn_scene_phase_name(DbnScenePhase p) {
  switch (p) {
    case DbnScenePhase::Loading: return "loading";
    case DbnScenePhase::Ready: return "ready";
    case DbnScenePhase::Training: return "training";
    case DbnScenePhase::Propagating: return "propagating";
    case DbnScenePhase::Evaluating: return "evaluating";
    case DbnScenePhase::Failed: return "failed";
  }
  return "?";
}

// [SECTION] Changes -------------------------------------------------------------------------
DbnModel::DbnModel(const DbnSettings& s) : settings_(s) {
  train_pacer_.ms_per_unit = 2.0;  // first guesses; measured from the first frame on
  chain_pacer_.ms_per_unit = 0.5;
  eval_pacer_.ms_per_unit = 3.0;
}

std::vector<std::string> DbnModel::apply_link(std::span<const Param> params) {
  std::vector<std::string> notes = settings_apply(dbn_settings_table(), settings_, params, "deep belief net");
  if (settings_.train) {
    settings_.train = false;
    toggle_training();
  }
  if (has_model()) restart_chains();
  return notes;
}

void DbnModel::propose(const DbnSettings& next) {
  const SettingsDiff d = settings_diff(dbn_settings_table(), settings_, next);
  if (!d.changed) return;
  const DbnSettings old = settings_;
  auto apply = [this, next, old] {
    settings_ = next;
    if (!has_model()) {
      // no chains yet
    } else if (next.label == kDbnLabelFree && old.label != kDbnLabelFree && next.chains == old.chains &&
               next.start == old.start && next.seed == old.seed) {
      // Freed: each chain goes on from the digit it holds, now free to change class.
      for (int r = 0; r < chains_.n; ++r) ebm::dbn_chains_set_label(chains_, dbn_, r, -1);
      ++version_;
    } else if (next.chains != old.chains || next.start != old.start || next.seed != old.seed || next.label != old.label) {
      // A clamped label starts the chains afresh on it: a chain in another class's mode can take
      // thousands of sweeps to leave it.
      restart_chains();
    }
    live_update();
  };
  const bool run_in_progress = trainer_ && !ebm::dbn_train_finished(*trainer_);
  if (d.apply != Apply::Rebuild || !run_in_progress) {
    apply();
    return;
  }
  // The network or its data changed: the run in progress cannot continue with them.
  const bool lose = units_ > 0;
  if (lose) training_ = false;
  guard_.request(lose, [this, apply] {
    trainer_.reset();
    monitors_.clear();
    stage_seconds_.clear();
    training_ = false;
    units_ = 0;
    saved_units_ = -1;
    apply();
  }, loss_text());
}

// Hyper-parameters reach the run: the configuration of the stages to come and the RBM training now.
void DbnModel::live_update() {
  if (!trainer_ || ebm::dbn_train_finished(*trainer_)) return;
  ebm::DbnTrainer& t = *trainer_;
  for (ebm::RbmTrainConfig* c : {&t.config.layer, &t.config.top}) {
    c->learning_rate = settings_.lr;
    c->momentum = settings_.momentum;
    c->weight_decay = settings_.decay;
  }
  t.config.layer.k = settings_.k;
  t.config.top.k = settings_.top_k;
  if (t.phase != ebm::DbnPhase::Training) return;
  ebm::RbmTrainConfig c = t.current.config;  // keeps what the engine set: softmax tail, sampling
  const bool top = t.stage == ebm::dbn_stage_count(t) - 1;
  c.learning_rate = settings_.lr;
  c.momentum = settings_.momentum;
  c.weight_decay = settings_.decay;
  c.k = top ? settings_.top_k : settings_.k;
  const ebm::Status st = ebm::rbm_trainer_set_config(t.current, c);
  if (!st.ok()) error_ = "Could not apply the setting: " + st.message;
}

void DbnModel::toggle_training() {
  if (trainer_ && !ebm::dbn_train_finished(*trainer_)) {
    training_ = !training_;
    return;
  }
  if (guard_.pending()) return;  // the question comes first
  guarded([this] {
    if (split_) start_training();
    else train_requested_ = true;  // starts when the digits arrive
  });
}

void DbnModel::request_discard_training() {
  if (!trainer_ || ebm::dbn_train_finished(*trainer_)) return;
  guarded([this] {
    trainer_.reset();
    monitors_.clear();
    stage_seconds_.clear();
    training_ = false;
    units_ = 0;
    saved_units_ = -1;
    ++version_;
  });
}

// [SECTION] Models, files and unsaved work ------------------------------------------------------
void DbnModel::use_model(ebm::Dbn dbn, std::string name, DbnSource source) {
  dbn_ = std::move(dbn);
  source_ = source;
  source_name_ = std::move(name);
  chains_ = ebm::DbnChains{};
  restart_chains();
  start_evaluation();
}

bool DbnModel::load_bytes(std::span<const uint8_t> bytes, const std::string& name, DbnSource source) {
  ebm::DbnTrainingInfo info;
  auto loaded = ebm::dbn_from_bytes(bytes, kDbnSide * kDbnSide, &info);
  std::string why = loaded.ok() ? std::string() : loaded.error();
  if (loaded.ok() && loaded.value().labels != kDbnLabels)
    why = "it has " + std::to_string(loaded.value().labels) + " label units; the digits need 10.";
  if (!why.empty()) {  // the current model stays as it is
    notice_.clear();
    error_ = "Could not load " + name + ": " + why + (has_model() ? " The current model is unchanged." : "");
    return false;
  }
  trainer_.reset();
  monitors_.clear();
  stage_seconds_.clear();
  training_ = false;
  units_ = 0;
  saved_units_ = -1;
  trained_model_in_use_ = false;
  eval_pixels_ = info.binarize == "threshold" ? ebm::Binarize::Threshold : ebm::Binarize::None;
  const std::string shape = dbn_shape_text(loaded.value());
  error_.clear();
  notice_ = source == DbnSource::File ? "Loaded " + name + " (" + shape + ")." : std::string();
  use_model(std::move(loaded.value()), name + " (" + shape + ")", source);
  return true;
}

void DbnModel::load_failed(const std::string& name, const std::string& why) {
  notice_.clear();
  error_ = "Could not load " + name + ": " + why + "." +
           (has_model() ? " The current model is unchanged." : " Train one from scratch below.");
}

bool DbnModel::unsaved() const {
  return trainer_ && trainer_->phase != ebm::DbnPhase::Failed && units_ > 0 && units_ != saved_units_;
}

void DbnModel::guarded(std::function<void()> action) {
  const bool lose = unsaved();
  if (lose) training_ = false;
  guard_.request(lose, std::move(action), loss_text());
}

std::string DbnModel::loss_text() const {
  if (!trainer_) return "nothing";
  if (ebm::dbn_train_finished(*trainer_)) return "the deep belief net trained here";
  return "a training run of " + std::to_string(units_) + " steps (layer " +
         std::to_string(std::min(trainer_->stage, ebm::dbn_stage_count(*trainer_) - 1) + 1) + " of " +
         std::to_string(ebm::dbn_stage_count(*trainer_)) + ")";
}

std::string DbnModel::save_json() {
  ebm::DbnTrainingInfo info;
  if (trained_model_in_use_ && trainer_) {
    info.dataset = "mnist-train";
    info.binarize = binarize_info_name(trainer_pixels_);
    info.seed = trainer_seed_;
    if (ebm::dbn_train_finished(*trainer_)) saved_units_ = units_;
  } else {
    info.binarize = eval_pixels_ == ebm::Binarize::Threshold ? "threshold" : "none";
  }
  info.held_out_accuracy = accuracy_;
  notice_ = "Saved the deep belief net as a JSON download.";
  return ebm::dbn_to_json(dbn_, &info);
}

}  // namespace web
