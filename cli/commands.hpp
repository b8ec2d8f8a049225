// commands.hpp: each model family registers its subcommands on the `ebm` CLI app.
// One file per family (cmd_hopfield.cpp, cmd_rbm.cpp, cmd_dbn.cpp); main.cpp only dispatches.
#pragma once
#include <CLI/CLI.hpp>

namespace cli {
/// Adds `ebm hopfield ...` (letters, optimized, capacity).
void add_hopfield_commands(CLI::App& app);
/// Adds `ebm rbm ...` (images, mnist, eval).
void add_rbm_commands(CLI::App& app);
/// Adds `ebm dbn ...` (mnist, eval).
void add_dbn_commands(CLI::App& app);
}  // namespace cli
