// dbn.cpp: deep belief nets, greedy training, classification and generation (see dbn.hpp).
// [SECTION] The model
// [SECTION] Greedy layer-wise training
// [SECTION] Upward pass and classification
// [SECTION] Generation
#include "dbn.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "check.hpp"
#include "gemm.hpp"

namespace ebm {

// [SECTION] The model --------------------------------------------------------------------------

int dbn_input_size(const Dbn& dbn) {
  return dbn.layers.empty() ? dbn.top.nv - dbn.labels : dbn.layers.front().nv;
}

int dbn_pen_size(const Dbn& dbn) { return dbn.top.nv - dbn.labels; }

bool dbn_shapes_ok(const Dbn& dbn) {
  if (dbn.labels < 2 || dbn.labels > kDbnMaxLabels) return false;
  if (static_cast<int>(dbn.layers.size()) > kDbnMaxLayers) return false;
  if (!rbm_shapes_ok(dbn.top) || dbn.top.nv <= dbn.labels) return false;
  for (size_t k = 0; k < dbn.layers.size(); ++k) {
    if (!rbm_shapes_ok(dbn.layers[k])) return false;
    if (k > 0 && dbn.layers[k].nv != dbn.layers[k - 1].nh) return false;
  }
  if (!dbn.layers.empty() && dbn.layers.back().nh != dbn_pen_size(dbn)) return false;
  const int input = dbn_input_size(dbn);
  return (dbn.width == 0 && dbn.height == 0) || (dbn.width > 0 && dbn.width * dbn.height == input);
}

// [SECTION] Greedy layer-wise training -----------------------------------------------------------

const char* dbn_phase_name(DbnPhase phase) {
  switch (phase) {
    case DbnPhase::Training: return "training";
    case DbnPhase::Propagating: return "propagating";
    case DbnPhase::Done: return "done";
    case DbnPhase::Failed: return "failed";
  }
  return "?";
}

namespace {

int layer_count(const DbnTrainer& t) { return static_cast<int>(t.config.hidden.size()); }

// The top RBM's rows: [pen_r, one-hot(label_r)], (n, pen + labels).
std::vector<float> top_rows(std::span<const float> pen, int pen_units, std::span<const uint8_t> labels,
                            int classes) {
  const size_t n = labels.size(), width = static_cast<size_t>(pen_units) + classes;
  std::vector<float> rows(n * width, 0.0f);
  for (size_t r = 0; r < n; ++r) {
    std::copy(pen.begin() + r * pen_units, pen.begin() + (r + 1) * pen_units, rows.begin() + r * width);
    rows[r * width + pen_units + labels[r]] = 1.0f;
  }
  return rows;
}

// Starts stage `stage` on `rows` (n, nv): a fresh RBM initialized from the rows, its trainer.
void start_stage(DbnTrainer& t, Rng& rng, std::span<const float> rows, int nv) {
  const DbnConfig& c = t.config;
  const int L = layer_count(t);
  const bool top = t.stage == L;
  const int nh = top ? c.top_hidden : c.hidden[t.stage];
  const bool image = t.stage == 0 && !top && c.width > 0;
  Rbm rbm = rbm_make(nv, nh, image ? c.width : 0, image ? c.height : 0);
  rbm_init(rbm, rng, rows, c.init_sigma);
  RbmTrainConfig cfg = top ? c.top : c.layer;
  if (top) cfg.softmax_tail = c.labels;
  cfg.sample_data = t.stage == 0 ? c.sample_pixels : c.sample_hidden;
  auto made = rbm_trainer_make(std::move(rbm), rows, cfg);
  EBM_ASSERT(made.ok(), "configurations and data were validated by dbn_trainer_make");
  t.current = std::move(made.value());
  t.phase = DbnPhase::Training;
}

// Records the finished RBM; a stacked layer then propagates its inputs, the top ends training.
void finish_stage(DbnTrainer& t) {
  const RbmTrainer& cur = t.current;
  t.reports.push_back({.stage = t.stage, .nv = cur.rbm.nv, .nh = cur.rbm.nh, .epochs = cur.epoch,
                       .updates = cur.updates, .recon_error = cur.last_epoch_recon_error});
  if (t.stage < layer_count(t)) {
    t.dbn.layers.push_back(cur.rbm);
    t.next.assign(static_cast<size_t>(t.n) * cur.rbm.nh, 0.0f);
    t.prop_rows = 0;
    t.phase = DbnPhase::Propagating;
  } else {
    t.dbn.top = cur.rbm;
    t.stage = layer_count(t) + 1;
    t.phase = DbnPhase::Done;
  }
}

std::string cfg_error(const char* which, const std::string& msg) { return std::string(which) + ": " + msg; }

}  // namespace

Result<DbnTrainer> dbn_trainer_make(std::span<const float> data, std::span<const uint8_t> labels, int input,
                                    DbnConfig config, Rng& rng) {
  const DbnConfig& c = config;
  if (input < 1) return Error{"the input needs at least one unit"};
  if (c.labels < 2 || c.labels > kDbnMaxLabels)
    return Error{"labels must be in [2, " + std::to_string(kDbnMaxLabels) + "], got " + std::to_string(c.labels)};
  if (static_cast<int>(c.hidden.size()) > kDbnMaxLayers)
    return Error{"at most " + std::to_string(kDbnMaxLayers) + " stacked layers, got " + std::to_string(c.hidden.size())};
  for (int h : c.hidden)
    if (h < 1 || h > 16384) return Error{"every layer needs 1 to 16384 hidden units, got " + std::to_string(h)};
  if (c.top_hidden < 1 || c.top_hidden > 16384)
    return Error{"the top layer needs 1 to 16384 hidden units, got " + std::to_string(c.top_hidden)};
  if (!((c.width == 0 && c.height == 0) || (c.width > 0 && c.height > 0 && c.width * c.height == input)))
    return Error{"image shape " + std::to_string(c.width) + " x " + std::to_string(c.height) +
                 " does not match " + std::to_string(input) + " input units"};
  if (!(c.init_sigma >= 0.0f && std::isfinite(c.init_sigma))) return Error{"init sigma must be finite and >= 0"};
  if (c.layer.epochs < 1 && !c.hidden.empty()) return Error{"layer epochs must be >= 1"};
  if (c.top.epochs < 1) return Error{"top epochs must be >= 1"};
  if (data.empty() || data.size() % input != 0)
    return Error{"training data must be a non-empty (n, " + std::to_string(input) + ") array"};
  const int n = static_cast<int>(data.size() / input);
  if (static_cast<int>(labels.size()) != n)
    return Error{"there must be one label per row: " + std::to_string(labels.size()) + " labels for " +
                 std::to_string(n) + " rows"};
  for (uint8_t l : labels)
    if (l >= c.labels) return Error{"label " + std::to_string(l) + " is not below labels = " + std::to_string(c.labels)};
  // The two RBM configurations, checked on a dummy model so errors come now, not mid-training.
  {
    const std::vector<float> dummy(c.labels + 1, 0.0f);
    RbmTrainConfig top = c.top;
    top.softmax_tail = c.labels;
    if (auto r = rbm_trainer_make(rbm_make(c.labels + 1, 1), dummy, top); !r) return Error{cfg_error("top", r.error())};
    if (!c.hidden.empty())
      if (auto r = rbm_trainer_make(rbm_make(c.labels + 1, 1), dummy, c.layer); !r)
        return Error{cfg_error("layer", r.error())};
  }
  for (float v : data)
    if (!(v >= 0.0f && v <= 1.0f)) return Error{"training data must lie in [0, 1]"};

  DbnTrainer t;
  t.config = std::move(config);
  t.n = n;
  t.input_size = input;
  t.labels.assign(labels.begin(), labels.end());
  t.dbn.width = t.config.width;
  t.dbn.height = t.config.height;
  t.dbn.labels = t.config.labels;
  t.stage = 0;
  if (t.config.hidden.empty()) {
    const std::vector<float> rows = top_rows(data, input, t.labels, t.config.labels);
    start_stage(t, rng, rows, input + t.config.labels);
  } else {
    start_stage(t, rng, data, input);
  }
  return t;
}

bool dbn_train_finished(const DbnTrainer& t) { return t.phase == DbnPhase::Done || t.phase == DbnPhase::Failed; }

Status dbn_trainer_restore_good(DbnTrainer& t) {
  if (t.phase != DbnPhase::Failed) return Status::fail("no layer has diverged");
  if (Status s = rbm_trainer_restore_good(t.current); !s.ok()) return s;
  t.phase = DbnPhase::Training;
  t.status = Status::success();
  return Status::success();
}

int dbn_train_step(DbnTrainer& t, Rng& rng, int max_units) {
  int done = 0;
  while (done < max_units && !dbn_train_finished(t)) {
    if (t.phase == DbnPhase::Training) {
      done += rbm_train_step(t.current, rng, max_units - done);
      if (!t.current.status.ok()) {
        t.status = Status::fail("layer " + std::to_string(t.stage + 1) + ": " + t.current.status.message);
        t.phase = DbnPhase::Failed;
        break;
      }
      if (rbm_train_finished(t.current)) finish_stage(t);
      continue;
    }
    // Propagating: one minibatch of rows through the finished layer per unit.
    const Rbm& layer = t.dbn.layers.back();
    const int rows = std::min(t.current.config.batch_size, t.n - t.prop_rows);
    rbm_hidden_probs(layer, t.current.data.data() + static_cast<size_t>(t.prop_rows) * layer.nv, rows,
                     t.next.data() + static_cast<size_t>(t.prop_rows) * layer.nh);
    t.prop_rows += rows;
    ++done;
    if (t.prop_rows == t.n) {
      ++t.stage;
      if (t.stage < layer_count(t)) {
        start_stage(t, rng, t.next, layer.nh);
      } else {
        const std::vector<float> rows_top = top_rows(t.next, layer.nh, t.labels, t.config.labels);
        start_stage(t, rng, rows_top, layer.nh + t.config.labels);
      }
      t.next.clear();
      t.next.shrink_to_fit();
    }
  }
  return done;
}

float dbn_train_fraction(const DbnTrainer& t) {
  if (t.phase == DbnPhase::Done) return 1.0f;
  const int L = layer_count(t);
  const double total = double(L) * t.config.layer.epochs + t.config.top.epochs;
  double done = 0;
  for (const DbnStageReport& r : t.reports) done += r.epochs;
  if (t.phase == DbnPhase::Training) {
    const RbmTrainer& c = t.current;
    done += c.epoch + (c.batches_per_epoch > 0 ? double(c.batch) / c.batches_per_epoch : 0.0);
  }
  return static_cast<float>(std::clamp(done / total, 0.0, 1.0));
}

// [SECTION] Upward pass and classification ---------------------------------------------------

namespace {
constexpr int kChunk = 256;

float* grow(std::vector<float>& v, size_t n) {
  if (v.size() < n) v.resize(n);
  return v.data();
}

double softplus_d(double x) { return std::max(x, 0.0) + std::log1p(std::exp(-std::fabs(x))); }
}  // namespace

void dbn_up(const Dbn& dbn, const float* v, int n, int layers, float* out, DbnScratch& s) {
  EBM_ASSERT(layers >= 0 && layers <= static_cast<int>(dbn.layers.size()), "dbn_up: layers out of range");
  const int input = dbn_input_size(dbn);
  const int width = layers == 0 ? input : dbn.layers[layers - 1].nh;
  int widest = input;
  for (int k = 0; k < layers; ++k) widest = std::max(widest, dbn.layers[k].nh);
  for (int r0 = 0; r0 < n; r0 += kChunk) {
    const int m = std::min(kChunk, n - r0);
    const float* in = v + static_cast<size_t>(r0) * input;
    float* bufs[2] = {grow(s.a, static_cast<size_t>(m) * widest), grow(s.b, static_cast<size_t>(m) * widest)};
    for (int k = 0; k < layers; ++k) {
      rbm_hidden_probs(dbn.layers[k], in, m, bufs[k & 1]);
      in = bufs[k & 1];
    }
    std::copy(in, in + static_cast<size_t>(m) * width, out + static_cast<size_t>(r0) * width);
  }
}

void dbn_label_free_energies(const Dbn& dbn, const float* pen, int n, double* f, DbnScratch& s) {
  const Rbm& top = dbn.top;
  const int P = dbn_pen_size(dbn), L = dbn.labels, nh = top.nh;
  for (int r0 = 0; r0 < n; r0 += kChunk) {
    const int m = std::min(kChunk, n - r0);
    const float* pr = pen + static_cast<size_t>(r0) * P;
    // x = c + pen W_pen: the first P rows of W are the pen units' weights.
    float* x = grow(s.x, static_cast<size_t>(m) * nh);
    for (int r = 0; r < m; ++r) std::copy(top.c.begin(), top.c.end(), x + static_cast<size_t>(r) * nh);
    sgemm(false, false, m, nh, P, 1.0f, pr, P, top.w.data(), nh, 1.0f, x, nh);
    for (int r = 0; r < m; ++r) {
      double bv = 0;
      for (int i = 0; i < P; ++i) bv += double(top.b[i]) * pr[static_cast<size_t>(r) * P + i];
      const float* xr = x + static_cast<size_t>(r) * nh;
      for (int l = 0; l < L; ++l) {
        const float* wl = &top.w[static_cast<size_t>(P + l) * nh];
        double sp = 0;
        for (int j = 0; j < nh; ++j) sp += softplus_d(double(xr[j]) + wl[j]);
        f[static_cast<size_t>(r0 + r) * L + l] = -bv - top.b[P + l] - sp;
      }
    }
  }
}

void dbn_label_posterior(const Dbn& dbn, const float* pen, double* p, DbnScratch& s) {
  dbn_label_free_energies(dbn, pen, 1, p, s);
  const int L = dbn.labels;
  const double fmin = *std::min_element(p, p + L);
  double sum = 0;
  for (int l = 0; l < L; ++l) sum += (p[l] = std::exp(fmin - p[l]));
  for (int l = 0; l < L; ++l) p[l] /= sum;
}

void dbn_classify(const Dbn& dbn, const float* v, int n, int* out, DbnScratch& s) {
  const int input = dbn_input_size(dbn), P = dbn_pen_size(dbn), L = dbn.labels;
  std::vector<float> pen(static_cast<size_t>(kChunk) * P);
  std::vector<double> f(static_cast<size_t>(kChunk) * L);
  for (int r0 = 0; r0 < n; r0 += kChunk) {
    const int m = std::min(kChunk, n - r0);
    dbn_up(dbn, v + static_cast<size_t>(r0) * input, m, static_cast<int>(dbn.layers.size()), pen.data(), s);
    dbn_label_free_energies(dbn, pen.data(), m, f.data(), s);
    for (int r = 0; r < m; ++r) {
      const double* fr = &f[static_cast<size_t>(r) * L];
      out[r0 + r] = static_cast<int>(std::min_element(fr, fr + L) - fr);
    }
  }
}

double dbn_accuracy(const Dbn& dbn, const float* v, const uint8_t* labels, int n, DbnScratch& s) {
  if (n <= 0) return 0.0;
  std::vector<int> got(n);
  dbn_classify(dbn, v, n, got.data(), s);
  int ok = 0;
  for (int r = 0; r < n; ++r) ok += got[r] == labels[r];
  return double(ok) / n;
}

// [SECTION] Generation -------------------------------------------------------------------------

DbnChains dbn_chains_make(const Dbn& dbn, int n) {
  EBM_ASSERT(dbn_shapes_ok(dbn), "dbn_chains_make: inconsistent model");
  EBM_ASSERT(n >= 1, "dbn_chains_make: at least one chain");
  DbnChains c;
  c.n = n;
  const size_t nv = static_cast<size_t>(dbn.top.nv), nh = static_cast<size_t>(dbn.top.nh);
  c.clamp.assign(n, -1);
  c.v.assign(n * nv, 0.0f);
  c.pv.assign(n * nv, 0.0f);
  c.h.assign(n * nh, 0.0f);
  c.ph.assign(n * nh, 0.0f);
  c.pen.assign(static_cast<size_t>(n) * dbn_pen_size(dbn), 0.0f);
  c.down.resize(dbn.layers.size());
  for (size_t k = 0; k < dbn.layers.size(); ++k) c.down[k].assign(static_cast<size_t>(n) * dbn.layers[k].nv, 0.0f);
  rbm_pack(dbn.top, c.packed);
  return c;
}

namespace {
void set_label_units(DbnChains& c, const Dbn& dbn, int r, int label) {
  const int nv = dbn.top.nv, P = dbn_pen_size(dbn);
  float* lab = &c.v[static_cast<size_t>(r) * nv + P];
  for (int l = 0; l < dbn.labels; ++l) lab[l] = l == label ? 1.0f : 0.0f;
}
}  // namespace

void dbn_chains_start(DbnChains& c, const Dbn& dbn, Rng& rng, std::span<const int> clamp, DbnChainStart start) {
  EBM_ASSERT(static_cast<int>(clamp.size()) == c.n, "dbn_chains_start: one clamp entry per chain");
  const int nv = dbn.top.nv, P = dbn_pen_size(dbn);
  for (int r = 0; r < c.n; ++r) {
    EBM_ASSERT(clamp[r] >= -1 && clamp[r] < dbn.labels, "dbn_chains_start: label out of range");
    c.clamp[r] = clamp[r];
    float* vr = &c.v[static_cast<size_t>(r) * nv];
    for (int i = 0; i < P; ++i) {
      float p = 0.5f;
      if (start == DbnChainStart::Zero) p = 0.0f;
      if (start == DbnChainStart::BaseRate) p = 1.0f / (1.0f + std::exp(-dbn.top.b[i]));
      vr[i] = rng.uniform() < p ? 1.0f : 0.0f;
    }
    set_label_units(c, dbn, r, clamp[r] >= 0 ? clamp[r] : static_cast<int>(rng.below(dbn.labels)));
  }
  std::copy(c.v.begin(), c.v.end(), c.pv.begin());
  std::fill(c.h.begin(), c.h.end(), 0.0f);
  std::fill(c.ph.begin(), c.ph.end(), 0.0f);
  c.sweeps = 0;
}

void dbn_chains_set_label(DbnChains& c, const Dbn& dbn, int r, int label) {
  EBM_ASSERT(r >= 0 && r < c.n && label >= -1 && label < dbn.labels, "dbn_chains_set_label: out of range");
  c.clamp[r] = label;
  if (label >= 0) set_label_units(c, dbn, r, label);
}

void dbn_chains_step(DbnChains& c, const Dbn& dbn, Rng& rng, int sweeps) {
  const Rbm& top = dbn.top;
  const int nv = top.nv, nh = top.nh, L = dbn.labels;
  const size_t Nv = static_cast<size_t>(c.n) * nv, Nh = static_cast<size_t>(c.n) * nh;
  // The model may have changed since the last call (a scene trains and samples in turn).
  rbm_pack(top, c.packed);
  for (int s = 0; s < sweeps; ++s) {
    rbm_hidden_probs(top, c.packed, c.v.data(), c.n, c.ph.data());
    sample_bernoulli(c.ph.data(), c.h.data(), Nh, rng);
    rbm_visible_probs(top, c.packed, c.h.data(), c.n, c.pv.data());
    rbm_softmax_tail(top, c.h.data(), c.n, L, c.pv.data());
    sample_bernoulli(c.pv.data(), c.v.data(), Nv, rng);
    sample_softmax_tail(c.pv.data(), c.v.data(), c.n, nv, L, rng);
    for (int r = 0; r < c.n; ++r)
      if (c.clamp[r] >= 0) set_label_units(c, dbn, r, c.clamp[r]);
    ++c.sweeps;
  }
}

void dbn_chains_down(DbnChains& c, const Dbn& dbn, Rng& rng, bool sample) {
  const int nv = dbn.top.nv, P = dbn_pen_size(dbn);
  // Pen activity: the top's P(pen | h) after a sweep (its sample with `sample`), else the state.
  const std::vector<float>& src = (c.sweeps > 0 && !sample) ? c.pv : c.v;
  for (int r = 0; r < c.n; ++r)
    std::copy(src.begin() + static_cast<size_t>(r) * nv, src.begin() + static_cast<size_t>(r) * nv + P,
              c.pen.begin() + static_cast<size_t>(r) * P);
  const float* in = c.pen.data();
  for (int k = static_cast<int>(dbn.layers.size()) - 1; k >= 0; --k) {
    const Rbm& layer = dbn.layers[k];
    rbm_visible_probs(layer, in, c.n, c.down[k].data());
    if (sample && k > 0) sample_bernoulli(c.down[k].data(), c.down[k].data(), c.down[k].size(), rng);
    in = c.down[k].data();
  }
}

std::span<const float> dbn_chains_image(const DbnChains& c, const Dbn& dbn, int r) {
  const int input = dbn_input_size(dbn);
  const std::vector<float>& src = dbn.layers.empty() ? c.pen : c.down[0];
  return std::span<const float>(src.data() + static_cast<size_t>(r) * input, input);
}

int dbn_chains_label(const DbnChains& c, const Dbn& dbn, int r) {
  const float* lab = &c.v[static_cast<size_t>(r) * dbn.top.nv + dbn_pen_size(dbn)];
  return static_cast<int>(std::max_element(lab, lab + dbn.labels) - lab);
}

}  // namespace ebm
