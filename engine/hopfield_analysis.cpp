// hopfield_analysis.cpp: overlaps, classification, recall and the capacity experiment (see
// hopfield_analysis.hpp).
#include "hopfield_analysis.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "check.hpp"
#include "patterns.hpp"

namespace ebm {

// [SECTION] Overlaps and classification ------------------------------------------------------

std::vector<float> overlaps(std::span<const Pattern> patterns, std::span<const int8_t> s) {
  std::vector<float> m;
  m.reserve(patterns.size());
  for (const Pattern& x : patterns) m.push_back(overlap(x, s));
  return m;
}

const char* recall_kind_name(RecallKind kind) {
  switch (kind) {
    case RecallKind::Stored: return "stored";
    case RecallKind::Inverted: return "inverted";
    case RecallKind::Spurious: return "spurious";
  }
  return "?";
}

Classification classify_state(std::span<const Pattern> patterns, std::span<const int8_t> s,
                              float threshold) {
  EBM_ASSERT(threshold > 0.0f && threshold <= 1.0f, "classification threshold must be in (0, 1]");
  Classification c;
  float best = -1.0f;
  for (size_t k = 0; k < patterns.size(); ++k) {
    const float m = overlap(patterns[k], s);
    if (std::abs(m) > best) {
      best = std::abs(m);
      c.index = static_cast<int>(k);
      c.overlap = m;
    }
  }
  if (c.index >= 0) {
    // Overlaps are exact multiples of 1/n, so threshold 1 means every unit matches.
    if (c.overlap >= threshold)
      c.kind = RecallKind::Stored;
    else if (c.overlap <= -threshold)
      c.kind = RecallKind::Inverted;
  }
  return c;
}

// [SECTION] Recall from a damaged pattern ----------------------------------------------------

RecallResult recall_from(const HopfieldNet& net, std::span<const int8_t> target,
                         std::span<const int8_t> start, Rng& rng, const RecallOptions& options) {
  HopfieldRun run;
  run_reset(net, run, start);
  RecallResult r;
  r.updates = run_async(net, run, rng, static_cast<int64_t>(options.max_sweeps) * net.n);
  r.converged = run_converged(net, run);
  r.overlap = overlap(target, run.s);
  r.success = r.overlap >= options.threshold;
  return r;
}

RecallResult recall_noisy(const HopfieldNet& net, std::span<const int8_t> target, Rng& rng,
                          const RecallOptions& options) {
  const int k = static_cast<int>(std::lround(options.noise * static_cast<float>(target.size())));
  const Pattern start = corrupt_count(target, std::clamp(k, 0, static_cast<int>(target.size())), rng);
  return recall_from(net, target, start, rng, options);
}

int count_recalled(const HopfieldNet& net, std::span<const Pattern> patterns, Rng& rng,
                   const RecallOptions& options) {
  int ok = 0;
  for (const Pattern& x : patterns) ok += recall_noisy(net, x, rng, options).success;
  return ok;
}

// [SECTION] Capacity experiment --------------------------------------------------------------

namespace {
// Dense memories: building is O(P n) and one update O(P), so in units of n^2 both a build and
// a probe cost about P / n.
int64_t dense_cost(int n, int patterns) { return std::max<int64_t>(1, patterns / std::max(n, 1)); }

int64_t train_cost(const CapacityOptions& o, int patterns) {
  if (o.dense) return dense_cost(o.n, patterns);
  int64_t per = 1;
  if (o.rule == Rule::Storkey) per = 3;  // h = W x, then the triangle update
  if (o.rule == Rule::Optimized)
    per = 1 + static_cast<int64_t>(o.train.optimized.epochs) * (o.train.optimized.parasite_steps + 1);
  return per * patterns;
}

int probes_per_trial(const CapacityOptions& o, int patterns) {
  return o.probes > 0 ? std::min(o.probes, patterns) : patterns;
}

int64_t probe_cost(const CapacityOptions& o, int patterns) {
  return o.dense ? dense_cost(o.n, patterns) : 1;
}
}  // namespace

std::vector<float> dense_alpha_grid(float max_alpha) {
  EBM_ASSERT(max_alpha > 0.0f && max_alpha <= kDenseMaxAlpha, "dense_alpha_grid: max alpha out of range");
  std::vector<float> a;
  for (int k = 0;; ++k) {
    const double alpha = 0.05 * std::pow(2.0, k / 4.0);
    if (alpha > max_alpha * (1.0 + 1e-6)) break;
    a.push_back(static_cast<float>(alpha));
  }
  if (a.empty()) a.push_back(max_alpha);
  return a;
}

Status capacity_begin(CapacityExperiment& exp, const CapacityOptions& options) {
  CapacityOptions o = options;
  const bool user_set = !o.patterns.empty();
  if (user_set) {
    o.n = static_cast<int>(o.patterns[0].size());
    for (const Pattern& p : o.patterns)
      if (static_cast<int>(p.size()) != o.n)
        return Status::fail("all patterns of a capacity experiment must have the same size");
  }
  if (o.n < 2 || o.n > 4096) return Status::fail("units must be in [2, 4096]");
  if (o.trials < 1 || o.trials > 10000) return Status::fail("trials must be in [1, 10000]");
  if (o.probes < 0) return Status::fail("probes must be >= 0 (0 = all stored patterns)");
  if (!(o.recall.noise >= 0.0f && o.recall.noise <= 0.5f))
    return Status::fail("noise must be in [0, 0.5]");
  if (!(o.recall.threshold > 0.0f && o.recall.threshold <= 1.0f))
    return Status::fail("recall threshold must be in (0, 1]");
  if (o.recall.max_sweeps < 1) return Status::fail("max sweeps must be >= 1");
  if (o.dense) {
    if (Status st = dense_validate(*o.dense); !st.ok()) return st;
  } else if (o.rule == Rule::Optimized) {
    if (Status st = optimized_validate(o.train.optimized); !st.ok()) return st;
  }
  const float alpha_limit = o.dense ? kDenseMaxAlpha : 2.0f;
  const std::string alpha_range = o.dense ? "(0, 1000]" : "(0, 2]";

  // The loads, as pattern counts: increasing, distinct, at least 1, within the set size.
  std::vector<int> counts;
  if (o.alphas.empty()) {
    if (user_set) {
      for (int p = 1; p <= static_cast<int>(o.patterns.size()); ++p) counts.push_back(p);
    } else {
      if (!(o.max_alpha > 0.0f && o.max_alpha <= alpha_limit))
        return Status::fail("max alpha must be in " + alpha_range);
      // Dense memories beyond the classical range get a log-spaced grid; up to 2 they share
      // the classical 0.02 steps, so degree 2 repeats the Hebbian experiment load for load.
      if (o.dense && o.max_alpha > 2.0f) {
        for (float a : dense_alpha_grid(o.max_alpha))
          counts.push_back(static_cast<int>(std::lround(static_cast<double>(a) * o.n)));
      } else {
        for (int k = 1; 0.02f * k <= o.max_alpha + 1e-6f; ++k)
          counts.push_back(static_cast<int>(std::lround(0.02 * k * o.n)));
      }
    }
  } else {
    for (float a : o.alphas) {
      if (!(a > 0.0f && a <= alpha_limit)) return Status::fail("every alpha must be in " + alpha_range);
      counts.push_back(static_cast<int>(std::lround(static_cast<double>(a) * o.n)));
    }
  }
  for (int& c : counts) c = std::max(c, 1);
  if (user_set) {
    const int cap = static_cast<int>(o.patterns.size());
    std::erase_if(counts, [cap](int c) { return c > cap; });
  }
  std::sort(counts.begin(), counts.end());
  counts.erase(std::unique(counts.begin(), counts.end()), counts.end());
  if (counts.empty()) return Status::fail("no load to test: the pattern set is too small");
  if (o.dense && static_cast<int64_t>(counts.back()) * o.n > (int64_t(1) << 26))
    return Status::fail("too many patterns: P N must be at most 2^26 (" + std::to_string(counts.back()) +
                        " patterns of " + std::to_string(o.n) + " units)");

  exp = CapacityExperiment{};
  exp.n = o.n;
  o.alphas.clear();
  for (int c : counts) {
    CapacityPoint pt;
    pt.patterns = c;
    pt.alpha = static_cast<float>(c) / static_cast<float>(o.n);
    o.alphas.push_back(pt.alpha);
    exp.points.push_back(pt);
    exp.work_total += o.trials * (train_cost(o, c) + probes_per_trial(o, c) * probe_cost(o, c));
  }
  exp.options = std::move(o);
  if (!exp.options.dense) exp.net = hopfield_make(exp.n);
  return Status::success();
}

bool capacity_done(const CapacityExperiment& exp) {
  return exp.point >= static_cast<int>(exp.points.size());
}

float capacity_fraction_done(const CapacityExperiment& exp) {
  if (capacity_done(exp) || exp.work_total <= 0) return 1.0f;
  return std::min(1.0f, static_cast<float>(exp.work_done) / static_cast<float>(exp.work_total));
}

int64_t capacity_step(CapacityExperiment& exp, Rng& rng, int64_t budget) {
  const CapacityOptions& o = exp.options;
  int64_t done = 0;
  while (done < budget && !capacity_done(exp)) {
    CapacityPoint& pt = exp.points[exp.point];
    if (!exp.trained) {
      // A fresh network: P new random patterns, or a random P-subset of the user's set.
      exp.stored.clear();
      if (o.patterns.empty()) {
        exp.stored = random_pattern_set(pt.patterns, exp.n, rng);
      } else {
        std::vector<int> idx(o.patterns.size());
        std::iota(idx.begin(), idx.end(), 0);
        rng.shuffle(idx.data(), idx.size());
        for (int k = 0; k < pt.patterns; ++k) exp.stored.push_back(o.patterns[idx[k]]);
      }
      if (o.dense) {
        auto made = dense_make(exp.stored, *o.dense);
        EBM_ASSERT(made.ok(), "options and sizes were validated by capacity_begin");
        exp.dense = std::move(made.value());
      } else {
        auto r = train(o.rule, exp.net, exp.stored, rng, o.train);
        EBM_ASSERT(r.ok(), "options were validated by capacity_begin");
      }
      exp.probe_order.resize(pt.patterns);
      std::iota(exp.probe_order.begin(), exp.probe_order.end(), 0);
      rng.shuffle(exp.probe_order.data(), exp.probe_order.size());
      exp.probe_order.resize(probes_per_trial(o, pt.patterns));
      exp.probe = 0;
      exp.trained = true;
      const int64_t cost = train_cost(o, pt.patterns);
      exp.work_done += cost;
      done += cost;
      continue;
    }
    if (exp.probe < static_cast<int>(exp.probe_order.size())) {
      const int index = exp.probe_order[exp.probe++];
      RecallResult r;
      if (o.dense) {
        const DenseRecall d = dense_recall_noisy(exp.dense, index, rng, o.recall.noise, o.recall.threshold,
                                                 o.recall.max_sweeps, exp.dense_run);
        r.overlap = d.overlap;
        r.success = d.success;
      } else {
        r = recall_noisy(exp.net, exp.stored[index], rng, o.recall);
      }
      ++pt.probes;
      pt.successes += r.success;
      pt.overlap_sum += r.overlap;
      const int64_t cost = probe_cost(o, pt.patterns);
      exp.work_done += cost;
      done += cost;
    }
    if (exp.probe >= static_cast<int>(exp.probe_order.size())) {
      ++pt.trials_done;
      exp.trained = false;
      if (++exp.trial >= o.trials) {
        exp.trial = 0;
        ++exp.point;
      }
    }
  }
  return done;
}

std::optional<float> capacity_crossing(const CapacityExperiment& exp, float level) {
  const int trials = exp.options.trials;
  for (size_t k = 0; k < exp.points.size(); ++k) {
    const CapacityPoint& b = exp.points[k];
    if (b.trials_done < trials) break;
    if (b.rate() >= level) continue;
    if (k == 0) return std::nullopt;  // already below at the first load
    const CapacityPoint& a = exp.points[k - 1];
    // a.rate() >= level > b.rate(), so the denominator is positive.
    const float t = (a.rate() - level) / (a.rate() - b.rate());
    return a.alpha + t * (b.alpha - a.alpha);
  }
  return std::nullopt;
}

}  // namespace ebm
