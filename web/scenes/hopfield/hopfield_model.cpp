// hopfield_model.cpp: the Hopfield lab's lifecycle, changes, dynamics and drawings (see
// hopfield_model.hpp; the settings table and memories are in hopfield_model_memories.cpp).
// [SECTION] Building and changing
// [SECTION] Dynamics within the budget
// [SECTION] The reader's drawings
// [SECTION] Reading
#include <algorithm>

#include "hopfield_model.hpp"
#include "pattern_link.hpp"
#include "patterns.hpp"

namespace web {

// [SECTION] Building and changing -----------------------------------------------------------
HopfieldModel::HopfieldModel(const HopfieldSettings& s) : settings_(s) {
  pacer_.ms_per_unit = 0.001;  // first guesses; measured from the first frame on
  sync_pacer_.ms_per_unit = 0.05;
  auto d = patterns_from_link(settings_.drawings);
  if (d.ok()) drawn_ = std::move(d.value());
  else settings_.drawings.clear();
  rebuild();
}

void HopfieldModel::rebuild() {
  cue_draws_ = 0;  // a shared link reproduces the same first cue
  build_memories();
  retrain();
  new_cue();
}

void HopfieldModel::set_data(const ebm::DatasetSplit* split) {
  if (split == split_) return;
  split_ = split;
  if (split_ && waiting_for_digits()) rebuild();
}

std::vector<std::string> HopfieldModel::apply_link(std::span<const Param> params) {
  std::vector<std::string> notes = settings_apply(hopfield_settings_table(), settings_, params, "Hopfield");
  auto d = patterns_from_link(settings_.drawings);  // validated by the table already
  drawn_ = d.ok() ? std::move(d.value()) : std::vector<ebm::Pattern>{};
  if (settings_.play) {
    playing_ = true;
    settings_.play = false;
  }
  rebuild();
  return notes;
}

void HopfieldModel::propose(const HopfieldSettings& next) {
  const SettingsDiff d = settings_diff(hopfield_settings_table(), settings_, next);
  if (!d.changed) return;
  const HopfieldSettings old = settings_;
  const ebm::Pattern s = state();  // read under the old dynamics
  settings_ = next;
  if (d.apply == Apply::Rebuild) {
    if (old.set != next.set || old.patterns != next.patterns || old.seed != next.seed || old.drawings != next.drawings) {
      if (old.drawings != next.drawings) {
        auto p = patterns_from_link(settings_.drawings);
        drawn_ = p.ok() ? std::move(p.value()) : std::vector<ebm::Pattern>{};
      }
      rebuild();
    } else if (old.rule != next.rule || old.degree != next.degree) {
      // Another rule on the same cue (a drawing on the grid is kept): rules compare side by side.
      build_memories();
      retrain();
      restart(drawn_since_restart_ || cue_.size() != s.size() ? s : cue_);
    } else {  // only which candidates are stored: keep the state
      build_memories();
      retrain();
      restart(s);
    }
  } else if (d.apply == Apply::Restart) {
    if (old.cue != next.cue || old.noise != next.noise || old.blank != next.blank) {
      new_cue();
    } else if (old.beta != next.beta && engine_ == HopfieldEngine::Modern) {
      modern_beta_changed();  // the continuous state is kept
    } else {
      if (old.beta != next.beta && engine_ == HopfieldEngine::Dense) retrain();  // exp: F changed
      restart(s);  // the dynamics or its schedule: carry on from where the state is
    }
  }
}

void HopfieldModel::new_cue() {
  // A drawing on the grid is kept (not lost silently) so it can be restored.
  if (drawn_since_restart_) {
    last_drawing_ = state();
    drawn_since_restart_ = false;
  }
  rng_.reseed(settings_.seed + kHopfieldSeedCueStride * static_cast<uint64_t>(++cue_draws_));
  const ebm::Pattern& x = memories_[settings_.cue - 1];
  ebm::Pattern s = ebm::corrupt(x, settings_.noise / 100.0f, rng_);
  if (settings_.blank) s = ebm::blank_center(s, side(), side(), 0.5f);
  cue_ = s;
  restart(s);
}

void HopfieldModel::set_cue(int memory) {
  if (memory < 0 || memory >= static_cast<int>(memories_.size())) return;
  settings_.cue = memory + 1;
  new_cue();
}

void HopfieldModel::restart(const ebm::Pattern& s) {
  ebm::run_reset(net_, run_, s);
  ebm::sync_reset(net_, sync_, s);
  const ebm::Schedule sch{.kind = settings_.cooling, .t_start = settings_.t_start, .t_end = settings_.t_end,
                          .steps = settings_.sweeps};
  ebm::anneal_reset(net_, anneal_, s, sch);
  if (engine_ != HopfieldEngine::Classical) restart_dense(s);
  energy_.clear();
  temp_.clear();
  pacer_clear_credit(pacer_);
  pacer_clear_credit(sync_pacer_);
  record();
}

// [SECTION] Dynamics within the budget ----------------------------------------------------
void HopfieldModel::set_playing(bool on) {
  if (on && !playing_ && finished()) new_cue();
  playing_ = on;
}

void HopfieldModel::step(double dt_s, double budget_ms) {
  if (!playing_ || waiting_for_digits()) return;  // play holds until the digits asked for are here
  const Stopwatch sw;
  const bool modern = engine_ == HopfieldEngine::Modern;
  if (modern || (engine_ == HopfieldEngine::Classical && settings_.dynamics == Dynamics::Sync)) {
    // Synchronous (and modern) steps cost n updates each: paced as steps at speed / n per second.
    int64_t steps = pacer_due(sync_pacer_, settings_.speed / net_.n, dt_s, budget_ms, 1 << 20);
    if (steps == 0 && time() == 0) steps = 1;  // the first step shows at once
    int64_t done = 0;
    for (; done < steps && !finished(); ++done) {
      if (modern) {
        advance_dense(net_.n);  // one update of the whole state, recorded
      } else {
        ebm::sync_run(net_, sync_, 1);
        record();
      }
    }
    pacer_record(sync_pacer_, done, sw.ms());
  } else {
    const int64_t units = pacer_due(pacer_, settings_.speed, dt_s, budget_ms, int64_t{1} << 40);
    const int64_t done = units > 0 ? advance(units) : 0;
    pacer_record(pacer_, done, sw.ms());
  }
  if (finished()) playing_ = false;
}

void HopfieldModel::step_once() {
  playing_ = false;
  const bool whole = engine_ == HopfieldEngine::Modern || (engine_ == HopfieldEngine::Classical && settings_.dynamics == Dynamics::Sync);
  advance(whole ? net_.n : 1);
}

void HopfieldModel::sweep() {
  playing_ = false;
  advance(net_.n);
}

// Makes up to `budget` unit updates (a synchronous step costs n), recording the energy. Large
// budgets are chunked so the plot keeps a point per chunk, not a point per update.
int64_t HopfieldModel::advance(int64_t budget) {
  if (engine_ != HopfieldEngine::Classical) return advance_dense(budget);
  int64_t done = 0;
  const int64_t chunk = std::max<int64_t>(1, budget / kHopfieldPlotPointsPerFrame);
  while (done < budget && !finished()) {
    const int64_t want = std::min(chunk, budget - done);
    int64_t made = 0;
    switch (settings_.dynamics) {
      case Dynamics::Async: made = ebm::run_async(net_, run_, rng_, want); break;
      case Dynamics::Glauber: made = ebm::run_glauber(net_, run_, rng_, settings_.temperature, want); break;
      case Dynamics::Anneal: made = ebm::anneal_step(net_, anneal_, rng_, want); break;
      case Dynamics::Sync:
        ebm::sync_run(net_, sync_, 1);
        made = net_.n;
        break;
    }
    done += std::max<int64_t>(1, made);
    record();
  }
  return done;
}

bool HopfieldModel::finished() const {
  if (engine_ == HopfieldEngine::Dense) return ebm::dense_run_converged(dense_, dense_run_);
  if (engine_ == HopfieldEngine::Modern) return modern_run_.converged || modern_run_.steps >= kHopfieldModernMaxSteps;
  switch (settings_.dynamics) {
    case Dynamics::Async: return ebm::run_converged(net_, run_);
    case Dynamics::Sync: return sync_.status != ebm::SyncStatus::Moving;
    case Dynamics::Glauber: return settings_.temperature <= 0.0f && ebm::run_converged(net_, run_);
    case Dynamics::Anneal: return ebm::anneal_done(net_, anneal_);
  }
  return true;
}

void HopfieldModel::record() {
  energy_.push(static_cast<float>(time()), static_cast<float>(energy()));
  if (engine_ == HopfieldEngine::Classical && settings_.dynamics == Dynamics::Anneal)
    temp_.push(static_cast<float>(anneal_.run.updates) / static_cast<float>(net_.n), anneal_.temperature);
  ++state_version_;
}

// [SECTION] The reader's drawings ---------------------------------------------------------------
void HopfieldModel::paint(int cell, int8_t v) {
  if (cell < 0 || cell >= net_.n || state()[cell] == v) return;
  playing_ = false;
  ebm::Pattern s = state();
  s[cell] = v;
  restart(s);
  drawn_since_restart_ = true;
}

void HopfieldModel::store_drawing() {
  if (static_cast<int>(drawn_.size()) >= kHopfieldMaxMemories) {
    notice_ = "At most " + std::to_string(kHopfieldMaxMemories) + " drawings can be stored.";
    return;
  }
  const ebm::Pattern s = state();
  drawn_.push_back(s);
  encode_drawings();
  drawn_since_restart_ = false;
  build_memories();
  retrain();
  restart(s);
}

void HopfieldModel::request_forget_drawings() {
  if (drawn_.empty()) return;
  guard_.request(true, [this] {
    drawn_.clear();
    encode_drawings();
    build_memories();
    retrain();
    new_cue();
  }, std::to_string(drawn_.size()) + " stored drawing" + (drawn_.size() == 1 ? "" : "s"));
}

bool HopfieldModel::can_restore_drawing() const {
  return !last_drawing_.empty() && static_cast<int>(last_drawing_.size()) == net_.n;
}

bool HopfieldModel::restore_drawing() {
  if (!can_restore_drawing()) return false;
  playing_ = false;
  restart(last_drawing_);
  drawn_since_restart_ = true;
  return true;
}

void HopfieldModel::toggle_candidate(int k) {
  if (k < 0 || k >= 64 || k >= static_cast<int>(candidates_.size())) return;
  HopfieldSettings next = settings_;
  next.skip.bits ^= uint64_t{1} << k;
  propose(next);
}

// [SECTION] Reading -------------------------------------------------------------------------------
const ebm::Pattern& HopfieldModel::state() const {
  if (engine_ == HopfieldEngine::Dense) return dense_run_.s;
  if (engine_ == HopfieldEngine::Modern) return modern_sign_;
  switch (settings_.dynamics) {
    case Dynamics::Sync: return sync_.s;
    case Dynamics::Anneal: return anneal_.run.s;
    default: return run_.s;
  }
}

double HopfieldModel::energy() const {
  if (engine_ == HopfieldEngine::Dense) return dense_run_.energy;
  if (engine_ == HopfieldEngine::Modern) return modern_run_.energy;
  switch (settings_.dynamics) {
    case Dynamics::Sync: return sync_.energy;
    case Dynamics::Anneal: return anneal_.run.energy;
    default: return run_.energy;
  }
}

int64_t HopfieldModel::time() const {
  if (engine_ == HopfieldEngine::Dense) return dense_run_.updates;
  if (engine_ == HopfieldEngine::Modern) return static_cast<int64_t>(modern_run_.steps) * net_.n;
  switch (settings_.dynamics) {
    case Dynamics::Sync: return static_cast<int64_t>(sync_.steps) * net_.n;
    case Dynamics::Anneal: return anneal_.run.updates;
    default: return run_.updates;
  }
}

int64_t HopfieldModel::flips() const {
  if (engine_ == HopfieldEngine::Dense) return dense_run_.flips;
  if (engine_ == HopfieldEngine::Modern) return modern_run_.steps;  // each update moves the whole state
  return settings_.dynamics == Dynamics::Anneal ? anneal_.run.flips : run_.flips;
}

int HopfieldModel::last_unit() const {
  if (engine_ == HopfieldEngine::Dense) return dense_run_.last_unit;
  if (engine_ == HopfieldEngine::Modern) return -1;
  switch (settings_.dynamics) {
    case Dynamics::Sync: return -1;
    case Dynamics::Anneal: return anneal_.run.last_unit;
    default: return run_.last_unit;
  }
}

}  // namespace web
