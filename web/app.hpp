// app.hpp: the application: the scene table, the per-frame order (events -> step -> UI ->
// render), the page layout (full page or one embedded figure), URL state and frame stats.
#pragma once
#include <string>

namespace web {

/// Builds the scenes and reads the URL. False if the platform could not start.
bool app_init();
/// One frame; called by the browser's animation loop.
void app_frame();
/// JSON state for ebm_query().
std::string app_query();
/// Runs a named command on the active scene.
bool app_command(const std::string& name);

}  // namespace web
