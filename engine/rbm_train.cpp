// rbm_train.cpp: CD-k / PCD-k minibatch training (see rbm_train.hpp for the phases).
// [SECTION] Configuration and construction
// [SECTION] One minibatch update
// [SECTION] Stepping by a budget
#include "rbm_train.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "check.hpp"
#include "datasets.hpp"
#include "gemm.hpp"
#include "guard.hpp"

namespace ebm {

// [SECTION] Configuration and construction -------------------------------------------------
int rbm_schedule_k(const RbmTrainConfig& config, int epoch_1based) {
  int k = config.k;
  if (config.k_every > 0) k += std::max(epoch_1based, 0) / config.k_every;
  return std::clamp(k, 1, std::max(config.k_max, 1));
}

namespace {

std::string fmt(const char* f, double a) {
  char buf[160];
  std::snprintf(buf, sizeof buf, f, a);
  return buf;
}

Status validate_config(const RbmTrainConfig& c) {
  if (!(c.batch_size >= 1)) return Status::fail(fmt("batch size must be >= 1, got %g", c.batch_size));
  if (!(c.k >= 1 && c.k <= 100000)) return Status::fail(fmt("k must be in [1, 100000], got %g", c.k));
  if (!(c.k_every >= 0)) return Status::fail(fmt("k schedule period must be >= 0, got %g", c.k_every));
  if (!(c.k_max >= 1)) return Status::fail(fmt("k_max must be >= 1, got %g", c.k_max));
  if (!(c.learning_rate > 0.0f && c.learning_rate <= 1000.0f))
    return Status::fail(fmt("learning rate must be in (0, 1000], got %g", c.learning_rate));
  if (!(c.momentum >= 0.0f && c.momentum < 1.0f))
    return Status::fail(fmt("momentum must be in [0, 1), got %g", c.momentum));
  if (!(c.weight_decay >= 0.0f && c.weight_decay <= 1.0f))
    return Status::fail(fmt("weight decay must be in [0, 1], got %g", c.weight_decay));
  if (!(c.epochs >= 0)) return Status::fail(fmt("epochs must be >= 0, got %g", c.epochs));
  if (!(c.weight_limit > 0.0f && std::isfinite(c.weight_limit)))
    return Status::fail(fmt("weight limit must be a positive number, got %g", c.weight_limit));
  if (!(c.softmax_tail == 0 || (c.softmax_tail >= 2 && c.softmax_tail <= 256)))
    return Status::fail(fmt("softmax group size must be 0 or in [2, 256], got %g", c.softmax_tail));
  return Status::success();
}

void size_buffers(RbmTrainer& t) {
  const int nv = t.rbm.nv, nh = t.rbm.nh;
  const size_t B = static_cast<size_t>(t.config.batch_size);
  t.x.assign(2 * B * nv, 0.0f);
  t.y.assign(2 * B * nh, 0.0f);
  t.h.assign(B * nh, 0.0f);
  t.pv.assign(B * nv, 0.0f);
  t.vel_w.assign(static_cast<size_t>(nv) * nh, 0.0f);
  t.vel_b.assign(nv, 0.0f);
  t.vel_c.assign(nh, 0.0f);
  t.col.assign(std::max(nv, nh), 0.0f);
  rbm_pack(t.rbm, t.packed);  // sizes the packed buffers now, not inside the training loop
  t.chains_started = false;
  rbm_trainer_checkpoint(t);   // sizes `good` too
}

}  // namespace

Status rbm_config_check(const RbmTrainConfig& config) { return validate_config(config); }

namespace {

// Checks the model and configuration against n rows of nv values (value_count of them).
Status check_make(const Rbm& rbm, size_t value_count, const RbmTrainConfig& config) {
  if (!rbm_shapes_ok(rbm)) return Status::fail("the model's arrays do not match its sizes");
  if (Status s = validate_config(config); !s.ok()) return s;
  if (config.softmax_tail >= rbm.nv)
    return Status::fail("the softmax group (" + std::to_string(config.softmax_tail) +
                        " units) must leave at least one ordinary visible unit (nv = " + std::to_string(rbm.nv) + ")");
  if (value_count == 0 || value_count % rbm.nv != 0)
    return Status::fail("training data must be a non-empty (n, " + std::to_string(rbm.nv) + ") array, got " +
                        std::to_string(value_count) + " values");
  return Status::success();
}

RbmTrainer start_trainer(Rbm rbm, size_t value_count, RbmTrainConfig config) {
  RbmTrainer t;
  t.n = static_cast<int>(value_count / rbm.nv);
  config.batch_size = std::min(config.batch_size, t.n);
  t.rbm = std::move(rbm);
  t.config = config;
  t.order.resize(t.n);
  for (int i = 0; i < t.n; ++i) t.order[i] = i;
  t.batches_per_epoch = t.n / config.batch_size;
  t.k_current = rbm_schedule_k(config, 1);
  size_buffers(t);
  return t;
}

}  // namespace

Result<RbmTrainer> rbm_trainer_make(Rbm rbm, std::span<const float> data, RbmTrainConfig config) {
  if (Status s = check_make(rbm, data.size(), config); !s.ok()) return Error{s.message};
  for (float v : data)
    if (!(v >= 0.0f && v <= 1.0f)) return Error{"training data must lie in [0, 1]"};
  RbmTrainer t = start_trainer(std::move(rbm), data.size(), config);
  t.data.assign(data.begin(), data.end());
  return t;
}

Result<RbmTrainer> rbm_trainer_make(Rbm rbm, std::shared_ptr<const std::vector<uint8_t>> levels, RbmTrainConfig config) {
  if (Status s = check_make(rbm, levels ? levels->size() : 0, config); !s.ok()) return Error{s.message};
  RbmTrainer t = start_trainer(std::move(rbm), levels->size(), config);
  t.levels = std::move(levels);
  return t;
}

Status rbm_trainer_set_model(RbmTrainer& t, Rbm rbm) {
  if (!rbm_shapes_ok(rbm)) return Status::fail("the model's arrays do not match its sizes");
  if (rbm.nv != t.rbm.nv)
    return Status::fail("the model has " + std::to_string(rbm.nv) + " visible units but the data has " +
                        std::to_string(t.rbm.nv));
  t.rbm = std::move(rbm);
  size_buffers(t);
  t.status = Status::success();
  return Status::success();
}

Status rbm_trainer_set_config(RbmTrainer& t, RbmTrainConfig config) {
  if (Status s = validate_config(config); !s.ok()) return s;
  config.batch_size = std::min(config.batch_size, t.n);
  const RbmTrainConfig old = t.config;
  t.config = config;
  t.k_current = rbm_schedule_k(config, t.epoch + 1);
  if (config.batch_size != old.batch_size) {
    const double frac = t.batches_per_epoch > 0 ? static_cast<double>(t.batch) / t.batches_per_epoch : 0.0;
    t.batches_per_epoch = t.n / config.batch_size;
    int b = std::min(t.batches_per_epoch - 1, static_cast<int>(frac * t.batches_per_epoch));
    if (t.batch > 0 && b == 0 && t.batches_per_epoch > 1) b = 1;  // batch 0 would reshuffle mid-epoch
    t.batch = b;
    const size_t B = static_cast<size_t>(config.batch_size);
    t.x.assign(2 * B * t.rbm.nv, 0.0f);
    t.y.assign(2 * B * t.rbm.nh, 0.0f);
    t.h.assign(B * t.rbm.nh, 0.0f);
    t.pv.assign(B * t.rbm.nv, 0.0f);
    t.chains_started = false;
  } else if (config.method == RbmMethod::Pcd && old.method != RbmMethod::Pcd) {
    t.chains_started = false;
  }
  return Status::success();
}

bool rbm_train_finished(const RbmTrainer& t) {
  return !t.status.ok() || (t.config.epochs > 0 && t.epoch >= t.config.epochs);
}

// [SECTION] One minibatch update -------------------------------------------------------------
namespace {

constexpr int kLanes = 16;  // independent partial sums so float reductions vectorize

// Mean over n values of (a - b)^2.
float mean_sq_diff(const float* a, const float* b, size_t n) {
  float acc[kLanes] = {};
  size_t i = 0;
  for (; i + kLanes <= n; i += kLanes)
    for (int l = 0; l < kLanes; ++l) {
      const float d = a[i + l] - b[i + l];
      acc[l] += d * d;
    }
  double s = 0;
  for (; i < n; ++i) s += double(a[i] - b[i]) * (a[i] - b[i]);
  for (float v : acc) s += v;
  return static_cast<float>(s / double(n));
}

// col[j] = sum over rows r < B of (p[r, j] - q[r, j]), p and q (B, m) row-major.
void column_diff_sums(const float* p, const float* q, int rows, int m, float* col) {
  std::fill(col, col + m, 0.0f);
  for (int r = 0; r < rows; ++r) {
    const float* pr = p + static_cast<size_t>(r) * m;
    const float* qr = q + static_cast<size_t>(r) * m;
    for (int j = 0; j < m; ++j) col[j] += pr[j] - qr[j];
  }
}

void scale(float* x, size_t n, float s) {
  for (size_t i = 0; i < n; ++i) x[i] *= s;
}

struct Check {
  float max_abs = 0;     // largest |parameter| after the update
  double sum_sq_new = 0; // ||W + dW||^2 (NaN or inf when anything is not finite)
  double sum_sq_upd = 0; // ||dW||^2
};

// vel = vel - decay * w (decay is lr * weight_decay, 0 to skip); measures w + vel without writing
// it, so a diverging update can be refused with w untouched.
Check decay_and_check(float* vel, const float* w, size_t n, float decay) {
  float sq_new[kLanes] = {}, sq_upd[kLanes] = {}, mx[kLanes] = {};
  size_t i = 0;
  for (; i + kLanes <= n; i += kLanes)
    for (int l = 0; l < kLanes; ++l) {
      const float v = vel[i + l] - decay * w[i + l];
      vel[i + l] = v;
      const float nw = w[i + l] + v;
      sq_new[l] += nw * nw;
      sq_upd[l] += v * v;
      mx[l] = std::max(mx[l], std::fabs(nw));
    }
  Check c;
  for (; i < n; ++i) {
    const float v = vel[i] - decay * w[i];
    vel[i] = v;
    const float nw = w[i] + v;
    c.sum_sq_new += double(nw) * nw;
    c.sum_sq_upd += double(v) * v;
    c.max_abs = std::max(c.max_abs, std::fabs(nw));
  }
  for (int l = 0; l < kLanes; ++l) {
    c.sum_sq_new += sq_new[l];
    c.sum_sq_upd += sq_upd[l];
    c.max_abs = std::max(c.max_abs, mx[l]);
  }
  return c;
}

void add_inplace(float* w, const float* v, size_t n) {
  for (size_t i = 0; i < n; ++i) w[i] += v[i];
}

// One update on rows order[first .. first + B). Returns false (and sets status) on divergence.
bool train_batch(RbmTrainer& t, Rng& rng, int first) {
  Rbm& m = t.rbm;
  const RbmTrainConfig& cfg = t.config;
  const int nv = m.nv, nh = m.nh, B = cfg.batch_size, k = t.k_current, tail = cfg.softmax_tail;
  const size_t Bv = static_cast<size_t>(B) * nv, Bh = static_cast<size_t>(B) * nh;
  float* v0 = t.x.data();
  float* vk = t.x.data() + Bv;
  float* ph0 = t.y.data();
  float* phk = t.y.data() + Bh;

  // W changed at the end of the previous update: pack it once for this batch's products.
  rbm_pack(m, t.packed);
  const RbmPacked& pk = t.packed;

  // Positive phase: v0 rows, P(h|v0).
  for (int r = 0; r < B; ++r) {
    const size_t row = static_cast<size_t>(t.order[first + r]) * nv;
    float* dst = v0 + static_cast<size_t>(r) * nv;
    if (t.levels) {  // bytes: converted for this minibatch only
      levels_to_float(t.levels->data() + row, nv, dst);
      if (cfg.sample_data) sample_bernoulli(dst, dst, nv, rng);
    } else if (cfg.sample_data) {
      sample_bernoulli(t.data.data() + row, dst, nv, rng);
    } else {
      std::copy(t.data.data() + row, t.data.data() + row + nv, dst);
    }
  }
  rbm_hidden_probs(m, pk, v0, B, ph0);

  // Chain start: CD restarts at h0 ~ P(h|v0); PCD keeps its chains (started at h0 once).
  const bool pcd = cfg.method == RbmMethod::Pcd;
  if (!pcd || !t.chains_started) {
    // Under CD the first chain step below reconstructs from this h0, so its P(v|h0) gives
    // the reconstruction error for free.
    sample_bernoulli(ph0, t.h.data(), Bh, rng);
    t.chains_started = true;
  }
  if (pcd) {
    // The chains do not start at the data, so the reconstruction error needs its own pass:
    // h0 ~ P(h|v0) into the (not yet used) negative half of y, then P(v|h0).
    sample_bernoulli(ph0, phk, Bh, rng);
    rbm_visible_probs(m, pk, phk, B, t.pv.data());
    if (tail) rbm_softmax_tail(m, phk, B, tail, t.pv.data());
    t.last_recon_error = mean_sq_diff(v0, t.pv.data(), Bv);
  }

  // Negative phase: k alternating Gibbs steps.
  for (int s = 1; s <= k; ++s) {
    rbm_visible_probs(m, pk, t.h.data(), B, t.pv.data());
    if (tail) rbm_softmax_tail(m, t.h.data(), B, tail, t.pv.data());
    if (!pcd && s == 1) t.last_recon_error = mean_sq_diff(v0, t.pv.data(), Bv);
    if (cfg.sample_visible) {
      sample_bernoulli(t.pv.data(), vk, Bv, rng);
      if (tail) sample_softmax_tail(t.pv.data(), vk, B, nv, tail, rng);
    } else {
      std::copy(t.pv.begin(), t.pv.begin() + static_cast<ptrdiff_t>(Bv), vk);
    }
    rbm_hidden_probs(m, pk, vk, B, phk);
    if (s < k || pcd) sample_bernoulli(phk, t.h.data(), Bh, rng);
  }

  // Gradient (Hinton 2002): <v h>_data - <v h>_model, batch means. The two products are one
  // sgemm over the stacked rows [v0; vk]^T [P(h|v0); -P(h|vk)] scaled by lr / B, written
  // straight into the velocity: vel_w = momentum * vel_w + lr * grad.
  const float lr = cfg.learning_rate, mom = cfg.momentum, inv_b = 1.0f / float(B);
  column_diff_sums(v0, vk, B, nv, t.col.data());
  for (int i = 0; i < nv; ++i) t.vel_b[i] = mom * t.vel_b[i] + lr * inv_b * t.col[i];
  column_diff_sums(ph0, phk, B, nh, t.col.data());
  for (int j = 0; j < nh; ++j) t.vel_c[j] = mom * t.vel_c[j] + lr * inv_b * t.col[j];
  scale(phk, Bh, -1.0f);
  sgemm(true, false, nv, nh, 2 * B, lr * inv_b, t.x.data(), nv, t.y.data(), nh, mom, t.vel_w.data(), nh);

  // Divergence guard: measure the new parameters before writing them.
  const Check cw = decay_and_check(t.vel_w.data(), m.w.data(), m.w.size(), lr * cfg.weight_decay);
  const Check cb = decay_and_check(t.vel_b.data(), m.b.data(), m.b.size(), 0.0f);
  const Check cc = decay_and_check(t.vel_c.data(), m.c.data(), m.c.size(), 0.0f);
  const float max_abs = std::max({cw.max_abs, cb.max_abs, cc.max_abs});
  const bool finite = std::isfinite(cw.sum_sq_new + cb.sum_sq_new + cc.sum_sq_new);
  if (!finite || max_abs > cfg.weight_limit) {
    char buf[400], hint[120];
    if (t.good_epoch >= 0)
      std::snprintf(hint, sizeof hint, "restore the last good ones (start of epoch %d) and lower", t.good_epoch + 1);
    else
      std::snprintf(hint, sizeof hint, "lower");
    std::snprintf(buf, sizeof buf,
                  "training stopped at epoch %d, batch %d: the update would make the weights %s "
                  "with learning rate %g. The model keeps its last finite weights; %s the learning "
                  "rate (or raise weight decay).",
                  t.epoch + 1, t.batch + 1,
                  param_health_problem(ParamHealth{finite, max_abs}, cfg.weight_limit).c_str(), double(lr), hint);
    t.status = Status::fail(buf);
    // The velocity was already overwritten; clear it so a later set_model/restart is clean.
    std::fill(t.vel_w.begin(), t.vel_w.end(), 0.0f);
    return false;
  }
  add_inplace(m.w.data(), t.vel_w.data(), m.w.size());
  add_inplace(m.b.data(), t.vel_b.data(), m.b.size());
  add_inplace(m.c.data(), t.vel_c.data(), m.c.size());
  // ||dW|| / ||W|| with W after the update (it is 0 only for an all-zero model).
  t.last_update_ratio = cw.sum_sq_new > 0 ? static_cast<float>(std::sqrt(cw.sum_sq_upd / cw.sum_sq_new)) : 0.0f;
  return true;
}

}  // namespace

// [SECTION] Stepping by a budget -----------------------------------------------------------
int rbm_train_step(RbmTrainer& t, Rng& rng, int max_batches) {
  int done = 0;
  while (done < max_batches && !rbm_train_finished(t)) {
    if (t.batch == 0) {
      rbm_trainer_checkpoint(t);
      rng.shuffle(t.order.data(), t.order.size());
      t.epoch_recon_sum = 0;
      t.k_current = rbm_schedule_k(t.config, t.epoch + 1);
    }
    if (!train_batch(t, rng, t.batch * t.config.batch_size)) break;
    ++done;
    ++t.updates;
    t.epoch_recon_sum += t.last_recon_error;
    if (++t.batch == t.batches_per_epoch) {
      t.last_epoch_recon_error = static_cast<float>(t.epoch_recon_sum / t.batches_per_epoch);
      t.batch = 0;
      ++t.epoch;
      t.k_current = rbm_schedule_k(t.config, t.epoch + 1);
    }
  }
  return done;
}

int rbm_train_epoch(RbmTrainer& t, Rng& rng) {
  return rbm_train_step(t, rng, t.batches_per_epoch - t.batch);
}

}  // namespace ebm
