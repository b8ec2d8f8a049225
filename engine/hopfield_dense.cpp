// hopfield_dense.cpp: dense associative memory and the modern Hopfield update (see
// hopfield_dense.hpp).
// [SECTION] Options and construction
// [SECTION] Energy and the exact update
// [SECTION] Stepping and recall
// [SECTION] Continuous modern Hopfield network
#include "hopfield_dense.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "check.hpp"
#include "patterns.hpp"

namespace ebm {

// [SECTION] Options and construction -----------------------------------------------------------

Status dense_validate(const DenseOptions& o) {
  if (o.kind == DenseKind::Polynomial) {
    if (o.degree < 2 || o.degree > kDenseMaxDegree)
      return Status::fail("degree must be in [2, " + std::to_string(kDenseMaxDegree) + "], got " +
                          std::to_string(o.degree));
  } else if (!(o.beta > 0.0f && o.beta <= 100.0f)) {
    return Status::fail("beta must be in (0, 100], got " + std::to_string(o.beta));
  }
  return Status::success();
}

std::string dense_name(const DenseOptions& o) {
  return o.kind == DenseKind::Exponential ? std::string("exp") : "dense-" + std::to_string(o.degree);
}

namespace {

// x^k for an integer base and small exponent, exact in int64 while the result fits (checked
// by the caller).
int64_t ipow(int64_t x, int k) {
  int64_t r = 1;
  for (int i = 0; i < k; ++i) r *= x;
  return r;
}

}  // namespace

Result<DenseMemory> dense_make(std::span<const Pattern> patterns, const DenseOptions& options) {
  if (Status st = dense_validate(options); !st.ok()) return Error{st.message};
  if (patterns.empty()) return Error{"a dense memory needs at least one pattern"};
  const int n = static_cast<int>(patterns[0].size());
  if (n < 1 || n > 4096) return Error{"units must be in [1, 4096], got " + std::to_string(n)};
  const int p = static_cast<int>(patterns.size());
  if (static_cast<int64_t>(p) * n > (int64_t(1) << 26))
    return Error{"too many memories: P N must be at most 2^26"};
  for (const Pattern& x : patterns) {
    if (static_cast<int>(x.size()) != n) return Error{"all patterns must have the same size"};
    for (int8_t v : x)
      if (v != 1 && v != -1) return Error{"pattern values must be -1 or +1"};
  }
  DenseMemory mem;
  mem.n = n;
  mem.p = p;
  mem.options = options;
  mem.xt.resize(static_cast<size_t>(n) * p);
  for (int mu = 0; mu < p; ++mu)
    for (int i = 0; i < n; ++i) mem.xt[static_cast<size_t>(i) * p + mu] = patterns[mu][i];

  const double dn = n;
  mem.f.resize(2 * n + 1);
  mem.gain.resize(2 * n + 1);
  if (options.kind == DenseKind::Polynomial) {
    const int deg = options.degree;
    for (int x = -n; x <= n; ++x) mem.f[x + n] = dn / deg * std::pow(x / dn, deg);
    // Exact integers when N^n P < 2^53 (|G(a)| < N^n for |a| <= N - 1, so every partial sum
    // of P terms is an exactly representable integer).
    const double bits = deg * std::log2(dn) + std::log2(static_cast<double>(p));
    mem.exact = bits < 52.0;
    for (int a = -n; a <= n; ++a) {
      if (mem.exact && a > -n && a < n)
        mem.gain[a + n] = static_cast<double>(ipow(a + 1, deg) - ipow(a - 1, deg));
      else  // rescaled overlaps: |(a +- 1)/N| <= 1 + 1/N, so no power overflows
        mem.gain[a + n] = std::pow((a + 1) / dn, deg) - std::pow((a - 1) / dn, deg);
    }
  } else {
    const double beta = options.beta;
    // exp(beta (x - N)) <= 1; exp of a very negative argument underflows to 0, never NaN.
    for (int x = -n; x <= n; ++x) mem.f[x + n] = std::exp(beta * (x - dn));
    for (int d = -2 * n; d <= 0; ++d) mem.gain[d + 2 * n] = std::exp(beta * d);
  }
  return mem;
}

// [SECTION] Energy and the exact update --------------------------------------------------------

double dense_energy(const DenseMemory& mem, std::span<const int8_t> s) {
  const int n = mem.n, p = mem.p;
  EBM_ASSERT(static_cast<int>(s.size()) == n, "state size must equal the number of units");
  std::vector<int32_t> m(p, 0);
  for (int i = 0; i < n; ++i) {
    const int8_t* col = &mem.xt[static_cast<size_t>(i) * p];
    for (int mu = 0; mu < p; ++mu) m[mu] += col[mu] * s[i];
  }
  double e = 0;
  for (int mu = 0; mu < p; ++mu) e -= mem.f[m[mu] + n];
  return e;
}

namespace {
double energy_from_overlaps(const DenseMemory& mem, const std::vector<int32_t>& m) {
  double e = 0;
  for (int mu = 0; mu < mem.p; ++mu) e -= mem.f[m[mu] + mem.n];
  return e;
}
}  // namespace

void dense_run_reset(const DenseMemory& mem, DenseRun& run, std::span<const int8_t> s) {
  const int n = mem.n, p = mem.p;
  EBM_ASSERT(static_cast<int>(s.size()) == n, "state size must equal the number of units");
  run.s.assign(s.begin(), s.end());
  run.m.assign(p, 0);
  for (int i = 0; i < n; ++i) {
    const int8_t* col = &mem.xt[static_cast<size_t>(i) * p];
    const int si = run.s[i];
    for (int mu = 0; mu < p; ++mu) run.m[mu] += col[mu] * si;
  }
  run.energy = energy_from_overlaps(mem, run.m);
  run.order.resize(n);
  std::iota(run.order.begin(), run.order.end(), 0);
  run.pos = n;  // forces a fresh permutation on the first update, as run_reset does
  run.updates = run.flips = run.quiet = 0;
  run.last_unit = -1;
  run.last_flipped = false;
}

double dense_flip_delta(const DenseMemory& mem, const DenseRun& run, int i) {
  const int n = mem.n, p = mem.p;
  const int8_t* col = &mem.xt[static_cast<size_t>(i) * p];
  const int two_si = 2 * run.s[i];
  double d = 0;
  for (int mu = 0; mu < p; ++mu) {
    const int m = run.m[mu];
    d -= mem.f[m - two_si * col[mu] + n] - mem.f[m + n];
  }
  return d;
}

bool dense_wants_flip(const DenseMemory& mem, const DenseRun& run, int i) {
  const int n = mem.n, p = mem.p;
  const int8_t* col = &mem.xt[static_cast<size_t>(i) * p];
  const int si = run.s[i];
  const int32_t* m = run.m.data();
  const double* g = mem.gain.data();
  double sum = 0;
  if (mem.options.kind == DenseKind::Polynomial) {
    // a_mu = m_mu - xi_mu_i s_i; the energy prefers s_i = sign(sum_mu xi_mu_i G(a_mu)).
    for (int mu = 0; mu < p; ++mu) sum += col[mu] * g[m[mu] - col[mu] * si + n];
  } else {
    // sum_mu xi_mu_i exp(beta a_mu) scaled by exp(-beta max a): the largest term is 1, so the
    // sum cannot overflow, and it has the sign of the energy difference.
    int amax = -n;
    for (int mu = 0; mu < p; ++mu) amax = std::max(amax, m[mu] - col[mu] * si);
    for (int mu = 0; mu < p; ++mu) sum += col[mu] * g[m[mu] - col[mu] * si - amax + 2 * n];
  }
  // Tie (sum == 0) keeps s_i, so the energy never rises and no unit is ever 0.
  return si * sum < 0.0;
}

namespace {
void record_update(const DenseMemory& mem, DenseRun& run, int i, bool flip) {
  if (flip) {
    const int p = mem.p;
    run.s[i] = static_cast<int8_t>(-run.s[i]);
    const int8_t* col = &mem.xt[static_cast<size_t>(i) * p];
    const int delta = 2 * run.s[i];
    for (int mu = 0; mu < p; ++mu) run.m[mu] += delta * col[mu];
    run.energy = energy_from_overlaps(mem, run.m);
    ++run.flips;
    run.quiet = 0;
  } else {
    ++run.quiet;
  }
  run.last_unit = i;
  run.last_flipped = flip;
  ++run.updates;
}
}  // namespace

// [SECTION] Stepping and recall ----------------------------------------------------------------

int64_t dense_step(const DenseMemory& mem, DenseRun& run, Rng& rng, int64_t max_updates) {
  const int n = mem.n;
  EBM_ASSERT(static_cast<int>(run.s.size()) == n && static_cast<int>(run.m.size()) == mem.p,
             "dense_step: run was not reset for this memory");
  int64_t done = 0;
  while (done < max_updates && !dense_run_converged(mem, run)) {
    if (run.pos >= n) {
      rng.shuffle(run.order.data(), run.order.size());
      run.pos = 0;
    }
    const int i = run.order[run.pos++];
    record_update(mem, run, i, dense_wants_flip(mem, run, i));
    ++done;
  }
  return done;
}

void dense_overlaps(const DenseMemory& mem, const DenseRun& run, std::span<float> out) {
  EBM_ASSERT(static_cast<int>(out.size()) == mem.p, "dense_overlaps: out needs P values");
  for (int mu = 0; mu < mem.p; ++mu) out[mu] = static_cast<float>(run.m[mu]) / static_cast<float>(mem.n);
}

Pattern dense_memory_pattern(const DenseMemory& mem, int mu) {
  EBM_ASSERT(mu >= 0 && mu < mem.p, "dense_memory_pattern: index out of range");
  Pattern x(mem.n);
  for (int i = 0; i < mem.n; ++i) x[i] = mem.xt[static_cast<size_t>(i) * mem.p + mu];
  return x;
}

DenseRecall dense_recall_noisy(const DenseMemory& mem, int index, Rng& rng, float noise,
                               float threshold, int max_sweeps, DenseRun& run) {
  const Pattern target = dense_memory_pattern(mem, index);
  const int k = static_cast<int>(std::lround(noise * static_cast<float>(mem.n)));
  const Pattern start = corrupt_count(target, std::clamp(k, 0, mem.n), rng);
  dense_run_reset(mem, run, start);
  DenseRecall r;
  r.updates = dense_step(mem, run, rng, static_cast<int64_t>(max_sweeps) * mem.n);
  r.converged = dense_run_converged(mem, run);
  r.overlap = static_cast<float>(run.m[index]) / static_cast<float>(mem.n);
  r.success = r.overlap >= threshold;
  return r;
}

// [SECTION] Continuous modern Hopfield network -------------------------------------------------

namespace {
void finish_modern(ModernHopfield& mem) {
  mem.max_norm = 0;
  for (int mu = 0; mu < mem.p; ++mu) {
    double s = 0;
    const float* x = &mem.x[static_cast<size_t>(mu) * mem.n];
    for (int i = 0; i < mem.n; ++i) s += double(x[i]) * x[i];
    mem.max_norm = std::max(mem.max_norm, static_cast<float>(std::sqrt(s)));
  }
}
}  // namespace

ModernHopfield modern_make(std::span<const Pattern> patterns) {
  EBM_ASSERT(!patterns.empty() && !patterns[0].empty(), "modern_make: needs patterns of size >= 1");
  ModernHopfield mem;
  mem.n = static_cast<int>(patterns[0].size());
  mem.p = static_cast<int>(patterns.size());
  mem.x.reserve(static_cast<size_t>(mem.n) * mem.p);
  for (const Pattern& x : patterns) {
    EBM_ASSERT(static_cast<int>(x.size()) == mem.n, "modern_make: all patterns must have one size");
    for (int8_t v : x) mem.x.push_back(static_cast<float>(v));
  }
  finish_modern(mem);
  return mem;
}

ModernHopfield modern_make(std::span<const float> rows, int n) {
  EBM_ASSERT(n >= 1 && rows.size() % n == 0, "modern_make: rows must be (P, n)");
  ModernHopfield mem;
  mem.n = n;
  mem.p = static_cast<int>(rows.size() / n);
  mem.x.assign(rows.begin(), rows.end());
  for (float v : mem.x) EBM_ASSERT(std::isfinite(v), "modern_make: memories must be finite");
  finish_modern(mem);
  return mem;
}

namespace {
// z_mu = x_mu . xi in double (one memory per row).
double dot_row(const ModernHopfield& mem, int mu, std::span<const float> xi) {
  const float* x = &mem.x[static_cast<size_t>(mu) * mem.n];
  double s = 0;
  for (int i = 0; i < mem.n; ++i) s += double(x[i]) * xi[i];
  return s;
}
}  // namespace

void modern_update(const ModernHopfield& mem, float beta, std::span<const float> xi,
                   std::span<float> out, std::span<float> weights) {
  const int n = mem.n, p = mem.p;
  EBM_ASSERT(static_cast<int>(xi.size()) == n && static_cast<int>(out.size()) == n,
             "modern_update: xi and out need N values");
  EBM_ASSERT(static_cast<int>(weights.size()) == p, "modern_update: weights need P values");
  EBM_ASSERT(std::isfinite(beta) && beta >= 0.0f, "modern_update: beta must be finite and >= 0");
  // Logits into weights first: out may alias xi, which is read only here.
  double zmax = -INFINITY;
  for (int mu = 0; mu < p; ++mu) {
    const double z = double(beta) * dot_row(mem, mu, xi);
    weights[mu] = static_cast<float>(z);
    zmax = std::max(zmax, z);
  }
  double sum = 0;
  for (int mu = 0; mu < p; ++mu) {
    // Subtracting the largest logit keeps every exp in (0, 1]: no overflow at any beta.
    const double e = std::exp(double(weights[mu]) - zmax);
    weights[mu] = static_cast<float>(e);
    sum += e;
  }
  std::fill(out.begin(), out.end(), 0.0f);
  for (int mu = 0; mu < p; ++mu) {
    const float w = static_cast<float>(weights[mu] / sum);
    weights[mu] = w;
    if (w == 0.0f) continue;
    const float* x = &mem.x[static_cast<size_t>(mu) * n];
    for (int i = 0; i < n; ++i) out[i] += w * x[i];
  }
}

double modern_energy(const ModernHopfield& mem, float beta, std::span<const float> xi) {
  EBM_ASSERT(static_cast<int>(xi.size()) == mem.n, "modern_energy: xi needs N values");
  EBM_ASSERT(beta > 0.0f && std::isfinite(beta), "modern_energy: beta must be > 0");
  double sq = 0;
  for (float v : xi) sq += double(v) * v;
  if (mem.p == 0) return 0.5 * sq;
  double zmax = -INFINITY;
  for (int mu = 0; mu < mem.p; ++mu) zmax = std::max(zmax, dot_row(mem, mu, xi));
  double s = 0;
  for (int mu = 0; mu < mem.p; ++mu) s += std::exp(double(beta) * (dot_row(mem, mu, xi) - zmax));
  const double lse = zmax + std::log(s) / beta;
  return -lse + 0.5 * sq + std::log(double(mem.p)) / beta + 0.5 * double(mem.max_norm) * mem.max_norm;
}

void modern_reset(const ModernHopfield& mem, ModernRun& run, float beta, std::span<const float> xi0) {
  EBM_ASSERT(static_cast<int>(xi0.size()) == mem.n, "modern_reset: xi0 needs N values");
  run.xi.assign(xi0.begin(), xi0.end());
  run.next.assign(mem.n, 0.0f);
  run.weights.assign(mem.p, 0.0f);
  run.steps = 0;
  run.last_change = 0;
  run.converged = false;
  run.energy = beta > 0.0f ? modern_energy(mem, beta, run.xi) : 0.0;
}

void modern_set_beta(const ModernHopfield& mem, ModernRun& run, float beta) {
  run.converged = false;
  run.energy = beta > 0.0f ? modern_energy(mem, beta, run.xi) : 0.0;
}

int modern_step(const ModernHopfield& mem, ModernRun& run, float beta, int max_steps, float tol) {
  EBM_ASSERT(static_cast<int>(run.xi.size()) == mem.n && static_cast<int>(run.weights.size()) == mem.p,
             "modern_step: run was not reset for this memory");
  int done = 0;
  while (done < max_steps && !run.converged) {
    modern_update(mem, beta, run.xi, run.next, run.weights);
    float change = 0;
    for (int i = 0; i < mem.n; ++i) change = std::max(change, std::fabs(run.next[i] - run.xi[i]));
    std::swap(run.xi, run.next);
    run.last_change = change;
    run.converged = change <= tol;
    ++run.steps;
    ++done;
  }
  if (done > 0 && beta > 0.0f) run.energy = modern_energy(mem, beta, run.xi);
  return done;
}

}  // namespace ebm
