// main.cpp: the native `ebm` command-line program. It reproduces the seed library's example
// runs and prints their figures (or JSON with --json). Argument parsing only; the work is
// in the engine and the cmd_*.cpp files.
#include "commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"ebm: energy-based models from the EBM Playground engine"};
  app.require_subcommand(1);
  cli::add_hopfield_commands(app);
  cli::add_rbm_commands(app);
  cli::add_dbn_commands(app);
  CLI11_PARSE(app, argc, argv);
  return 0;
}
