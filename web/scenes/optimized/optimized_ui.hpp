// optimized_ui.hpp: the optimized-rule scene's controls and view; they read the model and
// change it only through its functions. The view owns the textures.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "gfx.hpp"
#include "optimized_model.hpp"

namespace web {

/// Play / Step / Reset, speed, progress and the rule's settings.
void optimized_controls(OptimizedModel& m, OptimizedSettings& edit, const std::function<bool(const std::string&)>& run);

/// The current target beside its parasite, energies per epoch, recall per epoch, the 12 targets.
class OptimizedView {
 public:
  void refresh(const OptimizedModel& m);
  void figures(const OptimizedModel& m);

 private:
  void pair_view(const OptimizedModel& m, float big);
  void targets_view(const OptimizedModel& m);

  FieldTexture target_tex_, parasite_tex_;
  std::vector<FieldTexture> thumbs_;
  uint64_t shown_ = ~uint64_t{0};
};

}  // namespace web
