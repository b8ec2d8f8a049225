// fuzz_cli.cpp: libFuzzer target for the `ebm` command line (cli/): the real option table of
// every subcommand (CLI11 conversion, the ranges of every numeric option) and each command's
// argument checks (names, list options like --layers, the engine's configuration checks), run
// in cli::Mode::Check so no training starts. Input: the arguments after "ebm", separated by
// spaces, tabs or newlines. Properties: nothing crashes, leaks or trips a sanitizer; a refusal
// is a CLI11 error or a message, never an abort.
#include <cstdint>
#include <string>
#include <vector>

#include "commands.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 2048) return 0;
  std::vector<std::string> args{"ebm"};
  std::string cur;
  for (size_t i = 0; i <= size; ++i) {
    const char c = i < size ? static_cast<char>(data[i]) : ' ';
    if (c == ' ' || c == '\t' || c == '\n') {
      if (!cur.empty()) args.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  CLI::App app{"ebm"};
  app.require_subcommand(1);
  cli::add_hopfield_commands(app, cli::Mode::Check);
  cli::add_rbm_commands(app, cli::Mode::Check);
  cli::add_dbn_commands(app, cli::Mode::Check);
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::Error& e) {
    // A refusal: CLI11's own (ParseError, ValidationError...) or a command's message (RuntimeError).
    FUZZ_CHECK(e.get_exit_code() != 0 || e.get_name() == "CallForHelp" || e.get_name() == "CallForAllHelp" ||
               e.get_name() == "CallForVersion" || e.get_name() == "Success");
  }
  return 0;
}
