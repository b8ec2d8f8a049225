// boltzmann.cpp: Boltzmann machines with hidden units (see boltzmann.hpp). Model, Gibbs
// sampling with annealing, exact enumeration, the two-phase learning rule as a resumable state
// machine, and the toy datasets. All state lives in the caller's structs; nothing global here.
#include "boltzmann.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "check.hpp"
#include "guard.hpp"

namespace ebm {

namespace {

std::string format(const char* fmt, double v) {
  char buf[160];
  std::snprintf(buf, sizeof buf, fmt, v);
  return buf;
}

// log(sum exp(x)) over x[0..n) without overflow; -inf for an empty or all -inf input.
double log_sum_exp(const double* x, size_t n, size_t stride = 1) {
  double m = -std::numeric_limits<double>::infinity();
  for (size_t k = 0; k < n; ++k) m = std::max(m, x[k * stride]);
  if (!std::isfinite(m)) return m;
  double s = 0;
  for (size_t k = 0; k < n; ++k) s += std::exp(x[k * stride] - m);
  return m + std::log(s);
}

void check_exact_size(const Boltzmann& bm) {
  EBM_ASSERT(bm_units(bm) <= kBmExactMaxUnits, "exact enumeration needs n <= kBmExactMaxUnits");
  EBM_ASSERT(static_cast<int>(bm.w.size()) == bm_units(bm) * bm_units(bm), "W must be (n, n)");
}

}  // namespace

// [SECTION] Model ----------------------------------------------------------------------------

bool bm_connected(const Boltzmann& bm, int i, int j) {
  if (i == j) return false;
  if (!bm.restricted) return true;
  return (i < bm.nv) != (j < bm.nv);  // restricted: only visible-hidden pairs
}

Result<Boltzmann> bm_make(int nv, int nh, bool restricted) {
  if (nv < 1 || nv > kBmMaxUnits - 1)
    return Error{"visible units must be in [1, " + std::to_string(kBmMaxUnits - 1) + "], got " +
                 std::to_string(nv)};
  if (nh < 0 || nh > kBmMaxUnits - nv)
    return Error{"hidden units must be in [0, " + std::to_string(kBmMaxUnits - nv) + "] with " +
                 std::to_string(nv) + " visible units, got " + std::to_string(nh)};
  Boltzmann bm;
  bm.nv = nv;
  bm.nh = nh;
  bm.restricted = restricted;
  const int n = nv + nh;
  bm.w.assign(static_cast<size_t>(n) * n, 0.0);
  bm.b.assign(n, 0.0);
  return bm;
}

void bm_init_random(Boltzmann& bm, Rng& rng, double sigma) {
  const int n = bm_units(bm);
  std::fill(bm.w.begin(), bm.w.end(), 0.0);
  std::fill(bm.b.begin(), bm.b.end(), 0.0);
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j)
      if (bm_connected(bm, i, j)) bm.w[i * n + j] = bm.w[j * n + i] = sigma * rng.normal();
}

double bm_energy(const Boltzmann& bm, std::span<const uint8_t> s) {
  const int n = bm_units(bm);
  EBM_ASSERT(static_cast<int>(s.size()) == n, "state must have n units");
  double e = 0;
  for (int i = 0; i < n; ++i) {
    if (!s[i]) continue;
    e -= bm.b[i];
    for (int j = i + 1; j < n; ++j)
      if (s[j]) e -= bm.w[i * n + j];
  }
  return e;
}

double bm_field(const Boltzmann& bm, std::span<const uint8_t> s, int i) {
  const int n = bm_units(bm);
  const double* wi = bm.w.data() + static_cast<size_t>(i) * n;
  double h = bm.b[i];
  for (int j = 0; j < n; ++j)
    if (s[j]) h += wi[j];  // w_ii = 0, so s_i itself adds nothing
  return h;
}

double bm_prob_on(double h, double temperature) {
  if (!(temperature > 0.0)) return h > 0.0 ? 1.0 : (h < 0.0 ? 0.0 : 0.5);
  // h / T overflows to +-inf for tiny T; beyond |x| = 40 the probability is 0 or 1 to 4e-18.
  const double x = h / temperature;
  if (x > 40.0) return 1.0;
  if (x < -40.0) return 0.0;
  if (!(x == x)) return 0.5;  // NaN from inf / inf: no preference
  return 1.0 / (1.0 + std::exp(-x));
}

