// gibbs_model.hpp: the Gibbs sampling scene's model part: its settings table, the RBM it samples
// (the pretrained one shipped with the page, the RBM tab's model, or an untrained stand-in), one
// chain recorded step by step, 36 persistent fantasy particles and a clamped inpainting chain
// (engine/rbm_sampling), sweeps paced at the chosen speed within a frame's budget, and the
// inpainting mask the user paints. No ImGui, no platform: compiled into the native tests. The
// scene fetches files and reads the RBM tab's model; the view reads this by const reference.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "datasets.hpp"
#include "pacer.hpp"
#include "rbm.hpp"
#include "rbm_sampling.hpp"
#include "rng.hpp"
#include "settings.hpp"

namespace web {

inline constexpr int kGibbsSide = 28;                // MNIST digits are 28 x 28
inline constexpr int kGibbsFantasy = 36;             // fantasy particles (6 x 6)
inline constexpr int kGibbsTraceCap = 64;            // transitions the chain buffer holds (8 KB each) ...
inline constexpr int kGibbsTraceKeep = 16;           // ... before it keeps only the last 16 and runs on
inline constexpr int kGibbsHeldRows = 1000;          // held-out digits the chains may start from
inline constexpr int kGibbsMaxSweepsPerFrame = 50;
inline constexpr int kGibbsFallbackHidden = 16;      // the untrained stand-in when no model file loads
inline constexpr int kGibbsFirstInpaintDigit = 3;    // held-out digit inpainting starts with
inline constexpr int kGibbsBrush = 1;                // brush radius in pixels: a 3 x 3 brush

/// Everything a link says about the Gibbs sampling scene. Defaults are the page's first view.
struct GibbsSettings {
  float speed = 4.0f;        // Gibbs sweeps per second while playing
  int digit = 0;             // held-out digit the single chain starts from
  bool noise_start = false;  // chains start from random pixels instead of held-out digits
  uint64_t seed = 3;         // every sample of every chain (reseeded at each restart)
  bool play = false;         // launch flag: start sampling at once
};

/// The scene's settings table (link keys, ranges, controls, costs).
std::span<const Setting<GibbsSettings>> gibbs_settings_table();

class GibbsModel {
 public:
  explicit GibbsModel(const GibbsSettings& s = {});

  // [SECTION] Settings
  const GibbsSettings& settings() const { return settings_; }
  /// Applies link parameters; the chains restart once; messages name each bad parameter.
  std::vector<std::string> apply_link(std::span<const Param> params);
  /// A change from the controls: speed applies live; the others restart the chains.
  void propose(const GibbsSettings& next);

  // [SECTION] The model and the digits
  /// Gives the digits (null while they load); the chains start once a model is there too.
  void set_data(const ebm::DatasetSplit* split);
  /// Uses the pretrained model file's bytes (the binary "ebm-rbm" form or JSON); an invalid
  /// file falls back to an untrained model and says why. Returns true when the file was used.
  bool load_pretrained(std::span<const uint8_t> bytes);
  /// The pretrained model could not be fetched: an untrained stand-in, and a message.
  void pretrained_failed(const std::string& why);
  /// Samples from the RBM tab's model (null: that tab has none yet; says so, changes nothing).
  /// version is the RBM tab's model version, kept to tell when that model has moved on.
  void use_shared(const ebm::Rbm* rbm, uint64_t version);
  bool have_model() const { return have_model_; }
  /// A model and at least one held-out digit: the chains can run.
  bool ready() const { return have_model_ && split_ && n_held_ > 0; }
  bool started() const { return started_; }
  const std::string& model_name() const { return model_name_; }
  bool from_rbm_tab() const { return from_rbm_tab_; }
  uint64_t shared_version() const { return shared_version_; }
  const std::string& error() const { return error_; }

  // [SECTION] Running
  /// Starts the chains when model and digits are there; then, while playing, runs the sweeps due
  /// at settings().speed after dt_s seconds, no more than fit in budget_ms.
  void step(double dt_s, double budget_ms);
  bool playing() const { return playing_; }
  void set_playing(bool on) { playing_ = on; }
  /// One sweep of every chain now (pauses).
  void step_sweep();
  /// Restarts every chain from its starting state (now if the model and digits are there).
  void restart();
  bool animating() const { return playing_ || !have_model_ || !started_; }

  // [SECTION] Inpainting
  /// Clamps (clamp = true: to the digit's pixels) or frees the brush around cell (row-major in
  /// the 28 x 28 image); cells outside are ignored.
  void paint(int cell, bool clamp);
  void clamp_top_half();
  void free_all();
  /// Takes the clamped pixels from the next held-out digit (the chains restart).
  void next_digit();

  // [SECTION] Reading
  const ebm::Rbm& rbm() const { return rbm_; }
  const ebm::GibbsTrace& trace() const { return trace_; }
  const ebm::FantasyChains& fantasy() const { return fantasy_; }
  const ebm::FantasyChains& inpaint() const { return inpaint_; }
  const std::vector<uint8_t>& mask() const { return mask_; }           // (nv) 1 = clamped
  const std::vector<float>& clamp_values() const { return clamp_values_; }  // (nv) the digit's pixels
  int clamped() const;
  /// Largest |v - value| over the clamped pixels of the inpainting chain (0 when they hold).
  double clamp_max_error() const;
  const Pacer& pacer() const { return pacer_; }
  /// Changes whenever what the views show does (sweeps, restarts, painting).
  uint64_t version() const { return version_; }

 private:
  void use_model(ebm::Rbm rbm, std::string name);
  void use_untrained();
  void restart_all();
  void restart_chain();
  void apply_clamp();
  void sweep(int n);

  GibbsSettings settings_;
  const ebm::DatasetSplit* split_ = nullptr;
  ebm::Rng rng_{3};
  ebm::Rbm rbm_;
  ebm::GibbsTrace trace_;
  ebm::FantasyChains fantasy_, inpaint_;
  std::vector<float> held_, clamp_values_;
  std::vector<uint8_t> mask_;
  int n_held_ = 0;
  int inpaint_digit_ = kGibbsFirstInpaintDigit;
  Pacer pacer_;
  std::string error_, model_name_ = "none";
  uint64_t shared_version_ = 0;
  uint64_t version_ = 0;
  bool from_rbm_tab_ = false;
  bool have_model_ = false;
  bool started_ = false;
  bool playing_ = false;
};

}  // namespace web
