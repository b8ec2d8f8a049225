// cmd_hopfield.cpp: `ebm hopfield ...` subcommands (placeholder until implemented).
#include "commands.hpp"

namespace cli {
void add_hopfield_commands(CLI::App& app) { app.add_subcommand("hopfield", "hopfield runs (not yet implemented)"); }
}  // namespace cli
