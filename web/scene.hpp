// scene.hpp: the small interface every figure implements (one file per scene in scenes/).
// The app owns the clock and the layout; a scene owns its model and draws its own controls
// and figures. Scenes change models only through engine functions.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace web {

/// What one frame gives a scene: how much wall time passed and how much it may spend.
struct Frame {
  double dt_s = 0;        // clamped seconds since the previous frame (<= 0.1)
  double budget_ms = 8;   // wall time the scene may spend stepping its model this frame
  bool embed = false;     // figure embedded in a post: compact layout, no scene chrome
};

/// A URL/share parameter: key=value as in "?scene=hopfield&noise=20".
struct Param {
  std::string key, value;
};

class Scene {
 public:
  virtual ~Scene() = default;
  /// Short id used in URLs ("hopfield").
  virtual const char* id() const = 0;
  /// Tab title ("Hopfield network").
  virtual const char* title() const = 0;
  /// Reinitializes the model from the current settings and seed.
  virtual void reset() = 0;
  /// Advances the model within the frame's budget (nothing when paused).
  virtual void step(const Frame& f) = 0;
  /// Builds the scene's controls and figures inside the current ImGui window.
  virtual void ui(const Frame& f) = 0;
  /// True while something moves (the app may idle otherwise).
  virtual bool animating() const = 0;
  /// Applies one URL parameter; returns an empty string or a message for the user.
  virtual std::string apply_param(const Param& p) = 0;
  /// The settings worth sharing, as URL parameters.
  virtual std::vector<Param> params() const = 0;
  /// Machine-readable state for tests and scripts.
  virtual nlohmann::json query() const = 0;
  /// True while the scene holds work a reload would lose (a trained, unsaved model).
  virtual bool has_unsaved_work() const { return false; }
  /// Handles a named command from the page (keyboard shortcuts, tests); false if unknown.
  virtual bool command(const std::string& name) { return false; }
};

/// Scene constructors, one per file in scenes/.
std::unique_ptr<Scene> make_hopfield_scene();
std::unique_ptr<Scene> make_optimized_scene();
std::unique_ptr<Scene> make_capacity_scene();
std::unique_ptr<Scene> make_boltzmann_scene();
std::unique_ptr<Scene> make_toy_scene();
std::unique_ptr<Scene> make_rbm_scene();
std::unique_ptr<Scene> make_gibbs_scene();

/// The memories stored in the Hopfield scene right now (its pattern set and your drawings),
/// for experiments in other scenes; empty before that scene exists.
std::vector<std::vector<int8_t>> hopfield_scene_memories();

}  // namespace web
namespace ebm {
struct Rbm;
}  // namespace ebm
namespace web {

/// The RBM the RBM scene holds (null before its digits load); *version changes whenever the
/// model does, so a reader can tell when to refresh its copy.
const ebm::Rbm* rbm_scene_model(uint64_t* version);

}  // namespace web
