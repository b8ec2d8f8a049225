// hopfield.cpp: Hebbian storage, energy and asynchronous descent (see hopfield.hpp).
#include "hopfield.hpp"

#include <algorithm>
#include <numeric>

#include "check.hpp"

namespace ebm {

HopfieldNet hopfield_make(int n) {
  EBM_ASSERT(n > 0, "a network needs at least one unit");
  HopfieldNet net;
  net.n = n;
  net.w.assign(static_cast<size_t>(n) * n, 0.0f);
  net.b.assign(n, 0.0f);
  return net;
}

void train_hebbian(HopfieldNet& net, std::span<const Pattern> patterns) {
  const int n = net.n;
  std::fill(net.w.begin(), net.w.end(), 0.0f);
  std::fill(net.b.begin(), net.b.end(), 0.0f);
  const float scale = 1.0f / static_cast<float>(n);
  for (const Pattern& x : patterns) {
    EBM_ASSERT(static_cast<int>(x.size()) == n, "pattern size must equal the number of units");
    for (int i = 0; i < n; ++i) {
      float* row = &net.w[static_cast<size_t>(i) * n];
      const float xi = scale * x[i];
      for (int j = 0; j < n; ++j) row[j] += xi * x[j];
    }
  }
  for (int i = 0; i < n; ++i) net.w[static_cast<size_t>(i) * n + i] = 0.0f;
}

double hopfield_energy(const HopfieldNet& net, std::span<const int8_t> s) {
  const int n = net.n;
  EBM_ASSERT(static_cast<int>(s.size()) == n, "state size must equal the number of units");
  double quad = 0, lin = 0;
  for (int i = 0; i < n; ++i) {
    const float* row = &net.w[static_cast<size_t>(i) * n];
    double acc = 0;
    for (int j = 0; j < n; ++j) acc += static_cast<double>(row[j]) * s[j];
    quad += acc * s[i];
    lin += static_cast<double>(net.b[i]) * s[i];
  }
  return -0.5 * quad - lin;
}

float hopfield_field(const HopfieldNet& net, std::span<const int8_t> s, int i) {
  const int n = net.n;
  const float* row = &net.w[static_cast<size_t>(i) * n];
  float acc = net.b[i];
  for (int j = 0; j < n; ++j) acc += row[j] * s[j];
  return acc;
}

void run_reset(const HopfieldNet& net, HopfieldRun& run, std::span<const int8_t> s) {
  const int n = net.n;
  EBM_ASSERT(static_cast<int>(s.size()) == n, "state size must equal the number of units");
  run.s.assign(s.begin(), s.end());
  run.field.resize(n);
  for (int i = 0; i < n; ++i) run.field[i] = hopfield_field(net, run.s, i);
  run.energy = hopfield_energy(net, run.s);
  run.order.resize(n);
  std::iota(run.order.begin(), run.order.end(), 0);
  run.pos = n;  // forces a fresh permutation on the first update
  run.updates = run.flips = run.quiet = 0;
  run.last_unit = -1;
  run.last_flipped = false;
}

void run_flip(const HopfieldNet& net, HopfieldRun& run, int i) {
  const int n = net.n;
  // Exact energy change of flipping s_i: dE = 2 s_i h_i (w_ii = 0).
  run.energy += 2.0 * run.s[i] * static_cast<double>(run.field[i]);
  run.s[i] = static_cast<int8_t>(-run.s[i]);
  const float delta = 2.0f * run.s[i];
  const float* row = &net.w[static_cast<size_t>(i) * n];  // symmetric: row i = column i
  for (int j = 0; j < n; ++j) run.field[j] += delta * row[j];
}

void run_record_update(const HopfieldNet& net, HopfieldRun& run, int i, bool flip) {
  if (flip) {
    run_flip(net, run, i);
    ++run.flips;
    run.quiet = 0;
  } else {
    ++run.quiet;
  }
  run.last_unit = i;
  run.last_flipped = flip;
  ++run.updates;
}

int64_t run_async(const HopfieldNet& net, HopfieldRun& run, Rng& rng, int64_t max_updates) {
  const int n = net.n;
  int64_t done = 0;
  while (done < max_updates && !run_converged(net, run)) {
    if (run.pos >= n) {
      rng.shuffle(run.order.data(), run.order.size());
      run.pos = 0;
    }
    const int i = run.order[run.pos++];
    // Tie rule: a zero field keeps the unit as it is.
    const bool flip = run.s[i] * run.field[i] < 0.0f;
    run_record_update(net, run, i, flip);
    ++done;
  }
  return done;
}

float overlap(std::span<const int8_t> x, std::span<const int8_t> s) {
  EBM_ASSERT(x.size() == s.size() && !x.empty(), "overlap needs two states of equal size");
  int acc = 0;
  for (size_t i = 0; i < x.size(); ++i) acc += x[i] * s[i];
  return static_cast<float>(acc) / static_cast<float>(x.size());
}

Pattern corrupt(std::span<const int8_t> x, float p, Rng& rng) {
  Pattern out(x.begin(), x.end());
  for (auto& v : out)
    if (rng.uniform() < p) v = static_cast<int8_t>(-v);
  return out;
}

}  // namespace ebm
