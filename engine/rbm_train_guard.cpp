// rbm_train_guard.cpp: the RBM trainer's last good parameters: the checkpoint taken at each
// epoch start while the model is healthy, and the restore after a divergence (rbm_train.hpp).
#include <algorithm>

#include "guard.hpp"
#include "rbm_train.hpp"

namespace ebm {

namespace {
ParamHealth rbm_health(const Rbm& r) {
  return merge(merge(param_health(std::span<const float>(r.w)), param_health(std::span<const float>(r.b))),
               param_health(std::span<const float>(r.c)));
}
// Copies src into dst reusing dst's buffers (no allocation when the shapes already match).
void copy_into(Rbm& dst, const Rbm& src) {
  dst.nv = src.nv;
  dst.nh = src.nh;
  dst.width = src.width;
  dst.height = src.height;
  dst.w.assign(src.w.begin(), src.w.end());
  dst.b.assign(src.b.begin(), src.b.end());
  dst.c.assign(src.c.begin(), src.c.end());
}
}  // namespace

void rbm_trainer_checkpoint(RbmTrainer& t) {
  if (!rbm_health(t.rbm).ok(t.config.weight_limit)) return;
  copy_into(t.good, t.rbm);
  t.good_epoch = t.epoch;
}

Status rbm_trainer_restore_good(RbmTrainer& t) {
  if (t.good_epoch < 0 || t.good.nv != t.rbm.nv || t.good.nh != t.rbm.nh)
    return Status::fail("there are no good weights to go back to: this model was never healthy");
  copy_into(t.rbm, t.good);
  std::fill(t.vel_w.begin(), t.vel_w.end(), 0.0f);
  std::fill(t.vel_b.begin(), t.vel_b.end(), 0.0f);
  std::fill(t.vel_c.begin(), t.vel_c.end(), 0.0f);
  rbm_pack(t.rbm, t.packed);
  t.chains_started = false;
  t.status = Status::success();
  return Status::success();
}

}  // namespace ebm
