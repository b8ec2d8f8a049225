// gibbs_ui.hpp: the Gibbs sampling scene's controls and view. Both read the model by reference;
// the controls change it only through its functions and the scene's commands, and painting the
// inpainting mask goes through the model's paint(). The view owns the figures' textures.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "gfx.hpp"
#include "gibbs_model.hpp"

namespace web {

/// Runs a named scene command ("toggle", "step", "reset", "use_trained", "clamp_top", ...).
using CommandFn = std::function<bool(const std::string&)>;

/// Play / Step / Restart, speed, start from noise, digit, the RBM tab's model and the model's
/// name (with a hint when the RBM tab's model has changed since it was taken). `edit` is the
/// controls' copy of the settings; changes are proposed to the model.
void gibbs_controls(GibbsModel& m, GibbsSettings& edit, bool rbm_tab_changed, const CommandFn& run);

/// Visible states shown in the chain's filmstrip.
inline constexpr int kGibbsFilm = 6;

/// The figures: the chain step by step, the fantasy particles, and inpainting.
class GibbsView {
 public:
  /// Uploads the textures when the model changed since the last upload.
  void refresh(const GibbsModel& m);
  void chain(const GibbsModel& m);
  void fantasy(const GibbsModel& m, float size);
  /// The mask (paint to clamp, right button to free), the inpainted digit and the mask buttons.
  void inpaint(GibbsModel& m, float size, const CommandFn& run);

 private:
  void upload(const GibbsModel& m);

  std::vector<FieldTexture> film_tex_, hid_tex_;
  FieldTexture fantasy_tex_, inpaint_tex_, mask_tex_;
  std::vector<float> hgrid_, mosaic_, mask_buf_;
  std::vector<int> film_steps_;
  uint64_t shown_version_ = ~uint64_t{0};
};

}  // namespace web