// [SECTION] Gibbs sampling -------------------------------------------------------------------

void bm_chain_reset(const Boltzmann& bm, BmChain& chain, std::span<const uint8_t> s, bool clamped) {
  const int n = bm_units(bm);
  EBM_ASSERT(static_cast<int>(s.size()) == n, "state must have n units");
  if (s.data() != chain.s.data()) chain.s.assign(s.begin(), s.end());
  for (auto& v : chain.s) v = v ? 1 : 0;
  chain.clamped = clamped;
  chain.order.clear();
  for (int i = clamped ? bm.nv : 0; i < n; ++i) chain.order.push_back(i);
  chain.pos = static_cast<int>(chain.order.size());  // between sweeps: the next one shuffles
  chain.updates = 0;
  chain.sweeps = 0;
  chain.last_unit = -1;
  chain.last_prob = 0;
}

double bm_update_unit(const Boltzmann& bm, std::span<uint8_t> s, int i, double temperature, Rng& rng) {
  const double h = bm_field(bm, s, i);
  const double p = bm_prob_on(h, temperature);
  if (!(temperature > 0.0)) {
    if (h != 0.0) s[i] = h > 0.0 ? 1 : 0;  // tie keeps s_i, as Hopfield's run_async does
  } else {
    s[i] = rng.uniform_double() < p ? 1 : 0;
  }
  return p;
}

int64_t bm_gibbs(const Boltzmann& bm, BmChain& chain, Rng& rng, double temperature, int64_t max_updates) {
  const int m = static_cast<int>(chain.order.size());
  if (m == 0) return 0;
  int64_t done = 0;
  while (done < max_updates) {
    if (chain.pos >= m) {
      rng.shuffle(chain.order.data(), chain.order.size());
      chain.pos = 0;
    }
    const int i = chain.order[chain.pos++];
    chain.last_prob = bm_update_unit(bm, chain.s, i, temperature, rng);
    chain.last_unit = i;
    ++chain.updates;
    ++done;
    if (chain.pos == m) ++chain.sweeps;
  }
  return done;
}

void bm_gibbs_sweeps(const Boltzmann& bm, BmChain& chain, Rng& rng, double temperature, int64_t sweeps) {
  const int m = static_cast<int>(chain.order.size());
  if (m == 0 || sweeps <= 0) return;
  const int64_t partial = chain.pos < m ? m - chain.pos : 0;
  bm_gibbs(bm, chain, rng, temperature, partial + sweeps * m);
}

// [SECTION] Exact quantities by enumeration --------------------------------------------------

std::vector<double> bm_all_energies(const Boltzmann& bm) {
  check_exact_size(bm);
  const int n = bm_units(bm);
  const uint32_t count = 1u << n;
  std::vector<double> e(count);
  // Gray code: state g(k) = k ^ (k >> 1) differs from g(k - 1) in bit ctz(k). With the fields
  // h_j = b_j + sum_l w_jl s_l kept current, turning unit i on changes E by -h_i, off by +h_i.
  std::vector<double> h(bm.b.begin(), bm.b.end());
  std::vector<uint8_t> s(n, 0);
  double energy = 0;
  e[0] = 0;
  for (uint32_t k = 1; k < count; ++k) {
    int i = 0;
    while (!((k >> i) & 1u)) ++i;
    const double d = s[i] ? -1.0 : 1.0;
    energy -= d * h[i];
    s[i] = s[i] ? 0 : 1;
    const double* wi = bm.w.data() + static_cast<size_t>(i) * n;
    for (int j = 0; j < n; ++j) h[j] += d * wi[j];
    e[k ^ (k >> 1)] = energy;
  }
  return e;
}

