// rbm_ui.hpp: the RBM lab's controls and view. Both read the model by reference; the controls
// change it only through its functions (or the scene's commands for page actions such as saving
// a file); the view owns the figures' textures. No model rules here: those are in rbm_model.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "gfx.hpp"
#include "rbm_metrics.hpp"
#include "rbm_model.hpp"

namespace web {

/// Runs a named scene command ("toggle", "save", "pretrained", ...).
using CommandFn = std::function<bool(const std::string&)>;

/// Train / Step / Epoch / Reset, the epoch's progress and the measured throughput.
void rbm_transport(const RbmModel& m, const CommandFn& run);

/// The settings column: model, training and files. `edit` is the controls' copy of the
/// settings (a drag in progress); changes are proposed to the model.
void rbm_settings_panel(RbmModel& m, RbmSettings& edit, const CommandFn& run);

/// The figures: monitors, filters, reconstructions, hidden activations, weight histogram.
class RbmView {
 public:
  /// Uploads the textures when the model changed: at most every kViewRefreshFrames frames while
  /// training (uploads are not free), at once otherwise.
  void refresh(const RbmModel& m);
  void figures(const RbmModel& m);

 private:
  void upload(const RbmModel& m);
  void histogram(float width, float height);

  FieldTexture filters_, recon_, hidden_;
  std::vector<float> tiles_, buf_, ph_, pv_, hist_x_, hist_y_;
  ebm::Histogram weight_hist_;
  uint64_t shown_version_ = ~uint64_t{0};
  int frames_since_upload_ = 0;
};

/// Frames between texture refreshes while a model trains.
inline constexpr int kViewRefreshFrames = 6;

}  // namespace web
