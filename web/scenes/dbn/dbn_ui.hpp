// dbn_ui.hpp: the DBN scene's controls and view. Both read the model by reference; the controls
// change it only through its functions (or the scene's commands for page actions such as files);
// the view owns the dream images' textures. No model rules here: those are in dbn_model.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "dbn_model.hpp"
#include "gfx.hpp"

namespace web {

/// Runs a named scene command ("toggle", "train", "save", "label_3", ...).
using CommandFn = std::function<bool(const std::string&)>;

/// Dream / Step / Restart, the speed, the sweep count and the model with its accuracy.
void dbn_transport(DbnModel& m, DbnSettings& edit, const CommandFn& run);

/// The label picker: one button per choice (one per chain, 0-9, free), registered as
/// label_each, label_0 ... label_9, label_free.
void dbn_label_picker(const DbnModel& m, const CommandFn& run);

/// The settings column: network, training, dreams and model files. `edit` is the controls' copy
/// of the settings (a drag in progress); changes are proposed to the model.
void dbn_settings_panel(DbnModel& m, DbnSettings& edit, const CommandFn& run);

/// The figures: the dreaming chains with their label posteriors, and training layer by layer.
class DbnView {
 public:
  /// Uploads the dream images when the model's version moved.
  void refresh(const DbnModel& m);
  /// The chains in a grid: each dream above the bars of P(label | pen).
  void dreams(const DbnModel& m, float width);
  /// Train / Pause, then per layer a progress bar and its reconstruction-error plot, then the
  /// held-out accuracy.
  void training(const DbnModel& m, const CommandFn& run);

 private:
  void upload(const DbnModel& m);

  std::vector<FieldTexture> dream_tex_;
  uint64_t shown_version_ = ~uint64_t{0};
};

}  // namespace web