BmExact bm_exact(const Boltzmann& bm) {
  const int n = bm_units(bm), nv = bm.nv;
  std::vector<double> neg = bm_all_energies(bm);
  for (double& v : neg) v = -v;
  BmExact out;
  out.log_z = log_sum_exp(neg.data(), neg.size());
  const uint32_t nvs = 1u << nv, nhs = 1u << bm.nh;
  out.log_pv.resize(nvs);
  for (uint32_t v = 0; v < nvs; ++v) out.log_pv[v] = log_sum_exp(neg.data() + v, nhs, nvs) - out.log_z;
  out.free_stats.assign(static_cast<size_t>(n) * n, 0.0);
  int on[kBmExactMaxUnits];
  for (uint32_t s = 0; s < neg.size(); ++s) {
    const double p = std::exp(neg[s] - out.log_z);
    if (p == 0.0) continue;
    int k = 0;
    for (int i = 0; i < n; ++i)
      if ((s >> i) & 1u) on[k++] = i;
    for (int a = 0; a < k; ++a)
      for (int c = a; c < k; ++c) out.free_stats[on[a] * n + on[c]] += p;
  }
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j) out.free_stats[j * n + i] = out.free_stats[i * n + j];
  return out;
}

double bm_log_z(const Boltzmann& bm) {
  std::vector<double> neg = bm_all_energies(bm);
  for (double& v : neg) v = -v;
  return log_sum_exp(neg.data(), neg.size());
}

std::vector<double> bm_exact_clamped_stats(const Boltzmann& bm, std::span<const uint8_t> data, int rows) {
  const int n = bm_units(bm), nv = bm.nv;
  EBM_ASSERT(rows >= 1 && static_cast<int64_t>(data.size()) == static_cast<int64_t>(rows) * nv,
             "data must be (rows, nv)");
  const std::vector<double> e = bm_all_energies(bm);
  const uint32_t nhs = 1u << bm.nh;
  std::vector<double> stats(static_cast<size_t>(n) * n, 0.0), neg(nhs);
  for (int r = 0; r < rows; ++r) {
    uint32_t v = 0;
    for (int i = 0; i < nv; ++i) v |= (data[r * nv + i] ? 1u : 0u) << i;
    for (uint32_t hh = 0; hh < nhs; ++hh) neg[hh] = -e[v | (hh << nv)];
    const double lz = log_sum_exp(neg.data(), nhs);
    for (uint32_t hh = 0; hh < nhs; ++hh) {
      const double p = std::exp(neg[hh] - lz) / rows;
      const uint32_t s = v | (hh << nv);
      for (int i = 0; i < n; ++i) {
        if (!((s >> i) & 1u)) continue;
        for (int j = i; j < n; ++j)
          if ((s >> j) & 1u) stats[i * n + j] += p;
      }
    }
  }
  for (int i = 0; i < n; ++i)
    for (int j = i + 1; j < n; ++j) stats[j * n + i] = stats[i * n + j];
  return stats;
}

std::vector<double> bm_data_distribution(std::span<const uint8_t> data, int rows, int nv) {
  EBM_ASSERT(nv >= 1 && nv <= kBmExactMaxUnits, "visible vectors must be enumerable");
  EBM_ASSERT(rows >= 1 && static_cast<int64_t>(data.size()) == static_cast<int64_t>(rows) * nv,
             "data must be (rows, nv)");
  std::vector<double> p(1u << nv, 0.0);
  for (int r = 0; r < rows; ++r) {
    uint32_t v = 0;
    for (int i = 0; i < nv; ++i) v |= (data[r * nv + i] ? 1u : 0u) << i;
    p[v] += 1.0 / rows;
  }
  return p;
}

double bm_kl(const BmExact& exact, std::span<const double> p_data) {
  EBM_ASSERT(p_data.size() == exact.log_pv.size(), "data distribution must cover 2^nv vectors");
  double kl = 0;
  for (size_t v = 0; v < p_data.size(); ++v)
    if (p_data[v] > 0) kl += p_data[v] * (std::log(p_data[v]) - exact.log_pv[v]);
  return std::max(kl, 0.0);  // rounding can leave -1e-16 when the fit is perfect
}

double bm_mean_log_likelihood(const BmExact& exact, std::span<const uint8_t> data, int rows, int nv) {
  EBM_ASSERT(exact.log_pv.size() == (1u << nv), "exact enumeration of another nv");
  EBM_ASSERT(rows >= 1 && static_cast<int64_t>(data.size()) == static_cast<int64_t>(rows) * nv,
             "data must be (rows, nv)");
  double sum = 0;
  for (int r = 0; r < rows; ++r) {
    uint32_t v = 0;
    for (int i = 0; i < nv; ++i) v |= (data[r * nv + i] ? 1u : 0u) << i;
    sum += exact.log_pv[v];
  }
  return sum / rows;
}

