// boltzmann_ui.hpp: the Boltzmann machine scene's controls and view. Both read the model by
// reference; the controls change it only through its functions (propose, commands); the view
// owns the figures' textures and scratch buffers. No model rules here: those are in
// boltzmann_model.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "boltzmann_model.hpp"
#include "gfx.hpp"

namespace web {

/// Runs a named scene command ("toggle", "step", "update", "reset").
using CommandFn = std::function<bool(const std::string&)>;

/// Play / Step / Finish update / Reset, the speed slider and the progress line. `edit` is the
/// controls' copy of the settings; changes are proposed to the model.
void boltzmann_transport(BoltzmannModel& m, BoltzmannSettings& edit, const CommandFn& run);

/// The settings column: data, machine, learning, annealing.
void boltzmann_settings_panel(BoltzmannModel& m, BoltzmannSettings& edit);

/// The figures: phase banner, the machine as a graph, KL and temperature plots, P(v) beside the
/// data, and the last learning step's co-occurrence matrices.
class BoltzmannView {
 public:
  void figures(const BoltzmannModel& m);

 private:
  void phase_banner(const BoltzmannModel& m);
  void graph(const BoltzmannModel& m, float w, float h);    // boltzmann_graph_view.cpp
  void pv_bars(const BoltzmannModel& m, float w, float h);  // boltzmann_pv_view.cpp
  void kl_plot(const BoltzmannModel& m, float w, float h);
  void temperature_plot(const BoltzmannModel& m, float w, float h);
  void stats_view(const BoltzmannModel& m, float w, float h);

  FieldTexture stats_tex_[3];
  std::vector<float> stats_buf_, sched_x_, sched_y_;
  std::vector<int> slots_;  // visible vectors shown in the P(v) chart, -1 = the rest
  float now_x_ = 0, now_y_ = 0;
  float diff_range_ = 0.02f;
  uint64_t stats_version_ = ~uint64_t{0};
};

}  // namespace web
