// capacity_ui.hpp: the capacity experiment's controls and view; they read the model and
// change it only through its functions.
#pragma once
#include <functional>
#include <string>

#include "capacity_model.hpp"
#include "imgui.h"

namespace web {

/// Curve colour and label per rule (kCapacityRuleNames order).
extern const ImU32 kCapacityRuleColors[kCapacityRuleCount];
extern const char* const kCapacityRuleLabels[kCapacityRuleCount];

/// Run / Reset, progress, the rules and the experiment's settings. `run` executes a scene command.
void capacity_controls(CapacityModel& m, CapacitySettings& edit, const std::function<bool(const std::string&)>& run);

/// Recall rate against load per rule, 0.138 marked, and the 50% crossings.
void capacity_view(const CapacityModel& m);

}  // namespace web
