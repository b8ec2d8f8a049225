// commands.hpp: each model family registers its subcommands on the `ebm` CLI app.
// One file per family (cmd_hopfield.cpp, cmd_rbm.cpp, cmd_dbn.cpp); main.cpp only dispatches.
// Every numeric option carries its range (CLI11 refuses a value outside it with the range in
// the message). Mode::Check registers the same options and runs only each command's argument
// checks (names, combinations, the engine's configuration checks), never the work: the CLI's
// fuzz target (fuzz/fuzz_cli.cpp) parses command lines that way.
#pragma once
#include <CLI/CLI.hpp>

namespace cli {
enum class Mode { Run, Check };
/// Adds `ebm hopfield ...` (letters, optimized, capacity).
void add_hopfield_commands(CLI::App& app, Mode mode = Mode::Run);
/// Adds `ebm rbm ...` (images, mnist, eval).
void add_rbm_commands(CLI::App& app, Mode mode = Mode::Run);
/// Adds `ebm dbn ...` (mnist, eval).
void add_dbn_commands(CLI::App& app, Mode mode = Mode::Run);
}  // namespace cli