// [SECTION] Learning: the two-phase rule -----------------------------------------------------

const char* bm_phase_name(BmPhase phase) { return phase == BmPhase::Clamped ? "clamped" : "free"; }

std::string bm_config_error(const BmTrainConfig& c) {
  if (!(c.learning_rate > 0.0 && c.learning_rate <= 100.0))
    return format("learning rate must be in (0, 100], got %g", c.learning_rate);
  if (!(c.anneal.t_start >= 0.0f && c.anneal.t_start <= 1000.0f))
    return format("annealing start temperature must be in [0, 1000], got %g", c.anneal.t_start);
  if (!(c.anneal.t_end >= 0.0f && c.anneal.t_end <= 1000.0f))
    return format("final temperature must be in [0, 1000], got %g", c.anneal.t_end);
  if (c.anneal.steps < 0 || c.anneal.steps > 100000)
    return format("annealing sweeps must be in [0, 100000], got %g", static_cast<double>(c.anneal.steps));
  if (c.stat_sweeps < 1 || c.stat_sweeps > 100000)
    return format("statistics sweeps must be in [1, 100000], got %g", c.stat_sweeps);
  if (c.free_runs < 0 || c.free_runs > 10000)
    return format("free-phase runs must be in [0, 10000], got %g", c.free_runs);
  if (!(c.weight_decay >= 0.0 && c.weight_decay < 1.0))
    return format("weight decay must be in [0, 1), got %g", c.weight_decay);
  if (!(c.weight_limit > 0.0 && std::isfinite(c.weight_limit)))
    return format("weight limit must be positive and finite, got %g", c.weight_limit);
  return "";
}

double bm_collect_temperature(const BmTrainConfig& config) {
  return schedule_temperature(config.anneal, std::max<int64_t>(config.anneal.steps, 0));
}

int64_t bm_run_sweeps(const BmTrainConfig& config) {
  return std::max<int64_t>(config.anneal.steps, 0) + config.stat_sweeps;
}

int bm_free_runs(const BmTrainer& t) { return t.config.free_runs > 0 ? t.config.free_runs : t.rows; }

Result<BmTrainer> bm_trainer_make(Boltzmann bm, std::span<const uint8_t> data, int rows,
                                  const BmTrainConfig& config) {
  const int n = bm_units(bm);
  EBM_ASSERT(bm.nv >= 1 && n <= kBmMaxUnits && static_cast<int>(bm.w.size()) == n * n &&
                 static_cast<int>(bm.b.size()) == n,
             "a Boltzmann machine from bm_make");
  if (std::string e = bm_config_error(config); !e.empty()) return Error{e};
  if (rows < 1) return Error{"the training set is empty"};
  if (static_cast<int64_t>(data.size()) != static_cast<int64_t>(rows) * bm.nv)
    return Error{"training rows must have " + std::to_string(bm.nv) + " values each"};
  for (uint8_t v : data)
    if (v > 1) return Error{"training values must be 0 or 1, got " + std::to_string(v)};
  BmTrainer t;
  t.bm = std::move(bm);
  t.config = config;
  t.rows = rows;
  t.data.assign(data.begin(), data.end());
  t.sum_clamped.assign(static_cast<size_t>(n) * n, 0.0);
  t.sum_free.assign(static_cast<size_t>(n) * n, 0.0);
  t.last_clamped.assign(static_cast<size_t>(n) * n, 0.0);
  t.last_free.assign(static_cast<size_t>(n) * n, 0.0);
  t.chain.s.assign(n, 0);
  t.chain.order.reserve(n);
  t.temperature = schedule_temperature(config.anneal, 0);
  bm_trainer_checkpoint(t);
  return t;
}

Status bm_trainer_set_config(BmTrainer& trainer, const BmTrainConfig& config) {
  if (std::string e = bm_config_error(config); !e.empty()) return Status::fail(e);
  trainer.config = config;
  // A run counter past the new number of free runs ends the phase at the next run boundary.
  return Status::success();
}

