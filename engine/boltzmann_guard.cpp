// boltzmann_guard.cpp: the Boltzmann trainer's last good parameters: the checkpoint taken every
// kBmCheckpointEvery weight updates while the model is healthy, and the restore after a
// divergence (boltzmann.hpp).
#include <algorithm>

#include "boltzmann.hpp"
#include "guard.hpp"

namespace ebm {

void bm_trainer_checkpoint(BmTrainer& t) {
  const ParamHealth h = merge(param_health(std::span<const double>(t.bm.w)), param_health(std::span<const double>(t.bm.b)));
  if (!h.ok(t.config.weight_limit)) return;
  t.good.nv = t.bm.nv;
  t.good.nh = t.bm.nh;
  t.good.restricted = t.bm.restricted;
  t.good.w.assign(t.bm.w.begin(), t.bm.w.end());
  t.good.b.assign(t.bm.b.begin(), t.bm.b.end());
  t.good_weight_updates = t.weight_updates;
}

Status bm_trainer_restore_good(BmTrainer& t) {
  if (t.good_weight_updates < 0 || t.good.w.size() != t.bm.w.size())
    return Status::fail("there are no good weights to go back to: this model was never healthy");
  t.bm.w.assign(t.good.w.begin(), t.good.w.end());
  t.bm.b.assign(t.good.b.begin(), t.good.b.end());
  // The interrupted weight update starts over from its clamped phase.
  std::fill(t.sum_clamped.begin(), t.sum_clamped.end(), 0.0);
  std::fill(t.sum_free.begin(), t.sum_free.end(), 0.0);
  t.samples_clamped = t.samples_free = 0;
  t.phase = BmPhase::Clamped;
  t.run = 0;
  t.run_active = false;
  t.run_sweep = 0;
  t.status = Status::success();
  return Status::success();
}

}  // namespace ebm
