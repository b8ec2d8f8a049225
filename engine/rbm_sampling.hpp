// rbm_sampling.hpp: drawing from a trained RBM by block Gibbs sampling: persistent fantasy
// chains (from noise or from data), a recorded chain v0 -> h0 -> v1 -> h1 ... for a
// step-by-step view, and clamped inpainting (chosen visible units held fixed). Everything steps
// by a budget of sweeps and reuses its buffers. No training and no drawing here.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "rbm.hpp"
#include "rng.hpp"

namespace ebm {

/// n independent chains. One sweep: h ~ P(h|v), then v ~ P(v|h) (Geman & Geman 1984 block Gibbs).
struct FantasyChains {
  int n = 0;                // chains
  std::vector<float> v;     // (n, nv) current visible samples in {0,1}
  std::vector<float> pv;    // (n, nv) P(v|h) of the last sweep: smoother images for display
  std::vector<float> h;     // (n, nh) hidden samples of the last sweep
  std::vector<float> ph;    // (n, nh) P(h|v) of the last sweep
  int64_t sweeps = 0;       // sweeps made since the last (re)start
  RbmPacked packed;         // W packed at the start of each fantasy_step call
};

/// Sizes chains for a model (buffers only; start them with one of the two functions below).
FantasyChains fantasy_make(const Rbm& rbm, int n);

/// Restarts every chain at uniform noise, v_i ~ Bernoulli(0.5).
void fantasy_from_noise(FantasyChains& fc, const Rbm& rbm, Rng& rng);

/// Restarts chain r at data row r % rows (data is (rows, nv) in [0,1], used as given).
void fantasy_from_data(FantasyChains& fc, const Rbm& rbm, const float* data, int rows);

/// Clamping for inpainting: where mask is 1 the visible unit is held at `values` after every
/// sweep (and pv shows the clamped value). mask and values are (n, nv) like the chains.
struct Clamp {
  std::span<const uint8_t> mask;   // (n, nv): 1 = clamped, 0 = free
  std::span<const float> values;   // (n, nv): the clamped values in [0,1]
};

/// Holds the clamped units at their values now (v and pv), as fantasy_step does after each
/// sweep: for a mask or values that changed between sweeps (painting). clamp is (n, nv).
void fantasy_apply_clamp(FantasyChains& fc, const Clamp& clamp);

/// Runs `sweeps` sweeps of every chain; with a clamp, clamped units are reset after each.
void fantasy_step(FantasyChains& fc, const Rbm& rbm, Rng& rng, int sweeps, const Clamp* clamp = nullptr);

/// Deterministic reconstruction by mean-field propagation: steps times v <- P(v | P(h|v)),
/// starting at v0 (n, nv) in [0,1]; out (n, nv) receives the final visible probabilities.
/// The "expectation" reconstructions of seed 000's RBM example.
void mean_field_reconstruct(const Rbm& rbm, const float* v0, int n, int steps, float* out);

/// One chain recorded step by step from a given image.
struct GibbsTrace {
  int steps = 0;            // transitions recorded: rows 0..steps are valid
  int capacity = 0;         // most transitions the buffers hold
  int64_t first = 0;        // chain step of row 0 (0 until gibbs_trace_keep_last drops old rows)
  std::vector<float> v;     // (capacity + 1, nv): row 0 = the given v0, row t = v_t ~ P(v|h_{t-1})
  std::vector<float> pv;    // (capacity + 1, nv): row 0 = v0, row t = P(v | h_{t-1})
  std::vector<float> h;     // (capacity + 1, nh): row t = h_t ~ P(h | v_t)
  std::vector<float> ph;    // (capacity + 1, nh): row t = P(h | v_t)
};

/// Starts a trace at v0 (nv values in [0,1]) with room for `capacity` transitions; records v0,
/// P(h|v0) and h0.
void gibbs_trace_start(GibbsTrace& tr, const Rbm& rbm, const float* v0, int capacity, Rng& rng);

/// Appends one transition h_t -> v_{t+1} -> h_{t+1}. Returns false (and does nothing) when full.
bool gibbs_trace_step(GibbsTrace& tr, const Rbm& rbm, Rng& rng);

/// Keeps only the last `rows` recorded states (moved to the front, `first` advanced by the rows
/// dropped), so a long chain runs on in a small buffer. Nothing changes when fewer are recorded.
void gibbs_trace_keep_last(GibbsTrace& tr, const Rbm& rbm, int rows);

/// Convenience: a k-transition trace from v0.
GibbsTrace gibbs_trace(const Rbm& rbm, const float* v0, int k, Rng& rng);

}  // namespace ebm
