// cmd_hopfield.cpp: `ebm hopfield letters | optimized | capacity`. Reproduces the seed
// library's two Hopfield example runs (same narration), writes their figures as PNG grids,
// and runs the capacity experiment. --json prints the figures as JSON instead of prose
// (fields documented in cli/README.md). All model work is in the engine; this is wiring.
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <optional>
#include <nlohmann/json.hpp>
#include <string>

#include "commands.hpp"
#include "fonts.hpp"
#include "glyphs.hpp"
#include "hopfield.hpp"
#include "hopfield_analysis.hpp"
#include "hopfield_dense.hpp"
#include "hopfield_dynamics.hpp"
#include "hopfield_rules.hpp"
#include "patterns.hpp"
#include "png.hpp"

namespace cli {
namespace {

using json = nlohmann::json;
using namespace ebm;

// Failing a command: message on stderr, exit status 1.
[[noreturn]] void fail(const std::string& msg) {
  std::fprintf(stderr, "error: %s\n", msg.c_str());
  throw CLI::RuntimeError(1);
}

// Float figures (overlaps are exact multiples of 1/n) printed as the short decimals they are,
// not as 0.699999988.
double num(float v) { return std::round(static_cast<double>(v) * 1e6) / 1e6; }

void write_png_or_fail(const std::string& path, const Grid& grid) {
  if (path.empty()) return;
  if (std::string err = write_grid_png(path, grid); !err.empty()) fail(err);
}

// Runs asynchronous descent from `start` to a fixed point (bounded) and returns the run.
HopfieldRun descend(const HopfieldNet& net, const Pattern& start, Rng& rng) {
  HopfieldRun run;
  run_reset(net, run, start);
  run_async(net, run, rng, 200LL * net.n);
  return run;
}

// [SECTION] letters ----------------------------------------------------------------------------

struct LettersArgs {
  std::string out = "letters.png";
  bool json = false;
  int grid = 10;
  double noise = 0.15;
  uint64_t seed = 1;
};

void run_letters(const LettersArgs& a) {
  const int side = a.grid;
  const std::vector<Pattern> ps = side == 5 ? letters_5x5() : letters_10x10(3);
  const int n = side * side;
  Rng rng(a.seed);
  HopfieldNet net = hopfield_make(n);
  if (!a.json) std::printf("fitting all the %zu images\n", ps.size());
  train_hebbian(net, ps);
  if (!a.json) std::printf("Visualizing patterns...\n");
  Grid grid{.columns = 3, .scale = side == 5 ? 16 : 8, .column_titles = {"pattern", "corrupted", "reconstructed"}};
  const int flips = static_cast<int>(std::lround(a.noise * n));
  json results = json::array();
  for (size_t k = 0; k < ps.size(); ++k) {
    if (!a.json) std::printf("reconstructing pattern %zu/%zu\n", k + 1, ps.size());
    const Pattern start = corrupt_count(ps[k], flips, rng);
    const HopfieldRun run = descend(net, start, rng);
    const Classification c = classify_state(ps, run.s);
    const bool ok = c.kind == RecallKind::Stored && c.index == static_cast<int>(k);
    grid.tiles.push_back(tile_from_signs(ps[k], side, side));
    grid.tiles.push_back(tile_from_signs(start, side, side));
    Tile rec = tile_from_signs(run.s, side, side);
    rec.frame = ok ? kFrameGood : kFrameBad;
    grid.tiles.push_back(rec);
    results.push_back({{"index", k},
                       {"flipped", flips},
                       {"overlap_corrupted", num(overlap(ps[k], start))},
                       {"overlap_final", num(overlap(ps[k], run.s))},
                       {"recalled", ok},
                       {"classification", recall_kind_name(c.kind)},
                       {"nearest", c.index},
                       {"energy_start", hopfield_energy(net, start)},
                       {"energy_final", run.energy},
                       {"updates", run.updates},
                       {"flips", run.flips}});
  }
  write_png_or_fail(a.out, grid);
  if (a.json) {
    json j = {{"command", "hopfield letters"}, {"rule", "hebbian"}, {"rows", side}, {"cols", side},
              {"n", n}, {"patterns", ps.size()}, {"noise", a.noise}, {"seed", a.seed},
              {"results", results}, {"png", a.out.empty() ? json(nullptr) : json(a.out)}};
    std::printf("%s\n", j.dump(2).c_str());
  } else if (!a.out.empty()) {
    std::printf("wrote %s\n", a.out.c_str());
  }
}

// [SECTION] optimized --------------------------------------------------------------------------

struct OptimizedArgs {
  std::string out = "optimized.png";
  bool json = false;
  int epochs = 3;
  double lr = 0.5;
  int steps = 2;
  double blank = 0.25;
  double noise = 0.0;
  uint64_t seed = 1;
};

OptimizedOptions optimized_options(const OptimizedArgs& a) {
  const OptimizedOptions oo{.lr = static_cast<float>(a.lr), .parasite_steps = a.steps, .epochs = a.epochs};
  if (Status st = optimized_validate(oo); !st.ok()) fail(st.message);
  return oo;
}

void run_optimized(const OptimizedArgs& a) {
  const OptimizedOptions oo = optimized_options(a);
  auto set = glyph_image_set({kRobotoRegularTtf, kRobotoRegularTtf_size},
                             {kDejaVuSansBoldTtf, kDejaVuSansBoldTtf_size}, 32);
  if (!set.ok()) fail(set.error());
  const int side = 32, n = side * side;
  std::vector<Pattern> ps;
  for (const GlyphImage& g : set.value()) ps.push_back(g.pattern);
  const size_t count = ps.size();
  Rng rng(a.seed);

  if (!a.json) std::printf("fitting all the %zu images\n", count);
  HopfieldNet opt = hopfield_make(n);
  OptimizedTrainer trainer;
  if (Status st = optimized_begin(trainer, opt, ps, oo); !st.ok()) fail(st.message);
  if (!a.json) std::printf("optimize the weights:\n");
  json epochs = json::array();
  while (!optimized_done(trainer)) {
    optimized_step(trainer, opt, rng, 1);
    if (trainer.pos == static_cast<int>(count) && !trainer.history.empty() &&
        static_cast<int>(epochs.size()) < static_cast<int>(trainer.history.size())) {
      const OptimizedEpoch& e = trainer.history.back();
      if (!a.json)
        std::printf("epoch=%d, E=%.2f   (parasites: E=%.2f, %d of %zu updated)\n", e.epoch,
                    e.mean_target_energy, e.mean_parasite_energy, e.parasites, count);
      epochs.push_back({{"epoch", e.epoch},
                        {"mean_target_energy", e.mean_target_energy},
                        {"mean_parasite_energy", e.mean_parasite_energy},
                        {"parasites", e.parasites}});
    }
  }
  const double final_e = optimized_mean_target_energy(trainer, opt);
  if (!a.json) std::printf("done,    E=%.2f\n", final_e);

  // The other rules on the same images, for comparison.
  HopfieldNet nets[kRuleCount];
  for (int r = 0; r < kRuleCount; ++r) {
    if (static_cast<Rule>(r) == Rule::Optimized) {
      nets[r] = opt;
      continue;
    }
    nets[r] = hopfield_make(n);
    auto rep = train(static_cast<Rule>(r), nets[r], ps, rng);
    if (!rep.ok()) fail(rep.error());
  }
  const int kH = static_cast<int>(Rule::Hebbian), kO = static_cast<int>(Rule::Optimized);
  int fixed[kRuleCount] = {}, recalled[kRuleCount] = {};
  Grid grid{.columns = 8, .scale = 3, .gap = 12,
            .column_titles = {"image", "corrupted", "hebbian", "optimized",
                              "image", "corrupted", "hebbian", "optimized"}};
  json images = json::array();
  const int flips = static_cast<int>(std::lround(a.noise * n));
  for (size_t k = 0; k < count; ++k) {
    if (!a.json) std::printf("reconstructing image %zu/%zu\n", k + 1, count);
    Pattern start = blank_center(ps[k], side, side, static_cast<float>(a.blank));
    if (flips > 0) start = corrupt_count(start, flips, rng);
    json per_rule = json::object();
    Pattern finals[kRuleCount];
    for (int r = 0; r < kRuleCount; ++r) {
      Pattern out;
      fixed[r] += !find_parasite(nets[r], ps[k], 1, out);  // one sync step changes nothing
      const HopfieldRun run = descend(nets[r], start, rng);
      const Classification c = classify_state(ps, run.s);
      const bool ok = c.kind == RecallKind::Stored && c.index == static_cast<int>(k);
      recalled[r] += ok;
      finals[r] = run.s;
      per_rule[rule_name(static_cast<Rule>(r))] = {{"recalled", ok},
                                                   {"overlap", num(overlap(ps[k], run.s))},
                                                   {"classification", recall_kind_name(c.kind)},
                                                   {"nearest", c.index}};
    }
    Tile img = tile_from_signs(ps[k], side, side);
    img.caption = set.value()[k].label;
    grid.tiles.push_back(img);
    grid.tiles.push_back(tile_from_signs(start, side, side));
    for (int r : {kH, kO}) {
      Tile t = tile_from_signs(finals[r], side, side);
      t.frame = per_rule[rule_name(static_cast<Rule>(r))]["recalled"].get<bool>() ? kFrameGood : kFrameBad;
      char cap[32];
      std::snprintf(cap, sizeof cap, "m=%.3f", overlap(ps[k], finals[r]));
      t.caption = cap;
      grid.tiles.push_back(t);
    }
    images.push_back({{"index", k}, {"label", set.value()[k].label},
                      {"overlap_corrupted", num(overlap(ps[k], start))}, {"rules", per_rule}});
  }
  write_png_or_fail(a.out, grid);

  if (a.json) {
    json rules = json::object();
    for (int r = 0; r < kRuleCount; ++r)
      rules[rule_name(static_cast<Rule>(r))] = {{"fixed_points", fixed[r]}, {"recalled", recalled[r]}};
    json j = {{"command", "hopfield optimized"}, {"rows", side}, {"cols", side}, {"n", n},
              {"images", count}, {"epochs", a.epochs}, {"lr", a.lr}, {"parasite_steps", a.steps},
              {"blank", a.blank}, {"noise", a.noise}, {"seed", a.seed},
              {"training", epochs}, {"final_mean_target_energy", final_e},
              {"recall", rules}, {"per_image", images},
              {"png", a.out.empty() ? json(nullptr) : json(a.out)}};
    std::printf("%s\n", j.dump(2).c_str());
    return;
  }
  std::printf("\nexact recall of the %zu images from a blanked centre (%.0f%% box%s), "
              "and how many are fixed points:\n", count, 100 * a.blank,
              flips ? (" + " + std::to_string(flips) + " flipped units").c_str() : "");
  for (int r = 0; r < kRuleCount; ++r)
    std::printf("  %-15s recalled %2d/%zu   fixed points %2d/%zu\n", rule_name(static_cast<Rule>(r)),
                recalled[r], count, fixed[r], count);
  std::printf("plain hebbian recalls %d, optimized %d\n", recalled[kH], recalled[kO]);
  if (!a.out.empty()) std::printf("wrote %s\n", a.out.c_str());
}

// [SECTION] capacity ---------------------------------------------------------------------------

struct CapacityArgs {
  std::string rule = "hebbian";
  int degree = 3;       // --rule dense: n of F(x) = x^n
  double beta = 1.0;    // --rule exp: F(x) = exp(beta x)
  int probes = 0;       // stored patterns probed per network, 0 = all
  int n = 200;
  int trials = 4;
  double max_alpha = 0;  // 0: a default per rule
  double noise = 0.10;
  double threshold = 0.95;
  std::string set;      // "" (random) or "glyphs"
  bool json = false;
  uint64_t seed = 1;
};

// Default largest load of a dense rule: past its 50% point at N = 100..200 (measured, see
// cli/README.md). Degree n stores about N^(n-2) times more per unit than degree 2 (Krotov &
// Hopfield 2016), so the range grows with N for n >= 3; exp stores exponentially many, so its
// range is as large as allowed.
// Capped at kDenseMaxAlpha and at the memory limit P N <= 2^26.
float dense_default_max_alpha(const DenseOptions& d, int n) {
  const double cap = std::min<double>(kDenseMaxAlpha, std::floor(double(1 << 26) / n / n));
  if (d.kind == DenseKind::Exponential) return static_cast<float>(cap);
  if (d.degree == 2) return 0.3f;
  const double a = 0.12 * std::pow(static_cast<double>(n), d.degree - 2);
  return static_cast<float>(std::min(a, cap));
}

// The experiment's options from the arguments (patterns not yet drawn); fails with a message.
struct CapacityPlan {
  CapacityOptions options;
  std::optional<DenseOptions> dense;
  Rule classical = Rule::Hebbian;
  std::string rule_label;
};

CapacityPlan capacity_plan(const CapacityArgs& a) {
  // "dense" and "exp" are dense associative memories, not classical learning rules.
  std::optional<DenseOptions> dense;
  Rule classical = Rule::Hebbian;
  if (a.rule == "dense") {
    dense = DenseOptions{.kind = DenseKind::Polynomial, .degree = a.degree};
  } else if (a.rule == "exp") {
    dense = DenseOptions{.kind = DenseKind::Exponential, .beta = static_cast<float>(a.beta)};
  } else {
    auto rule = rule_from_name(a.rule);
    if (!rule.ok()) fail(rule.error() + ", or dense (--degree N) or exp (--beta B)");
    classical = rule.value();
  }
  if (dense)
    if (Status st = dense_validate(*dense); !st.ok()) fail(st.message);
  if (a.set != "glyphs" && !a.set.empty())
    fail("unknown pattern set '" + a.set + "': use glyphs, or leave it out for random patterns");
  const std::string rule_label = dense ? (dense->kind == DenseKind::Exponential ? "exp" : "dense")
                                       : rule_name(classical);
  CapacityOptions o{.rule = classical, .dense = dense, .n = a.n, .trials = a.trials, .probes = a.probes,
                    .recall = {.noise = static_cast<float>(a.noise),
                               .threshold = static_cast<float>(a.threshold)}};
  // Default ranges reach past each rule's 50% point (measured at N = 100..400).
  const float defaults[kRuleCount] = {0.30f, 0.60f, 0.80f, 0.40f};
  o.max_alpha = a.max_alpha > 0   ? static_cast<float>(a.max_alpha)
                : dense ? dense_default_max_alpha(*dense, a.n)
                        : defaults[static_cast<int>(classical)];
  if (!(o.max_alpha > 0.0f && o.max_alpha <= (dense ? kDenseMaxAlpha : 2.0f)))
    fail("--max-alpha must be in (0, " + std::string(dense ? "1000" : "2") + "] for this rule");
  return {o, dense, classical, rule_label};
}

void run_capacity(const CapacityArgs& a) {
  CapacityPlan plan = capacity_plan(a);
  CapacityOptions& o = plan.options;
  const std::optional<DenseOptions>& dense = plan.dense;
  const std::string& rule_label = plan.rule_label;
  if (a.set == "glyphs") {
    auto set = glyph_image_set({kRobotoRegularTtf, kRobotoRegularTtf_size},
                               {kDejaVuSansBoldTtf, kDejaVuSansBoldTtf_size}, 32);
    if (!set.ok()) fail(set.error());
    for (const GlyphImage& g : set.value()) o.patterns.push_back(g.pattern);
  }
  CapacityExperiment exp;
  if (Status st = capacity_begin(exp, o); !st.ok()) fail(st.message);
  Rng rng(a.seed);
  const bool progress = !a.json && isatty(STDERR_FILENO);
  const auto t0 = std::chrono::steady_clock::now();
  while (!capacity_done(exp)) {
    capacity_step(exp, rng, 200);
    if (progress) std::fprintf(stderr, "\r  %3.0f%%", 100.0f * capacity_fraction_done(exp));
  }
  if (progress) std::fprintf(stderr, "\r      \r");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const auto half = capacity_crossing(exp, 0.5f);

  if (a.json) {
    json pts = json::array();
    for (const CapacityPoint& p : exp.points)
      pts.push_back({{"alpha", num(p.alpha)}, {"patterns", p.patterns}, {"probes", p.probes},
                     {"successes", p.successes}, {"rate", num(p.rate())}, {"mean_overlap", num(p.mean_overlap())}});
    json j = {{"command", "hopfield capacity"}, {"rule", rule_label}, {"n", exp.n},
              {"set", a.set.empty() ? "random" : a.set}, {"trials", a.trials}, {"noise", a.noise},
              {"threshold", a.threshold}, {"seed", a.seed}, {"points", pts},
              {"alpha_half", half ? json(num(*half)) : json(nullptr)}, {"seconds", seconds}};
    if (dense && dense->kind == DenseKind::Polynomial) j["degree"] = dense->degree;
    if (dense && dense->kind == DenseKind::Exponential) j["beta"] = a.beta;
    if (a.probes > 0) j["probes"] = a.probes;
    std::printf("%s\n", j.dump(2).c_str());
    return;
  }
  const std::string shown = dense ? (dense->kind == DenseKind::Exponential
                                         ? "exp (F(x) = exp(" + std::to_string(a.beta).substr(0, 6) + " x))"
                                         : "dense (F(x) = x^" + std::to_string(dense->degree) + ")")
                                  : rule_label;
  std::printf("capacity of the %s rule, N = %d, %s patterns, %d trials per load\n", shown.c_str(), exp.n,
              a.set.empty() ? "random" : a.set.c_str(), a.trials);
  std::printf("recall: %.0f%% of units flipped, async descent, success if overlap >= %.2f\n\n",
              100 * a.noise, a.threshold);
  std::printf("  alpha       P   recall  mean m\n");
  for (const CapacityPoint& p : exp.points) {
    const int bar = static_cast<int>(std::lround(30 * p.rate()));
    std::printf("  %7.3f  %6d   %5.2f   %5.3f  %s\n", p.alpha, p.patterns, p.rate(), p.mean_overlap(),
                std::string(bar, '#').c_str());
  }
  if (half)
    std::printf("\nrecall drops to 50%% at alpha = %.3f (P = %.1f)\n", *half, *half * exp.n);
  else if (!exp.points.empty() && exp.points.front().rate() < 0.5f)
    std::printf("\nrecall is below 50%% already at alpha = %.3f\n", exp.points.front().alpha);
  else
    std::printf("\nrecall stays at or above 50%% up to alpha = %.3f\n", exp.points.back().alpha);
  std::printf("(%.1f s)\n", seconds);
}

}  // namespace

void add_hopfield_commands(CLI::App& app, Mode mode) {
  const bool run = mode == Mode::Run;
  CLI::App* hop = app.add_subcommand("hopfield", "Hopfield networks: the seed's runs, capacity");
  hop->require_subcommand(1);

  auto la = std::make_shared<LettersArgs>();
  CLI::App* letters = hop->add_subcommand("letters", "store 3 letters (Hebbian), recall them from noise");
  letters->add_option("--out", la->out, "PNG grid: pattern | corrupted | reconstructed ('' for none)")
      ->capture_default_str();
  letters->add_flag("--json", la->json, "print the figures as JSON instead of prose");
  letters->add_option("--grid", la->grid, "letter grid side: 5 (the seed's A B C) or 10")
      ->check(CLI::IsMember({5, 10}))->capture_default_str();
  letters->add_option("--noise", la->noise, "fraction of units flipped before recall")
      ->check(CLI::Range(0.0, 0.5))->capture_default_str();
  letters->add_option("--seed", la->seed, "random seed")->capture_default_str();
  letters->callback([la, run] {
    if (run) run_letters(*la);
  });

  auto oa = std::make_shared<OptimizedArgs>();
  CLI::App* opt = hop->add_subcommand("optimized", "store 12 glyph images, optimize the weights, recall");
  opt->add_option("--epochs", oa->epochs, "passes of the optimized rule")
      ->check(CLI::Range(0, 1000))->capture_default_str();
  opt->add_option("--lr", oa->lr, "step size, in units of one Hebbian pattern")
      ->check(CLI::Range(1e-6, 100.0))->capture_default_str();
  opt->add_option("--steps", oa->steps, "synchronous steps from a target to its parasite")
      ->check(CLI::Range(1, 100))->capture_default_str();
  opt->add_option("--blank", oa->blank, "side of the blanked centre box, fraction of the image")
      ->check(CLI::Range(0.0, 1.0))->capture_default_str();
  opt->add_option("--noise", oa->noise, "fraction of units flipped on top of the blanking")
      ->check(CLI::Range(0.0, 0.5))->capture_default_str();
  opt->add_option("--out", oa->out, "PNG grid ('' for none)")->capture_default_str();
  opt->add_flag("--json", oa->json, "print the figures as JSON instead of prose");
  opt->add_option("--seed", oa->seed, "random seed")->capture_default_str();
  opt->callback([oa, run] {
    if (run) run_optimized(*oa);
    else optimized_options(*oa);
  });

  auto ca = std::make_shared<CapacityArgs>();
  CLI::App* cap = hop->add_subcommand("capacity", "recall rate vs load alpha = P/N for a rule");
  cap->add_option("--rule", ca->rule,
                  "hebbian, storkey, pseudo-inverse (pinv), optimized, or the dense associative "
                  "memories dense (F(x) = x^degree) and exp (F(x) = exp(beta x))")
      ->capture_default_str();
  cap->add_option("--degree", ca->degree, "--rule dense: degree n of F(x) = x^n (2 = Hebbian)")
      ->check(CLI::Range(2, kDenseMaxDegree))->capture_default_str();
  cap->add_option("--beta", ca->beta, "--rule exp: F(x) = exp(beta x) on the overlap x = xi . s")
      ->check(CLI::Range(1e-6, 100.0))->capture_default_str();
  cap->add_option("--probes", ca->probes, "stored patterns probed per network (0 = all)")
      ->check(CLI::Range(0, 100000))->capture_default_str();
  cap->add_option("--n", ca->n, "number of units")->check(CLI::Range(2, 4096))->capture_default_str();
  cap->add_option("--trials", ca->trials, "networks per load")->check(CLI::Range(1, 10000))->capture_default_str();
  cap->add_option("--max-alpha", ca->max_alpha, "largest load tested (default per rule; dense rules up to 1000)")
      ->check(CLI::Range(0.0, 1000.0));
  cap->add_option("--noise", ca->noise, "fraction of units flipped in each probe")
      ->check(CLI::Range(0.0, 0.5))->capture_default_str();
  cap->add_option("--threshold", ca->threshold, "overlap counted as a recall")
      ->check(CLI::Range(1e-6, 1.0))->capture_default_str();
  cap->add_option("--set", ca->set, "'glyphs': the 12-image set (N = 1024, P = 1..12) instead of random");
  cap->add_flag("--json", ca->json, "print the figures as JSON instead of prose");
  cap->add_option("--seed", ca->seed, "random seed")->capture_default_str();
  cap->callback([ca, run] {
    if (run) run_capacity(*ca);
    else capacity_plan(*ca);
  });
}

}  // namespace cli
