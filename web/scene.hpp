// scene.hpp: the small interface every figure implements (one folder per scene in scenes/:
// <name>_model.* holds the state and rules and is tested natively; <name>_controls.cpp and
// <name>_view.cpp draw; <name>_scene.cpp connects them to the page). The app owns the clock,
// the layout and the scene table; a scene owns its model and changes it only through engine
// and model functions.
#pragma once
#include <memory>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared.hpp"
#include "url.hpp"

namespace web {

/// What one frame gives a scene: how much wall time passed and how much it may spend.
struct Frame {
  double dt_s = 0;        // clamped seconds since the previous frame (<= 0.1)
  double budget_ms = 7;   // wall time the scene may spend stepping its model this frame
  bool embed = false;     // figure embedded in a post: compact layout, no scene chrome
};

class Scene {
 public:
  virtual ~Scene() = default;
  /// Short id used in URLs ("hopfield").
  virtual const char* id() const = 0;
  /// Tab title ("Hopfield network").
  virtual const char* title() const = 0;
  /// Applies a link's parameters (everything but scene= and embed=) and rebuilds once; returns
  /// a message for each parameter it could not use.
  virtual std::vector<std::string> apply_link(std::span<const Param> params) = 0;
  /// The link parameters that reproduce the current setup (from the settings table).
  virtual std::vector<Param> link_params() const = 0;
  /// Advances the model within the frame's budget (nothing when paused).
  virtual void step(const Frame& f) = 0;
  /// Builds the scene's controls and figures inside the current ImGui window.
  virtual void ui(const Frame& f) = 0;
  /// True while something moves (the app may idle otherwise).
  virtual bool animating() const = 0;
  /// Machine-readable state for tests and scripts; includes "settings" from the table.
  virtual nlohmann::json query() const = 0;
  /// True while the scene holds work a reload would lose (a trained, unsaved model).
  virtual bool has_unsaved_work() const { return false; }
  /// Handles a named command from the page (keyboard shortcuts, tests); false if unknown.
  virtual bool command(const std::string& name) = 0;
};

/// Scene constructors, one per folder in scenes/. `shared` is the app's registry of what
/// scenes publish for each other; it outlives every scene.
std::unique_ptr<Scene> make_hopfield_scene(SharedState& shared);
std::unique_ptr<Scene> make_optimized_scene(SharedState& shared);
std::unique_ptr<Scene> make_capacity_scene(SharedState& shared);
std::unique_ptr<Scene> make_boltzmann_scene(SharedState& shared);
std::unique_ptr<Scene> make_toy_scene(SharedState& shared);
std::unique_ptr<Scene> make_rbm_scene(SharedState& shared);
std::unique_ptr<Scene> make_gibbs_scene(SharedState& shared);
std::unique_ptr<Scene> make_dbn_scene(SharedState& shared);

}  // namespace web
