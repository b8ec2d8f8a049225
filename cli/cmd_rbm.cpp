// cmd_rbm.cpp: `ebm rbm ...` subcommands (placeholder until implemented).
#include "commands.hpp"

namespace cli {
void add_rbm_commands(CLI::App& app) { app.add_subcommand("rbm", "rbm runs (not yet implemented)"); }
}  // namespace cli
