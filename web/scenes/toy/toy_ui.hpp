// toy_ui.hpp: the exact RBM scene's controls and figures. Both read the model by reference; the
// controls change it only through its functions (propose, commands). The figures hold no state
// (no textures): the table, bars and text are drawn from the model each frame.
#pragma once
#include <functional>
#include <string>

#include "toy_model.hpp"

namespace web {

/// Runs a named scene command ("toggle", "step", "reset").
using CommandFn = std::function<bool(const std::string&)>;

/// Train / Step / Reset and the speed on one row; start, learning rate, k and PCD on the next.
/// `edit` is the controls' copy of the settings; changes are proposed to the model.
void toy_controls(ToyModel& m, ToySettings& edit, const CommandFn& run);

/// The table of all 32 joint states beside P(v) vs the data, the KL curve and the parameters.
void toy_figures(const ToyModel& m);

}  // namespace web