namespace {

// Starts the run `t.run` of the current phase: every unit at random (rng.next() bits), then
// the visibles clamped to the data row in the clamped phase.
void begin_run(BmTrainer& t, Rng& rng) {
  const int n = bm_units(t.bm), nv = t.bm.nv;
  BmChain& c = t.chain;
  c.s.resize(n);
  for (int i = 0; i < n; ++i) c.s[i] = static_cast<uint8_t>(rng.next() >> 63);
  const bool clamped = t.phase == BmPhase::Clamped;
  if (clamped)
    for (int i = 0; i < nv; ++i) c.s[i] = t.data[static_cast<size_t>(t.run) * nv + i];
  bm_chain_reset(t.bm, c, c.s, clamped);
  t.run_sweep = 0;
  t.run_active = true;
}

// Adds s s^T of the chain (upper triangle, diagonal = s_i) to the phase's sums.
void collect(BmTrainer& t) {
  const int n = bm_units(t.bm);
  std::vector<double>& sum = t.phase == BmPhase::Clamped ? t.sum_clamped : t.sum_free;
  const uint8_t* s = t.chain.s.data();
  for (int i = 0; i < n; ++i) {
    if (!s[i]) continue;
    double* row = sum.data() + static_cast<size_t>(i) * n;
    for (int j = i; j < n; ++j) row[j] += s[j];
  }
  ++(t.phase == BmPhase::Clamped ? t.samples_clamped : t.samples_free);
}

// The learning rule from the two phases' statistics; keeps the old weights and stops training
// when the new ones would exceed the guard (a diverging learning rate), so no inf/NaN is kept.
void apply_update(BmTrainer& t) {
  if (t.weight_updates % kBmCheckpointEvery == 0) bm_trainer_checkpoint(t);
  const int n = bm_units(t.bm);
  const double lr = t.config.learning_rate, decay = t.config.weight_decay;
  const double nc = static_cast<double>(std::max<int64_t>(t.samples_clamped, 1));
  const double nf = static_cast<double>(std::max<int64_t>(t.samples_free, 1));
  for (int i = 0; i < n; ++i)
    for (int j = i; j < n; ++j) {
      t.last_clamped[i * n + j] = t.last_clamped[j * n + i] = t.sum_clamped[i * n + j] / nc;
      t.last_free[i * n + j] = t.last_free[j * n + i] = t.sum_free[i * n + j] / nf;
    }
  double max_change = 0;
  Boltzmann next = t.bm;
  for (int i = 0; i < n; ++i) {
    const double db = lr * (t.last_clamped[i * n + i] - t.last_free[i * n + i]);
    next.b[i] += db;
    max_change = std::max(max_change, std::fabs(db));
    for (int j = i + 1; j < n; ++j) {
      if (!bm_connected(t.bm, i, j)) continue;
      const double w = t.bm.w[i * n + j];
      const double dw = lr * (t.last_clamped[i * n + j] - t.last_free[i * n + j]) - lr * decay * w;
      next.w[i * n + j] = next.w[j * n + i] = w + dw;
      max_change = std::max(max_change, std::fabs(dw));
    }
  }
  std::fill(t.sum_clamped.begin(), t.sum_clamped.end(), 0.0);
  std::fill(t.sum_free.begin(), t.sum_free.end(), 0.0);
  t.samples_clamped = t.samples_free = 0;
  t.last_max_change = max_change;
  const ParamHealth health = merge(param_health(std::span<const double>(next.w)), param_health(std::span<const double>(next.b)));
  if (!health.ok(t.config.weight_limit)) {
    t.status = Status::fail("training stopped: the update would make the weights " +
                            param_health_problem(health, t.config.weight_limit) +
                            "; the learning rate is too large for this problem. The model keeps its last finite "
                            "weights; restore the last good ones and lower the learning rate.");
    return;
  }
  t.bm = std::move(next);
  ++t.weight_updates;
}

// The run is over: next run, next phase, or (after the free phase) the weight update.
void end_run(BmTrainer& t) {
  t.run_active = false;
  ++t.run;
  if (t.phase == BmPhase::Clamped && t.run >= t.rows) {
    t.phase = BmPhase::Free;
    t.run = 0;
  } else if (t.phase == BmPhase::Free && t.run >= bm_free_runs(t)) {
    apply_update(t);
    t.phase = BmPhase::Clamped;
    t.run = 0;
  }
}

}  // namespace

