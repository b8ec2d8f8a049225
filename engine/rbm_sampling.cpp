// rbm_sampling.cpp: fantasy chains, recorded Gibbs traces and clamped inpainting
// (see rbm_sampling.hpp).
#include "rbm_sampling.hpp"

#include <algorithm>

#include "check.hpp"

namespace ebm {

FantasyChains fantasy_make(const Rbm& rbm, int n) {
  EBM_ASSERT(n >= 1, "fantasy_make: n >= 1");
  FantasyChains fc;
  fc.n = n;
  fc.v.assign(static_cast<size_t>(n) * rbm.nv, 0.0f);
  fc.pv.assign(static_cast<size_t>(n) * rbm.nv, 0.0f);
  fc.h.assign(static_cast<size_t>(n) * rbm.nh, 0.0f);
  fc.ph.assign(static_cast<size_t>(n) * rbm.nh, 0.0f);
  return fc;
}

void fantasy_from_noise(FantasyChains& fc, const Rbm& rbm, Rng& rng) {
  EBM_ASSERT(fc.v.size() == static_cast<size_t>(fc.n) * rbm.nv, "fantasy_from_noise: chains sized for another model");
  std::fill(fc.pv.begin(), fc.pv.end(), 0.5f);
  sample_bernoulli(fc.pv.data(), fc.v.data(), fc.v.size(), rng);
  fc.pv = fc.v;
  fc.sweeps = 0;
}

void fantasy_from_data(FantasyChains& fc, const Rbm& rbm, const float* data, int rows) {
  EBM_ASSERT(rows >= 1, "fantasy_from_data: rows >= 1");
  EBM_ASSERT(fc.v.size() == static_cast<size_t>(fc.n) * rbm.nv, "fantasy_from_data: chains sized for another model");
  for (int r = 0; r < fc.n; ++r) {
    const float* src = data + static_cast<size_t>(r % rows) * rbm.nv;
    std::copy(src, src + rbm.nv, fc.v.begin() + static_cast<ptrdiff_t>(r) * rbm.nv);
  }
  fc.pv = fc.v;
  fc.sweeps = 0;
}

void fantasy_apply_clamp(FantasyChains& fc, const Clamp& clamp) {
  EBM_ASSERT(clamp.mask.size() == fc.v.size() && clamp.values.size() == fc.v.size(),
             "fantasy_apply_clamp: clamp must be (n, nv)");
  for (size_t i = 0; i < fc.v.size(); ++i)
    if (clamp.mask[i]) fc.v[i] = fc.pv[i] = clamp.values[i];
}

void fantasy_step(FantasyChains& fc, const Rbm& rbm, Rng& rng, int sweeps, const Clamp* clamp) {
  const size_t nvn = static_cast<size_t>(fc.n) * rbm.nv, nhn = static_cast<size_t>(fc.n) * rbm.nh;
  if (clamp)
    EBM_ASSERT(clamp->mask.size() == nvn && clamp->values.size() == nvn, "fantasy_step: clamp must be (n, nv)");
  if (sweeps <= 0) return;
  rbm_pack(rbm, fc.packed);  // the model may have changed since the last call
  for (int s = 0; s < sweeps; ++s) {
    rbm_hidden_probs(rbm, fc.packed, fc.v.data(), fc.n, fc.ph.data());
    sample_bernoulli(fc.ph.data(), fc.h.data(), nhn, rng);
    rbm_visible_probs(rbm, fc.packed, fc.h.data(), fc.n, fc.pv.data());
    sample_bernoulli(fc.pv.data(), fc.v.data(), nvn, rng);
    if (clamp) fantasy_apply_clamp(fc, *clamp);
    ++fc.sweeps;
  }
}

void mean_field_reconstruct(const Rbm& rbm, const float* v0, int n, int steps, float* out) {
  std::vector<float> ph(static_cast<size_t>(n) * rbm.nh);
  std::copy(v0, v0 + static_cast<size_t>(n) * rbm.nv, out);
  for (int s = 0; s < steps; ++s) {
    rbm_hidden_probs(rbm, out, n, ph.data());
    rbm_visible_probs(rbm, ph.data(), n, out);
  }
}

void gibbs_trace_start(GibbsTrace& tr, const Rbm& rbm, const float* v0, int capacity, Rng& rng) {
  EBM_ASSERT(capacity >= 0, "gibbs_trace_start: capacity >= 0");
  const size_t rows = static_cast<size_t>(capacity) + 1;
  tr.capacity = capacity;
  tr.steps = 0;
  tr.first = 0;
  tr.v.assign(rows * rbm.nv, 0.0f);
  tr.pv.assign(rows * rbm.nv, 0.0f);
  tr.h.assign(rows * rbm.nh, 0.0f);
  tr.ph.assign(rows * rbm.nh, 0.0f);
  std::copy(v0, v0 + rbm.nv, tr.v.begin());
  std::copy(v0, v0 + rbm.nv, tr.pv.begin());
  rbm_hidden_probs(rbm, tr.v.data(), 1, tr.ph.data());
  sample_bernoulli(tr.ph.data(), tr.h.data(), rbm.nh, rng);
}

bool gibbs_trace_step(GibbsTrace& tr, const Rbm& rbm, Rng& rng) {
  if (tr.steps >= tr.capacity) return false;
  const size_t t = static_cast<size_t>(tr.steps);
  float* pv = tr.pv.data() + (t + 1) * rbm.nv;
  float* v = tr.v.data() + (t + 1) * rbm.nv;
  float* ph = tr.ph.data() + (t + 1) * rbm.nh;
  float* h = tr.h.data() + (t + 1) * rbm.nh;
  rbm_visible_probs(rbm, tr.h.data() + t * rbm.nh, 1, pv);
  sample_bernoulli(pv, v, rbm.nv, rng);
  rbm_hidden_probs(rbm, v, 1, ph);
  sample_bernoulli(ph, h, rbm.nh, rng);
  ++tr.steps;
  return true;
}

void gibbs_trace_keep_last(GibbsTrace& tr, const Rbm& rbm, int rows) {
  EBM_ASSERT(rows >= 1, "gibbs_trace_keep_last: keep at least one row");
  const int have = tr.steps + 1;
  if (have <= rows) return;
  const size_t drop = static_cast<size_t>(have - rows);
  auto shift = [&](std::vector<float>& a, int width) {
    std::copy(a.begin() + static_cast<ptrdiff_t>(drop * width), a.begin() + static_cast<ptrdiff_t>(size_t(have) * width),
              a.begin());
  };
  shift(tr.v, rbm.nv);
  shift(tr.pv, rbm.nv);
  shift(tr.h, rbm.nh);
  shift(tr.ph, rbm.nh);
  tr.first += static_cast<int64_t>(drop);
  tr.steps = rows - 1;
}

GibbsTrace gibbs_trace(const Rbm& rbm, const float* v0, int k, Rng& rng) {
  GibbsTrace tr;
  gibbs_trace_start(tr, rbm, v0, k, rng);
  while (gibbs_trace_step(tr, rbm, rng)) {
  }
  return tr;
}

}  // namespace ebm
