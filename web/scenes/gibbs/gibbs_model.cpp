// gibbs_model.cpp: the Gibbs sampling scene's state and rules (see gibbs_model.hpp).
// [SECTION] Settings table
// [SECTION] The model and the digits
// [SECTION] Chains and sweeps within the budget
// [SECTION] Inpainting
#include "gibbs_model.hpp"

#include <algorithm>
#include <cmath>

#include "model_io.hpp"

namespace web {

// [SECTION] Settings table ------------------------------------------------------------------
namespace {

using K = SettingKind;
const Setting<GibbsSettings> kTable[] = {
    // No label beside the speed slider: its unit is in the slider, as before the table existed.
    field<&GibbsSettings::speed>({.key = "speed", .label = "##speed", .tooltip = "Gibbs sweeps per second.",
        .kind = K::Float, .lo = 0.5, .hi = 200, .format = "%.1f sweeps/s", .log = true, .apply = Apply::Live}),
    field<&GibbsSettings::digit>({.key = "digit", .label = "digit",
        .tooltip = "Which held-out digit the single chain starts from.",
        .kind = K::Int, .lo = 0, .hi = kGibbsHeldRows - 1, .apply = Apply::Restart}),
    field<&GibbsSettings::noise_start>({.key = "noise_start", .label = "start from noise",
        .tooltip = "Start the chains from random pixels instead of real held-out digits.",
        .kind = K::Flag, .apply = Apply::Restart}),
    field<&GibbsSettings::seed>({.key = "seed", .label = "seed",
        .tooltip = "Random seed for every sample of every chain.",
        .kind = K::Seed, .lo = 0, .hi = 1e9, .apply = Apply::Restart}),
    field<&GibbsSettings::play>({.key = "play", .label = "play", .tooltip = "Starts sampling at once.",
        .kind = K::Flag, .apply = Apply::Live, .in_link = false}),
};

}  // namespace

std::span<const Setting<GibbsSettings>> gibbs_settings_table() { return kTable; }

GibbsModel::GibbsModel(const GibbsSettings& s) : settings_(s) {
  pacer_.ms_per_unit = 1.0;  // first guess for one sweep of every chain; measured from then on
}

std::vector<std::string> GibbsModel::apply_link(std::span<const Param> params) {
  std::vector<std::string> notes = settings_apply(gibbs_settings_table(), settings_, params, "Gibbs");
  if (settings_.play) {
    playing_ = true;
    settings_.play = false;
  }
  restart();
  return notes;
}

void GibbsModel::propose(const GibbsSettings& next) {
  const SettingsDiff d = settings_diff(gibbs_settings_table(), settings_, next);
  if (!d.changed) return;
  settings_ = next;
  if (d.apply != Apply::Live) restart();  // nothing here is worth a question: chains are cheap
}

// [SECTION] The model and the digits ----------------------------------------------------------
void GibbsModel::set_data(const ebm::DatasetSplit* split) {
  if (split == split_) return;
  split_ = split;
  started_ = false;
  if (!split_) return;
  n_held_ = std::min(kGibbsHeldRows, split_->held_out.count);
  held_ = ebm::dataset_to_float(split_->held_out, ebm::Binarize::Threshold, 0.5f, nullptr, n_held_);
}

void GibbsModel::use_model(ebm::Rbm rbm, std::string name) {
  rbm_ = std::move(rbm);
  model_name_ = std::move(name);
  have_model_ = true;
  restart();
}

void GibbsModel::use_untrained() {
  from_rbm_tab_ = false;
  use_model(ebm::rbm_make(kGibbsSide * kGibbsSide, kGibbsFallbackHidden, kGibbsSide, kGibbsSide), "untrained");
}

bool GibbsModel::load_pretrained(std::span<const uint8_t> bytes) {
  auto m = ebm::rbm_from_bytes(bytes, kGibbsSide * kGibbsSide);
  if (!m.ok()) {
    error_ = "The pretrained model file is invalid: " + m.error();
    use_untrained();
    return false;
  }
  error_.clear();
  from_rbm_tab_ = false;
  const int nh = m.value().nh;
  use_model(std::move(m.value()), "pretrained (" + std::to_string(nh) + " hidden units)");
  return true;
}

void GibbsModel::pretrained_failed(const std::string& why) {
  // Without the shipped model, sample from an untrained one until the user brings the RBM tab's.
  error_ = "The pretrained model could not be loaded (" + why +
           "); train one in the RBM tab and press 'Use the RBM tab's model'.";
  use_untrained();
}

void GibbsModel::use_shared(const ebm::Rbm* rbm, uint64_t version) {
  if (!rbm) {
    error_ = "The RBM tab has no model yet: open it once to load the digits.";
    return;
  }
  error_.clear();
  from_rbm_tab_ = true;
  shared_version_ = version;
  use_model(*rbm, "from the RBM tab (" + std::to_string(rbm->nh) + " hidden units)");
}

// [SECTION] Chains and sweeps within the budget -----------------------------------------------
void GibbsModel::restart() {
  started_ = false;
  pacer_clear_credit(pacer_);
  if (ready()) restart_all();
}

void GibbsModel::step(double dt_s, double budget_ms) {
  if (!ready()) return;
  if (!started_) restart_all();
  if (!playing_) return;
  const int64_t due = pacer_due(pacer_, settings_.speed, dt_s, budget_ms, kGibbsMaxSweepsPerFrame);
  if (due == 0) return;
  const Stopwatch sw;
  sweep(static_cast<int>(due));
  pacer_record(pacer_, due, sw.ms());
}

void GibbsModel::step_sweep() {
  playing_ = false;
  if (!started_) return;
  sweep(1);
}

void GibbsModel::restart_all() {
  rng_.reseed(settings_.seed);
  restart_chain();
  fantasy_ = ebm::fantasy_make(rbm_, kGibbsFantasy);
  if (settings_.noise_start) ebm::fantasy_from_noise(fantasy_, rbm_, rng_);
  else ebm::fantasy_from_data(fantasy_, rbm_, held_.data(), n_held_);
  // Inpainting: one digit, its top half clamped until the user paints another mask.
  inpaint_ = ebm::fantasy_make(rbm_, 1);
  inpaint_digit_ = std::min(inpaint_digit_, n_held_ - 1);
  const auto row = held_.begin() + static_cast<long>(inpaint_digit_) * rbm_.nv;
  clamp_values_.assign(row, row + rbm_.nv);
  if (mask_.size() != static_cast<size_t>(rbm_.nv)) {
    mask_.assign(rbm_.nv, 0);
    std::fill(mask_.begin(), mask_.begin() + rbm_.nv / 2, 1);
  }
  ebm::fantasy_from_noise(inpaint_, rbm_, rng_);
  apply_clamp();
  started_ = true;
  ++version_;
}

void GibbsModel::restart_chain() {
  std::vector<float> v0(rbm_.nv);
  if (settings_.noise_start) {
    for (float& x : v0) x = rng_.uniform() < 0.5f ? 1.0f : 0.0f;
  } else {
    const int d = std::min(settings_.digit, n_held_ - 1);
    const auto row = held_.begin() + static_cast<long>(d) * rbm_.nv;
    std::copy(row, row + rbm_.nv, v0.begin());
  }
  ebm::gibbs_trace_start(trace_, rbm_, v0.data(), kGibbsTraceCap, rng_);
}

void GibbsModel::sweep(int n) {
  for (int i = 0; i < n; ++i)
    if (!ebm::gibbs_trace_step(trace_, rbm_, rng_)) {  // full: the chain runs on in the same buffer
      ebm::gibbs_trace_keep_last(trace_, rbm_, kGibbsTraceKeep);
      ebm::gibbs_trace_step(trace_, rbm_, rng_);
    }
  ebm::fantasy_step(fantasy_, rbm_, rng_, n);
  const ebm::Clamp c{mask_, clamp_values_};
  ebm::fantasy_step(inpaint_, rbm_, rng_, n, &c);
  ++version_;
}

// [SECTION] Inpainting ------------------------------------------------------------------------
void GibbsModel::apply_clamp() {
  ebm::fantasy_apply_clamp(inpaint_, ebm::Clamp{mask_, clamp_values_});
  ++version_;
}

void GibbsModel::paint(int cell, bool clamp) {
  if (!started_ || cell < 0 || cell >= kGibbsSide * kGibbsSide) return;
  const int r = cell / kGibbsSide, c = cell % kGibbsSide;
  for (int dy = -kGibbsBrush; dy <= kGibbsBrush; ++dy)
    for (int dx = -kGibbsBrush; dx <= kGibbsBrush; ++dx) {
      const int rr = r + dy, cc = c + dx;
      if (rr >= 0 && rr < kGibbsSide && cc >= 0 && cc < kGibbsSide) mask_[rr * kGibbsSide + cc] = clamp ? 1 : 0;
    }
  apply_clamp();
}

void GibbsModel::clamp_top_half() {
  if (!started_) return;
  for (int i = 0; i < rbm_.nv; ++i) mask_[i] = i < rbm_.nv / 2;
  apply_clamp();
}

void GibbsModel::free_all() {
  std::fill(mask_.begin(), mask_.end(), 0);
  ++version_;
}

void GibbsModel::next_digit() {
  if (n_held_ == 0) return;
  inpaint_digit_ = (inpaint_digit_ + 1) % n_held_;
  restart();
}

int GibbsModel::clamped() const { return static_cast<int>(std::count(mask_.begin(), mask_.end(), uint8_t{1})); }

double GibbsModel::clamp_max_error() const {
  double e = 0;
  for (size_t i = 0; i < mask_.size() && i < inpaint_.v.size(); ++i)
    if (mask_[i]) e = std::max(e, static_cast<double>(std::fabs(inpaint_.v[i] - clamp_values_[i])));
  return e;
}

}  // namespace web
