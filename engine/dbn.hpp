// dbn.hpp: deep belief nets (Hinton, Osindero & Teh 2006) built from the engine's RBMs: greedy
// layer-wise training of stacked RBMs stepping by a budget, a top RBM whose visible layer is
// [penultimate hidden units, one softmax group of label units], classification by the label
// whose clamped free energy is lowest, and generation by Gibbs sampling in the top RBM (label
// clamped or free) followed by a downward pass. Not here: the up-down fine-tuning of the paper,
// files (model_io), any UI or clock.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "rbm.hpp"
#include "rbm_train.hpp"
#include "result.hpp"
#include "rng.hpp"

namespace ebm {

// [SECTION] The model --------------------------------------------------------------------------

inline constexpr int kDbnMaxLayers = 8;    // stacked RBMs below the top
inline constexpr int kDbnMaxLabels = 256;  // label units (a softmax group)

/// A DBN: stacked RBMs bottom-up, then the top RBM (the associative memory). Layer k is
/// (nv_k, nh_k) with nh_k == nv_{k+1}; the top's visible layer is [h_L (pen units), labels],
/// pen = top.nv - labels units, so the labels are its last `labels` visible units.
struct Dbn {
  int width = 0;             // input image shape: width * height == input size, or 0 and 0
  int height = 0;
  int labels = 10;           // label units (classes), in [2, kDbnMaxLabels]
  std::vector<Rbm> layers;   // stacked RBMs, bottom-up (may be empty: the top sees the input)
  Rbm top;                   // (pen + labels, top hidden)
};

/// Units of the input (pixels): layers[0].nv, or the top's pen units without layers.
int dbn_input_size(const Dbn& dbn);

/// Penultimate units: top.nv - labels (the top layer's non-label visible units).
int dbn_pen_size(const Dbn& dbn);

/// True when every layer's arrays have their sizes and consecutive layers fit together.
bool dbn_shapes_ok(const Dbn& dbn);

// [SECTION] Greedy layer-wise training -----------------------------------------------------------

/// Settings of a DBN and its training.
struct DbnConfig {
  std::vector<int> hidden{256, 256};  // hidden units of the stacked RBMs, bottom-up (may be empty)
  int top_hidden = 512;               // hidden units of the top RBM
  int labels = 10;                    // label units, in [2, kDbnMaxLabels]
  int width = 0;                      // input image shape (0 and 0: not an image)
  int height = 0;
  RbmTrainConfig layer{};             // each stacked RBM's training; epochs > 0 (per layer);
                                      // sample_data is set by the two flags below
  RbmTrainConfig top{};               // the top RBM's training; epochs > 0; softmax_tail is set to
                                      // `labels` and sample_data by the flags below
  bool sample_pixels = false;         // stage 0 (the RBM that sees the input) trains on Bernoulli
                                      // samples of the input redrawn per presentation (grey
                                      // levels as probabilities); false: the values as given
  bool sample_hidden = false;         // the stages above train on Bernoulli samples of P(h|v)
                                      // of the layer below, redrawn per presentation; false: on
                                      // the probabilities themselves
  float init_sigma = 0.01f;           // W ~ N(0, sigma^2) per layer (rbm_init)
};

/// What the trainer is doing.
enum class DbnPhase {
  Training,     // an RBM (stacked layer or top) is training
  Propagating,  // a finished layer maps its inputs to P(h|v): the next layer's data
  Done,         // every layer is trained
  Failed,       // a layer diverged; status says why
};

/// Display name: "training", "propagating", "done", "failed".
const char* dbn_phase_name(DbnPhase phase);

/// Figures of one finished stage (a stacked layer or the top).
struct DbnStageReport {
  int stage = 0;                  // 0 .. L-1 stacked layers, L the top
  int nv = 0, nh = 0;             // its shape
  int epochs = 0;                 // epochs trained
  int64_t updates = 0;            // minibatch updates
  float recon_error = 0;          // mean (v0 - P(v|h0))^2 over its last epoch's batches
};

/// Trainer state; a view reads it by const reference. The current RBM trainer (with its own
/// monitors: last_recon_error, epoch, ...) is `current`; finished layers are in dbn.
struct DbnTrainer {
  Dbn dbn;                         // finished stacked layers so far (dbn.layers), the top when done
  DbnConfig config;
  int n = 0;                       // training rows
  int input_size = 0;              // units of a training row (pixels)
  std::vector<uint8_t> labels;     // (n) class of each row, < config.labels
  int stage = 0;                   // 0 .. L-1 stacked layers, L = the top, L + 1 after the top
  DbnPhase phase = DbnPhase::Training;
  RbmTrainer current;              // the RBM being trained; its data are this stage's inputs
  std::vector<float> next;         // (n, nh) P(h|v) of the finished layer, filled while propagating
  int prop_rows = 0;               // rows of `next` done
  std::vector<DbnStageReport> reports;  // one per finished stage
  Status status;                   // non-ok once Failed
};

/// Number of stages: stacked layers + 1 (the top).
inline int dbn_stage_count(const DbnTrainer& t) { return static_cast<int>(t.config.hidden.size()) + 1; }

/// Validates the configuration and the data (user errors, with the field named), copies the
/// data (n, input) row-major in [0, 1] and the labels (n values < config.labels), and starts
/// layer 0: rbm_make(input, hidden[0], width, height), rbm_init(rng, data, init_sigma),
/// rbm_trainer_make(config.layer with sample_data = sample_pixels). So the first layer is bit
/// for bit the RBM that these calls, then rbm_train_step with the same rng, produce alone.
Result<DbnTrainer> dbn_trainer_make(std::span<const float> data, std::span<const uint8_t> labels,
                                    int input, DbnConfig config, Rng& rng);

/// Advances by up to max_units work units: one unit is one minibatch update of the current
/// RBM, or propagating one minibatch of rows (batch_size of the finished layer) through it.
/// Moves from layer to layer on its own; each new layer is initialized with rng
/// (rbm_init on its data) when it starts. Returns the units done (fewer when Done or Failed).
/// No allocation except when a layer starts (its trainer) or finishes (its next data).
int dbn_train_step(DbnTrainer& trainer, Rng& rng, int max_units);

/// True when Done or Failed.
bool dbn_train_finished(const DbnTrainer& trainer);

/// After a layer diverged (phase Failed): puts back that layer's last good weights (from the
/// start of an epoch, rbm_trainer_restore_good) and resumes training it; lower its learning
/// rate first (rbm_trainer_set_config on `current`) or it diverges again. Fails otherwise.
Status dbn_trainer_restore_good(DbnTrainer& trainer);

/// Fraction of the whole training done, in [0, 1], counting epochs of every stage.
float dbn_train_fraction(const DbnTrainer& trainer);

// [SECTION] Upward pass and classification ---------------------------------------------------

/// Growable work arrays so repeated calls do not allocate.
struct DbnScratch {
  std::vector<float> a, b;   // layer activations, up to chunk * max layer width
  std::vector<float> x;      // top pre-activations
};

/// Deterministic upward pass: out (n, units after `layers` stacked layers) = the hidden
/// probabilities P(h|v) applied `layers` times from v (n, input) in [0, 1]. layers in
/// [0, L]; layers = L gives the top's pen units. Works in chunks of 256 rows.
void dbn_up(const Dbn& dbn, const float* v, int n, int layers, float* out, DbnScratch& s);

/// Free energies of the top RBM with each label clamped: f (n, labels), row r, column l is
///   F([pen_r, e_l]) = -b_pen . pen_r - b_l - sum_j softplus(c_j + pen_r W_pen,j + W_l,j)
/// (e_l the one-hot label vector), computed exactly in double from one product. pen (n, pen)
/// in [0, 1], e.g. from dbn_up.
void dbn_label_free_energies(const Dbn& dbn, const float* pen, int n, double* f, DbnScratch& s);

/// P(label | pen) = softmax_l(-F([pen, e_l])): the exact posterior over labels of the top RBM
/// given its pen units, summed over the hidden units. pen (pen) -> p (labels).
void dbn_label_posterior(const Dbn& dbn, const float* pen, double* p, DbnScratch& s);

/// Classifies n inputs v (n, input): the upward pass, then the label with the lowest clamped
/// free energy (lowest index on ties). out: n labels.
void dbn_classify(const Dbn& dbn, const float* v, int n, int* out, DbnScratch& s);

/// Fraction of the n rows whose dbn_classify label equals labels[r].
double dbn_accuracy(const Dbn& dbn, const float* v, const uint8_t* labels, int n, DbnScratch& s);

// [SECTION] Generation: chains in the top RBM and the downward pass -----------------------------

/// n chains in the top RBM. One sweep: h ~ P(h | [pen, label]), then P([pen, label] | h) into
/// pv (pen: sigmoid; labels: softmax, what a view draws), pen ~ Bernoulli, and the label
/// one-hot: the clamped one, or a categorical sample when the chain is free.
struct DbnChains {
  int n = 0;                       // chains
  std::vector<int> clamp;          // (n) clamped label per chain, -1 = free
  std::vector<float> v;            // (n, top.nv) visible state [pen sample, one-hot label]
  std::vector<float> pv;           // (n, top.nv) P(v|h) of the last sweep (labels: softmax)
  std::vector<float> h;            // (n, top.nh) hidden sample of the last sweep
  std::vector<float> ph;           // (n, top.nh) P(h|v) of the last sweep
  std::vector<std::vector<float>> down;  // per stacked layer k: (n, layers[k].nv) top-down
                                   // P(v_k | h_{k+1}); down[0] is the image (empty without layers)
  std::vector<float> pen;          // (n, pen) the pen activity the downward pass starts from
  int64_t sweeps = 0;              // sweeps since the last start
  RbmPacked packed;                // the top's W, packed once per dbn_chains_step call
};

/// Sizes chains for a model (buffers only; start them with dbn_chains_start).
DbnChains dbn_chains_make(const Dbn& dbn, int n);

/// Where the pen units of a chain start.
enum class DbnChainStart {
  Noise,     // each pen unit ~ Bernoulli(0.5)
  BaseRate,  // each pen unit ~ Bernoulli(sigmoid(b_i)), the top's visible biases: after
             // rbm_init these are the units' mean activity on the data (the independent model)
  Zero,      // all pen units off: the first sweep's hidden units see the label alone
};

/// Restarts every chain: pen units as `start` says; label: clamp[r] if >= 0, else uniform at
/// random. clamp has n entries in [-1, labels).
void dbn_chains_start(DbnChains& c, const Dbn& dbn, Rng& rng, std::span<const int> clamp,
                      DbnChainStart start = DbnChainStart::Noise);

/// Clamps chain r to label (or frees it with -1) from the next sweep on.
void dbn_chains_set_label(DbnChains& c, const Dbn& dbn, int r, int label);

/// Runs `sweeps` Gibbs sweeps of every chain. No allocation.
void dbn_chains_step(DbnChains& c, const Dbn& dbn, Rng& rng, int sweeps);

/// The downward pass: starts from the top's P(pen | h) of the last sweep (or the pen state
/// before any sweep) and applies P(v_k | h_{k+1}) of each stacked layer down to the input,
/// filling c.down; with sample, the intermediate layers are Bernoulli samples (the paper's
/// stochastic pass) and the image stays a probability. No allocation.
void dbn_chains_down(DbnChains& c, const Dbn& dbn, Rng& rng, bool sample = false);

/// The image of chain r after dbn_chains_down (input values): down[0] row r, or the pen
/// probabilities when the DBN has no stacked layers.
std::span<const float> dbn_chains_image(const DbnChains& c, const Dbn& dbn, int r);

/// The label unit that is on in chain r's visible state.
int dbn_chains_label(const DbnChains& c, const Dbn& dbn, int r);

}  // namespace ebm
