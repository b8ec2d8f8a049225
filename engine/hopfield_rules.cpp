// hopfield_rules.cpp: Storkey, pseudo-inverse and optimized learning rules (see
// hopfield_rules.hpp).
#include "hopfield_rules.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "check.hpp"
#include "guard.hpp"
#include "hopfield_dynamics.hpp"

namespace ebm {

// [SECTION] Rule names -----------------------------------------------------------------------

const char* rule_name(Rule rule) {
  const int r = static_cast<int>(rule);
  return r >= 0 && r < kRuleCount ? kRuleNames[r] : "?";
}

Result<Rule> rule_from_name(std::string_view name) {
  for (int r = 0; r < kRuleCount; ++r)
    if (name == rule_name(static_cast<Rule>(r))) return static_cast<Rule>(r);
  if (name == "hebb") return Rule::Hebbian;
  if (name == "pinv" || name == "projection" || name == "pseudoinverse") return Rule::PseudoInverse;
  if (name == "opt") return Rule::Optimized;
  return Error{"unknown rule '" + std::string(name) +
               "': use hebbian, storkey, pseudo-inverse (pinv) or optimized"};
}

namespace {
void check_patterns(const HopfieldNet& net, std::span<const Pattern> patterns) {
  for (const Pattern& x : patterns)
    EBM_ASSERT(static_cast<int>(x.size()) == net.n, "pattern size must equal the number of units");
}
}  // namespace

// [SECTION] Storkey and pseudo-inverse -------------------------------------------------------

void train_storkey(HopfieldNet& net, std::span<const Pattern> patterns) {
  const int n = net.n;
  check_patterns(net, patterns);
  std::fill(net.w.begin(), net.w.end(), 0.0f);
  std::fill(net.b.begin(), net.b.end(), 0.0f);
  const double inv_n = 1.0 / n;
  std::vector<double> h(n);
  for (const Pattern& x : patterns) {
    // h_i = sum_k w_ik x_k with the weights before this pattern (w_ii = 0).
    for (int i = 0; i < n; ++i) {
      const float* row = &net.w[static_cast<size_t>(i) * n];
      double acc = 0;
      for (int k = 0; k < n; ++k) acc += static_cast<double>(row[k]) * x[k];
      h[i] = acc;
    }
    // With a zero diagonal h_ij = h_i - w_ij x_j. Updating the upper triangle and mirroring
    // keeps every w_ij read the old value.
    for (int i = 0; i < n; ++i) {
      float* row = &net.w[static_cast<size_t>(i) * n];
      for (int j = i + 1; j < n; ++j) {
        const double wij = row[j];
        const double hij = h[i] - wij * x[j];
        const double hji = h[j] - wij * x[i];
        const double dw = inv_n * (x[i] * x[j] - x[i] * hji - hij * x[j]);
        const auto v = static_cast<float>(wij + dw);
        row[j] = v;
        net.w[static_cast<size_t>(j) * n + i] = v;
      }
    }
  }
}

PseudoInverseInfo train_pseudo_inverse(HopfieldNet& net, std::span<const Pattern> patterns,
                                       double tolerance) {
  const int n = net.n;
  check_patterns(net, patterns);
  const int p_all = static_cast<int>(patterns.size());
  const double inv_n = 1.0 / n;
  PseudoInverseInfo info;
  // Incremental Cholesky of C restricted to the kept patterns: C_KK = L L^T, L (r, r) lower
  // triangular row-major with stride p_all. For each new pattern k, l = L^-1 C_Kk and the
  // pivot d = C_kk - |l|^2 = 1 - |l|^2 is its squared distance (over n) from the span of
  // the kept ones; d <= tolerance means it adds nothing new, so it is dropped.
  std::vector<int> kept;
  std::vector<double> L(static_cast<size_t>(p_all) * p_all, 0.0);
  std::vector<double> l(p_all);
  info.min_pivot = 1.0;
  for (int k = 0; k < p_all; ++k) {
    const Pattern& xk = patterns[k];
    const int r = static_cast<int>(kept.size());
    for (int a = 0; a < r; ++a) {
      const Pattern& xa = patterns[kept[a]];
      int dot = 0;
      for (int i = 0; i < n; ++i) dot += xa[i] * xk[i];
      double acc = dot * inv_n;
      for (int c = 0; c < a; ++c) acc -= L[static_cast<size_t>(a) * p_all + c] * l[c];
      l[a] = acc / L[static_cast<size_t>(a) * p_all + a];
    }
    double d = 1.0;
    for (int a = 0; a < r; ++a) d -= l[a] * l[a];
    if (d <= tolerance) {
      ++info.dropped;
      continue;
    }
    for (int a = 0; a < r; ++a) L[static_cast<size_t>(r) * p_all + a] = l[a];
    L[static_cast<size_t>(r) * p_all + r] = std::sqrt(d);
    info.min_pivot = std::min(info.min_pivot, d);
    kept.push_back(k);
  }
  const int r = static_cast<int>(kept.size());
  info.rank = r;
  if (r == 0) info.min_pivot = 0;

  // Y = X_K L^-T, shape (n, r): row i solves L y_i = (x_i over the kept patterns).
  std::vector<double> y(static_cast<size_t>(n) * r);
  for (int i = 0; i < n; ++i) {
    double* yi = &y[static_cast<size_t>(i) * r];
    for (int a = 0; a < r; ++a) {
      double acc = patterns[kept[a]][i];
      for (int c = 0; c < a; ++c) acc -= L[static_cast<size_t>(a) * p_all + c] * yi[c];
      yi[a] = acc / L[static_cast<size_t>(a) * p_all + a];
    }
  }
  // W = (1/n) Y Y^T = (1/n) X C^-1 X^T, zero diagonal.
  std::fill(net.b.begin(), net.b.end(), 0.0f);
  for (int i = 0; i < n; ++i) {
    const double* yi = &y[static_cast<size_t>(i) * r];
    net.w[static_cast<size_t>(i) * n + i] = 0.0f;
    for (int j = i + 1; j < n; ++j) {
      const double* yj = &y[static_cast<size_t>(j) * r];
      double acc = 0;
      for (int a = 0; a < r; ++a) acc += yi[a] * yj[a];
      const auto v = static_cast<float>(acc * inv_n);
      net.w[static_cast<size_t>(i) * n + j] = v;
      net.w[static_cast<size_t>(j) * n + i] = v;
    }
  }
  return info;
}

// [SECTION] Optimized rule (steppable) -------------------------------------------------------

Status optimized_validate(const OptimizedOptions& o) {
  if (!(std::isfinite(o.lr) && o.lr > 0.0f && o.lr <= 100.0f))
    return Status::fail("learning rate must be in (0, 100], got " + std::to_string(o.lr));
  if (o.parasite_steps < 1 || o.parasite_steps > 100)
    return Status::fail("parasite steps must be in [1, 100], got " +
                        std::to_string(o.parasite_steps));
  if (o.epochs < 0 || o.epochs > 100000)
    return Status::fail("epochs must be in [0, 100000], got " + std::to_string(o.epochs));
  if (!(std::isfinite(o.weight_limit) && o.weight_limit > 0.0f))
    return Status::fail("weight limit must be finite and > 0, got " + std::to_string(o.weight_limit));
  return Status::success();
}

bool find_parasite(const HopfieldNet& net, std::span<const int8_t> x, int steps, Pattern& out) {
  EBM_ASSERT(static_cast<int>(x.size()) == net.n, "state size must equal the number of units");
  Pattern cur(x.begin(), x.end()), next(net.n);
  out.assign(x.begin(), x.end());
  bool found = false;
  for (int t = 0; t < steps; ++t) {
    if (sync_update(net, cur, next) == 0) break;  // fixed point: the path ends here
    std::swap(cur, next);
    // The last state on the path that differs from x: a 2-cycle x -> y -> x yields y.
    if (!std::equal(cur.begin(), cur.end(), x.begin())) {
      out = cur;
      found = true;
    }
  }
  return found;
}

Status optimized_begin(OptimizedTrainer& t, HopfieldNet& net, std::span<const Pattern> targets,
                       const OptimizedOptions& options) {
  if (Status st = optimized_validate(options); !st.ok()) return st;
  check_patterns(net, targets);
  train_hebbian(net, targets);
  t = OptimizedTrainer{};
  t.options = options;
  t.targets.assign(targets.begin(), targets.end());
  t.order.resize(t.targets.size());
  std::iota(t.order.begin(), t.order.end(), 0);
  t.pos = static_cast<int>(t.targets.size());  // an epoch boundary: the first step shuffles
  return Status::success();
}

bool optimized_done(const OptimizedTrainer& t) {
  return t.targets.empty() || t.epoch >= t.options.epochs || !t.status.ok();
}

float optimized_fraction_done(const OptimizedTrainer& t) {
  const int64_t total = static_cast<int64_t>(t.targets.size()) * t.options.epochs;
  if (total <= 0) return 1.0f;
  return std::min(1.0f, static_cast<float>(t.targets_done) / static_cast<float>(total));
}

int optimized_step(OptimizedTrainer& t, HopfieldNet& net, Rng& rng, int max_targets) {
  const int n = net.n;
  const int count = static_cast<int>(t.targets.size());
  const float scale = t.options.lr / static_cast<float>(n);
  int done = 0;
  while (done < max_targets && !optimized_done(t)) {
    if (t.pos >= count) {
      if (param_health(std::span<const float>(net.w)).ok(t.options.weight_limit)) {  // checkpoint
        t.good_w.assign(net.w.begin(), net.w.end());
        t.good_epoch = t.epoch;
      }
      rng.shuffle(t.order.data(), t.order.size());
      t.pos = 0;
      t.sum_target_energy = t.sum_parasite_energy = 0;
      t.visited = t.parasites = 0;
    }
    const int k = t.order[t.pos++];
    const Pattern& x = t.targets[k];
    const double ex = hopfield_energy(net, x);
    const bool found = find_parasite(net, x, t.options.parasite_steps, t.last_parasite);
    const double ep = found ? hopfield_energy(net, t.last_parasite) : ex;
    if (found) {
      // W += (lr/n)(x x^T - x' x'^T): only pairs where exactly one of x_i != x'_i or
      // x_j != x'_j change, but the full O(n^2) pass is simple and cheap enough. The guard
      // measures the new weights first and refuses the update if they break the limit.
      const Pattern& p = t.last_parasite;
      ParamHealth h;
      for (int i = 0; i < n; ++i) {
        const float* row = &net.w[static_cast<size_t>(i) * n];
        const int xi = x[i], pi = p[i];
        for (int j = 0; j < n; ++j) {
          const float v = j == i ? 0.0f : row[j] + scale * static_cast<float>(xi * x[j] - pi * p[j]);
          if (!std::isfinite(v)) h.finite = false;
          else h.max_abs = std::max(h.max_abs, static_cast<double>(std::fabs(v)));
        }
      }
      if (!h.ok(t.options.weight_limit)) {
        --t.pos;  // the target was not learned
        t.status = Status::fail("training stopped in epoch " + std::to_string(t.epoch + 1) +
                                ": the update would make the weights " + param_health_problem(h, t.options.weight_limit) +
                                ". The weights are unchanged; restore the last good ones (start of epoch " +
                                std::to_string(t.good_epoch + 1) + ") and lower the learning rate.");
        break;
      }
      for (int i = 0; i < n; ++i) {
        float* row = &net.w[static_cast<size_t>(i) * n];
        const int xi = x[i], pi = p[i];
        for (int j = 0; j < n; ++j) row[j] += scale * static_cast<float>(xi * x[j] - pi * p[j]);
        row[i] = 0.0f;
      }
      ++t.parasites;
    }
    t.sum_target_energy += ex;
    t.sum_parasite_energy += ep;
    ++t.visited;
    t.last_target = k;
    t.last_had_parasite = found;
    ++t.targets_done;
    ++done;
    if (t.pos >= count) {
      OptimizedEpoch e;
      e.epoch = t.epoch;
      e.mean_target_energy = t.sum_target_energy / t.visited;
      e.mean_parasite_energy = t.sum_parasite_energy / t.visited;
      e.parasites = t.parasites;
      t.history.push_back(e);
      ++t.epoch;
    }
  }
  return done;
}

Status optimized_restore_good(OptimizedTrainer& t, HopfieldNet& net) {
  if (t.good_epoch < 0 || t.good_w.size() != net.w.size())
    return Status::fail("there are no good weights to go back to");
  net.w.assign(t.good_w.begin(), t.good_w.end());
  t.status = Status::success();
  return Status::success();
}

double optimized_mean_target_energy(const OptimizedTrainer& t, const HopfieldNet& net) {
  if (t.targets.empty()) return 0.0;
  double acc = 0;
  for (const Pattern& x : t.targets) acc += hopfield_energy(net, x);
  return acc / static_cast<double>(t.targets.size());
}

// [SECTION] One call for any rule ------------------------------------------------------------

Result<TrainReport> train(Rule rule, HopfieldNet& net, std::span<const Pattern> patterns, Rng& rng,
                          const TrainOptions& options) {
  TrainReport report;
  switch (rule) {
    case Rule::Hebbian:
      check_patterns(net, patterns);
      train_hebbian(net, patterns);
      break;
    case Rule::Storkey:
      train_storkey(net, patterns);
      break;
    case Rule::PseudoInverse:
      if (!(options.pinv_tolerance > 0.0 && options.pinv_tolerance < 1.0))
        return Error{"pseudo-inverse tolerance must be in (0, 1)"};
      report.pinv = train_pseudo_inverse(net, patterns, options.pinv_tolerance);
      break;
    case Rule::Optimized: {
      OptimizedTrainer t;
      if (Status st = optimized_begin(t, net, patterns, options.optimized); !st.ok())
        return Error{st.message};
      while (!optimized_done(t)) optimized_step(t, net, rng, 1 << 30);
      report.epochs = std::move(t.history);
      break;
    }
  }
  return report;
}

}  // namespace ebm
