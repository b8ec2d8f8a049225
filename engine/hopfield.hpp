// hopfield.hpp: binary Hopfield networks (Hopfield 1982): units s_i in {-1,+1}, symmetric
// weights with zero diagonal, energy E(s) = -1/2 s^T W s - b^T s, and asynchronous
// zero-temperature descent that steps by an update budget (the engine owns no clock).
// Learning rules beyond Hebbian and other dynamics live in their own files; no UI here.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "rng.hpp"

namespace ebm {

/// A state or stored pattern: n values, each -1 or +1.
using Pattern = std::vector<int8_t>;

/// Weights and biases of an n-unit network.
struct HopfieldNet {
  int n = 0;               // number of units
  std::vector<float> w;    // (n, n) row-major, symmetric, zero diagonal
  std::vector<float> b;    // (n) biases; 0 for the classic model
};

/// An n-unit network with zero weights and biases.
HopfieldNet hopfield_make(int n);

/// Hebbian rule: W = (1/n) sum_p x_p x_p^T with the diagonal set to 0, b = 0.
/// patterns: each of size n with values in {-1,+1}.
void train_hebbian(HopfieldNet& net, std::span<const Pattern> patterns);

/// E(s) = -1/2 s^T W s - b^T s, computed from scratch in double. s has n entries in {-1,+1}.
double hopfield_energy(const HopfieldNet& net, std::span<const int8_t> s);

/// Local field h_i = sum_j w_ij s_j + b_i of unit i.
float hopfield_field(const HopfieldNet& net, std::span<const int8_t> s, int i);

/// The dynamic state of a run: the units, their local fields (kept incrementally), the
/// energy and the bookkeeping of the random sweep order.
struct HopfieldRun {
  Pattern s;                    // (n) current state in {-1,+1}
  std::vector<float> field;     // (n) h_i = sum_j w_ij s_j + b_i, updated on every flip
  double energy = 0;            // E(s), updated by the exact flip difference 2 s_i h_i
  std::vector<int> order;       // (n) permutation for the current sweep
  int pos = 0;                  // next index into order
  int64_t updates = 0;          // unit updates made so far
  int64_t flips = 0;            // of which changed the unit
  int64_t quiet = 0;            // consecutive updates without a flip
  int last_unit = -1;           // unit visited by the last update, -1 before any
  bool last_flipped = false;    // whether that update flipped it
};

/// Starts a run at state s (n values in {-1,+1}): computes the fields and the energy.
void run_reset(const HopfieldNet& net, HopfieldRun& run, std::span<const int8_t> s);

/// True when a whole sweep of n updates changed nothing: s is a fixed point.
inline bool run_converged(const HopfieldNet& net, const HopfieldRun& run) {
  return run.quiet >= net.n;
}

/// Asynchronous zero-temperature dynamics: visits units in a fresh random permutation per
/// sweep and sets s_i = sign(h_i). Tie rule: h_i == 0 keeps s_i, so no unit is ever 0 and
/// the energy never rises (each flip changes E by -2|h_i| < 0). Makes at most max_updates
/// updates and stops early at a fixed point. Returns the number of updates made.
int64_t run_async(const HopfieldNet& net, HopfieldRun& run, Rng& rng, int64_t max_updates);

/// Flips unit i of the run, updating fields and energy incrementally (O(n)).
void run_flip(const HopfieldNet& net, HopfieldRun& run, int i);

/// The bookkeeping of one single-unit update of unit i: flips it when flip is true (run_flip),
/// then advances the counters (updates, flips, quiet streak) and records the unit for display.
void run_record_update(const HopfieldNet& net, HopfieldRun& run, int i, bool flip);

/// Overlap m = (1/n) sum_i x_i s_i in [-1, 1] between two states of equal size.
float overlap(std::span<const int8_t> x, std::span<const int8_t> s);

/// Copy of x with each unit flipped independently with probability p in [0, 1].
Pattern corrupt(std::span<const int8_t> x, float p, Rng& rng);

}  // namespace ebm
