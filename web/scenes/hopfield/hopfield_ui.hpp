// hopfield_ui.hpp: the Hopfield lab's controls and view. Both read the model; the controls
// change it only through its functions; the view owns the textures and turns pointer input on
// the grid and the memory thumbnails into model calls. No rules here (hopfield_model has them).
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "gfx.hpp"
#include "hopfield_model.hpp"

namespace web {

/// Runs a named scene command ("toggle", "step", ...).
using HopfieldCommand = std::function<bool(const std::string&)>;

/// Play / Step / Sweep / New cue, the speed and the dynamics.
void hopfield_transport(HopfieldModel& m, HopfieldSettings& edit, const HopfieldCommand& run);

/// The settings column: memories, rule, cue, temperature, drawings, seed.
void hopfield_settings_panel(HopfieldModel& m, HopfieldSettings& edit, const HopfieldCommand& run,
                             const std::string& digits_status, float digits_progress);

/// The figures: state grid (drawable), energy and temperature, memories with overlaps, weights
/// (dense rules: a note; the modern rule: its softmax weights over memories).
class HopfieldView {
 public:
  void refresh(const HopfieldModel& m);
  void figures(HopfieldModel& m);

 private:
  void state_view(HopfieldModel& m, float size);
  void status_line(const HopfieldModel& m);
  void energy_plot(const HopfieldModel& m, float width, float height);
  void temperature_plot(const HopfieldModel& m, float width, float height);
  void memories_view(HopfieldModel& m);
  void weights_view(const HopfieldModel& m);
  // hopfield_view_modern.cpp: the figures of the rules without a weight matrix.
  void attention_view(const HopfieldModel& m, float width, float height);
  void dense_note(const HopfieldModel& m);

  FieldTexture state_tex_, weights_tex_;
  std::vector<FieldTexture> thumbs_;
  std::vector<float> values_;
  uint64_t shown_state_ = ~uint64_t{0}, shown_weights_ = ~uint64_t{0};
};

}  // namespace web