namespace {

// bm_train_step, also stopping once weight_updates reaches stop_at (bm_train_updates).
int64_t train(BmTrainer& t, Rng& rng, int64_t max_updates, int64_t stop_at) {
  int64_t done = 0;
  while (done < max_updates && t.status.ok() && t.weight_updates < stop_at) {
    if (!t.run_active) begin_run(t, rng);
    BmChain& c = t.chain;
    const int m = static_cast<int>(c.order.size());
    const int64_t anneal_steps = std::max<int64_t>(t.config.anneal.steps, 0);
    if (c.sweeps == t.run_sweep) {  // sweep run_sweep is not complete yet
      t.temperature = schedule_temperature(t.config.anneal, std::min(t.run_sweep, anneal_steps));
      if (m == 0) {
        ++c.sweeps;  // clamped with nh = 0: nothing to sample, the sweep is trivially done
      } else {
        const int64_t left = c.pos < m ? m - c.pos : m;
        const int64_t made = bm_gibbs(t.bm, c, rng, t.temperature, std::min(max_updates - done, left));
        done += made;
        t.updates += made;
        if (c.sweeps == t.run_sweep) break;  // budget spent mid-sweep
      }
    }
    ++t.sweeps;
    if (t.run_sweep >= anneal_steps) collect(t);
    ++t.run_sweep;
    if (t.run_sweep >= bm_run_sweeps(t.config)) end_run(t);
    // From here on `temperature` is the next sweep's (a new run starts at sweep 0).
    t.temperature = schedule_temperature(t.config.anneal, t.run_active ? std::min(t.run_sweep, anneal_steps) : 0);
  }
  return done;
}

}  // namespace

int64_t bm_train_step(BmTrainer& t, Rng& rng, int64_t max_updates) {
  return train(t, rng, max_updates, std::numeric_limits<int64_t>::max());
}

int64_t bm_train_updates(BmTrainer& t, Rng& rng, int64_t count) {
  return train(t, rng, std::numeric_limits<int64_t>::max(), t.weight_updates + count);
}

// [SECTION] Toy datasets ---------------------------------------------------------------------

const char* bm_dataset_id(BmDataset d) {
  const int i = static_cast<int>(d);
  return i >= 0 && i < kBmDatasetCount ? kBmDatasetNames[i] : "?";
}

const char* bm_dataset_label(BmDataset d) {
  const int i = static_cast<int>(d);
  return i >= 0 && i < kBmDatasetCount ? kBmDatasetLabels[i] : "?";
}

int bm_dataset_nv(BmDataset d) {
  switch (d) {
    case BmDataset::People3: return 3;
    case BmDataset::Encoder424: return 8;
    default: return 4;
  }
}

std::vector<uint8_t> bm_dataset_rows(BmDataset d) {
  switch (d) {
    case BmDataset::Bars2x2:  // 2x2 images row-major: top, bottom, left, right bar
      return {1, 1, 0, 0, 0, 0, 1, 1, 1, 0, 1, 0, 0, 1, 0, 1};
    case BmDataset::Parity4: {
      std::vector<uint8_t> r;
      for (int v = 0; v < 16; ++v) {
        const int bits[4] = {v & 1, (v >> 1) & 1, (v >> 2) & 1, (v >> 3) & 1};
        if ((bits[0] + bits[1] + bits[2] + bits[3]) % 2 == 0)
          for (int b : bits) r.push_back(static_cast<uint8_t>(b));
      }
      return r;
    }
    case BmDataset::OneHot4:
      return {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
    case BmDataset::People3:
      return {1, 0, 1, 0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 0, 1, 0, 1};
    case BmDataset::Encoder424: {
      std::vector<uint8_t> r;
      for (int k = 0; k < 4; ++k)
        for (int half = 0; half < 2; ++half)
          for (int i = 0; i < 4; ++i) r.push_back(i == k ? 1 : 0);
      return r;
    }
  }
  return {};
}

}  // namespace ebm
