// cmd_dbn.cpp: `ebm dbn mnist | eval`. Trains a deep belief net greedily on the MNIST digits
// (stacked RBMs, then a top RBM that also sees the label), prints per-layer monitors and the
// held-out accuracy of its free-energy classifier, saves it, draws dreamed digits; evaluates a
// saved DBN. All model work is in the engine (dbn.hpp); this is wiring. JSON fields are
// documented in cli/README.md, section "ebm dbn".
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "datasets.hpp"
#include "dbn.hpp"
#include "model_io.hpp"
#include "png.hpp"
#include "rbm_metrics.hpp"

#ifndef EBM_DEFAULT_MNIST
#define EBM_DEFAULT_MNIST "build/assets/mnist.bin"
#endif

namespace cli {
namespace {

using json = nlohmann::json;
using namespace ebm;
using Clock = std::chrono::steady_clock;

[[noreturn]] void fail(const std::string& msg) {
  std::fprintf(stderr, "error: %s\n", msg.c_str());
  throw CLI::RuntimeError(1);
}

double num(double v, double scale = 1e6) { return std::round(v * scale) / scale; }

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

Binarize parse_binarize(const std::string& s) {
  if (s == "none") return Binarize::None;
  if (s == "threshold") return Binarize::Threshold;
  if (s == "sample") return Binarize::Sample;
  fail("--binarize must be none, threshold or sample, got '" + s + "'");
}

// The asset's fixed split. Pixels as training and classification use them: grey levels for
// `sample` (redrawn per presentation by the trainer; the deterministic upward pass reads grey
// levels as probabilities) and `none`, 0/1 for `threshold`.
struct Mnist {
  DatasetSplit split;
  std::vector<float> train, held;
  int n_train = 0, n_held = 0;
};

Mnist load_mnist(const std::string& asset, Binarize mode) {
  auto bytes = read_file_bytes(asset);
  if (!bytes) fail(bytes.error() + " (build it: cmake --build <build dir> --target ebm_mnist_asset)");
  auto ds = parse_mnist_asset(bytes.value());
  if (!ds) fail(asset + ": " + ds.error());
  Mnist m;
  m.split = split_held_out(ds.value(), kMnistHeldOut);
  const Binarize as = mode == Binarize::Threshold ? Binarize::Threshold : Binarize::None;
  m.train = dataset_to_float(m.split.train, as);
  m.held = dataset_to_float(m.split.held_out, as);
  m.n_train = m.split.train.count;
  m.n_held = m.split.held_out.count;
  return m;
}

std::vector<int> parse_sizes(const std::string& s) {
  std::vector<int> out;
  if (s.empty() || s == "none") return out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ',')) {
    char* end = nullptr;
    const long v = std::strtol(item.c_str(), &end, 10);
    if (item.empty() || *end != '\0' || v < 1 || v > 16384)
      fail("--layers must be a comma-separated list of sizes in [1, 16384] (or 'none'), got '" + s + "'");
    out.push_back(static_cast<int>(v));
  }
  return out;
}

// Rows (n, nv) of a stage's inputs for the held-out digits: the upward pass through the first
// `up` stacked layers of d, with the one-hot labels appended for the top.
std::vector<float> stage_inputs(const Dbn& d, int up, bool top, const std::vector<float>& pixels,
                                const std::vector<uint8_t>& y, int n, DbnScratch& s) {
  std::vector<float> act = pixels;
  int width = static_cast<int>(pixels.size() / n);
  if (up > 0) {
    width = d.layers[up - 1].nh;
    act.assign(static_cast<size_t>(n) * width, 0.0f);
    dbn_up(d, pixels.data(), n, up, act.data(), s);
  }
  if (!top) return act;
  const int labels = 10;
  std::vector<float> rows(static_cast<size_t>(n) * (width + labels), 0.0f);
  for (int r = 0; r < n; ++r) {
    std::copy(act.begin() + static_cast<size_t>(r) * width, act.begin() + static_cast<size_t>(r + 1) * width,
              rows.begin() + static_cast<size_t>(r) * (width + labels));
    rows[static_cast<size_t>(r) * (width + labels) + width + y[r]] = 1.0f;
  }
  return rows;
}

// Dreams: `per` chains per label, clamped, after `sweeps` Gibbs sweeps in the top RBM and a
// deterministic downward pass; one row per label. Also how often the DBN classifies its own
// dreams as the clamped label.
struct Dreams {
  Grid grid;
  double self_agreement = 0;
};

DbnChainStart parse_start(const std::string& s) {
  if (s == "noise") return DbnChainStart::Noise;
  if (s == "base-rate") return DbnChainStart::BaseRate;
  if (s == "zero") return DbnChainStart::Zero;
  fail("--dream-start must be noise, base-rate or zero, got '" + s + "'");
}

Dreams dream(const Dbn& d, int per, int sweeps, const std::string& start, Rng& rng) {
  const int n = d.labels * per;
  DbnChains c = dbn_chains_make(d, n);
  std::vector<int> clamp(n);
  for (int r = 0; r < n; ++r) clamp[r] = r / per;
  dbn_chains_start(c, d, rng, clamp, parse_start(start));
  dbn_chains_step(c, d, rng, sweeps);
  dbn_chains_down(c, d, rng);
  Dreams out;
  out.grid = Grid{.columns = per, .scale = 3, .gap = 4,
                  .title = "DBN dreams: label clamped, " + std::to_string(sweeps) + " Gibbs sweeps in the top RBM"};
  DbnScratch s;
  int agree = 0;
  for (int r = 0; r < n; ++r) {
    const auto img = dbn_chains_image(c, d, r);
    int got = -1;
    dbn_classify(d, img.data(), 1, &got, s);
    agree += got == clamp[r];
    Tile t = d.width > 0 ? tile_from_ink(img, d.height, d.width) : tile_from_ink(img, 1, static_cast<int>(img.size()));
    t.frame = got == clamp[r] ? kFrameGood : kFrameBad;
    out.grid.tiles.push_back(std::move(t));
  }
  for (int l = 0; l < d.labels; ++l) out.grid.row_titles.push_back(std::to_string(l));
  out.self_agreement = double(agree) / n;
  return out;
}

// Held-out accuracy, per-class accuracy and confusion counts.
struct Accuracy {
  double overall = 0;
  std::vector<double> per_class;
  std::vector<std::vector<int>> confusion;  // [true][predicted]
};

Accuracy accuracy(const Dbn& d, const std::vector<float>& x, const std::vector<uint8_t>& y, int n) {
  DbnScratch s;
  std::vector<int> got(n);
  dbn_classify(d, x.data(), n, got.data(), s);
  Accuracy a;
  a.confusion.assign(d.labels, std::vector<int>(d.labels, 0));
  std::vector<int> count(d.labels, 0), right(d.labels, 0);
  for (int r = 0; r < n; ++r) {
    ++a.confusion[y[r]][got[r]];
    ++count[y[r]];
    right[y[r]] += got[r] == y[r];
  }
  int ok = 0;
  for (int l = 0; l < d.labels; ++l) {
    ok += right[l];
    a.per_class.push_back(count[l] ? double(right[l]) / count[l] : 0.0);
  }
  a.overall = n ? double(ok) / n : 0.0;
  return a;
}

json accuracy_json(const Accuracy& a) {
  json per = json::array();
  for (double v : a.per_class) per.push_back(num(v, 1e4));
  return {{"held_out_accuracy", num(a.overall, 1e4)}, {"per_class_accuracy", per}, {"confusion", a.confusion}};
}

// [SECTION] mnist ------------------------------------------------------------------------------

struct MnistArgs {
  std::string layers = "256,256";
  int top = 512;
  int epochs = 10;
  int top_epochs = 0;  // 0: 3 x epochs (the top's joint of digits and labels needs the longest)
  double lr = 0.05;
  double top_lr = 0;   // 0: same as lr
  int k = 1;
  int top_k = 10;      // CD-10 in the top: with CD-1 its chains fall into blank and "1" modes
                       // and clamped dreams agree with their label about half the time
  int batch = 50;
  double momentum = 0.5;
  double weight_decay = 1e-4;
  bool pcd = false;
  bool top_pcd = false;
  bool sample_hidden = false;
  std::string binarize = "sample";
  std::string asset = EBM_DEFAULT_MNIST;
  std::string save;
  std::string out;
  int dream_sweeps = 200;
  std::string dream_start = "noise";
  bool json = false;
  uint64_t seed = 1;
};

// The DBN's configuration from the arguments; fails with a message before any data loads.
DbnConfig dbn_config(const MnistArgs& a, Binarize mode) {
  DbnConfig cfg;
  cfg.hidden = parse_sizes(a.layers);
  cfg.top_hidden = a.top;
  cfg.labels = 10;
  cfg.width = 28;
  cfg.height = 28;
  cfg.layer = RbmTrainConfig{.method = a.pcd ? RbmMethod::Pcd : RbmMethod::Cd, .batch_size = a.batch, .k = a.k,
                             .learning_rate = static_cast<float>(a.lr), .momentum = static_cast<float>(a.momentum),
                             .weight_decay = static_cast<float>(a.weight_decay), .epochs = a.epochs};
  cfg.top = cfg.layer;
  cfg.top.method = a.top_pcd ? RbmMethod::Pcd : RbmMethod::Cd;
  cfg.top.epochs = a.top_epochs > 0 ? a.top_epochs : 3 * a.epochs;
  cfg.top.learning_rate = static_cast<float>(a.top_lr > 0 ? a.top_lr : a.lr);
  cfg.top.k = a.top_k;
  cfg.sample_pixels = mode == Binarize::Sample;
  cfg.sample_hidden = a.sample_hidden;
  if (static_cast<int>(cfg.hidden.size()) > kDbnMaxLayers)
    fail("--layers: at most " + std::to_string(kDbnMaxLayers) + " stacked layers");
  if (Status st = rbm_config_check(cfg.layer); !st.ok()) fail("layers: " + st.message);
  RbmTrainConfig top = cfg.top;
  top.softmax_tail = cfg.labels;
  if (Status st = rbm_config_check(top); !st.ok()) fail("top: " + st.message);
  parse_start(a.dream_start);
  return cfg;
}

void run_mnist(const MnistArgs& a) {
  const Binarize mode = parse_binarize(a.binarize);
  const DbnConfig cfg = dbn_config(a, mode);
  const Mnist m = load_mnist(a.asset, mode);
  Rng rng(a.seed);
  auto made = dbn_trainer_make(m.train, m.split.train.labels, 784, cfg, rng);
  if (!made) fail(made.error());
  DbnTrainer& t = made.value();
  const int stages = dbn_stage_count(t);
  if (!a.json) {
    std::printf("MNIST: %d training digits, %d held out (binarize: %s); DBN 784", m.n_train, m.n_held,
                a.binarize.c_str());
    for (int h : cfg.hidden) std::printf(" - %d", h);
    std::printf(" - [%d + 10 labels] x %d; %s-%d, lr %g (top %g), batch %d, momentum %g, weight decay %g\n",
                cfg.hidden.empty() ? 784 : cfg.hidden.back(), a.top, a.pcd ? "PCD" : "CD", a.k, a.lr,
                cfg.top.learning_rate, a.batch, a.momentum, a.weight_decay);
  }
  const bool tty = !a.json && isatty(STDOUT_FILENO);
  json layers = json::array();
  std::vector<double> train_secs(stages, 0.0), prop_secs(stages, 0.0);
  DbnScratch scratch;
  MetricScratch ms;
  int last_epoch = 0;
  auto t_total = Clock::now();
  while (!dbn_train_finished(t)) {
    const int stage = t.stage;
    const DbnPhase phase = t.phase;
    const size_t reports = t.reports.size();
    const auto t0 = Clock::now();
    // Small slices that never cross a stage boundary: a finished stage is seen (and measured,
    // with its trainer still in t.current) before anything of the next one runs.
    int budget = 1;
    if (phase == DbnPhase::Training) {
      const RbmTrainer& c = t.current;
      const int left = (c.config.epochs - c.epoch) * c.batches_per_epoch - c.batch;
      budget = std::clamp(left, 1, 20);
    }
    dbn_train_step(t, rng, budget);
    (phase == DbnPhase::Training ? train_secs : prop_secs)[std::min(stage, stages - 1)] += seconds_since(t0);
    if (t.phase == DbnPhase::Failed) fail(t.status.message);
    if (phase == DbnPhase::Training && t.reports.size() == reports && t.current.epoch != last_epoch) {
      last_epoch = t.current.epoch;
      if (tty)
        std::printf("\r  layer %d/%d (%d x %d) epoch %d/%d  recon %.4f   ", stage + 1, stages, t.current.rbm.nv,
                    t.current.rbm.nh, t.current.epoch, t.current.config.epochs, t.current.last_epoch_recon_error);
      std::fflush(stdout);
    }
    if (t.reports.size() == reports) continue;
    // A stage finished: its monitors, on its own inputs (t.current still holds them).
    last_epoch = 0;
    const DbnStageReport& rep = t.reports.back();
    const RbmTrainer& cur = t.current;
    const bool top = rep.stage == stages - 1;
    const auto tm = Clock::now();
    // Its inputs: the held-out digits through the stacked layers below it.
    const int up = top ? static_cast<int>(t.dbn.layers.size()) : rep.stage;
    const std::vector<float> held = stage_inputs(t.dbn, up, top, m.held, m.split.held_out.labels, m.n_held, scratch);
    const int tail = top ? 10 : 0;
    const double recon_held = reconstruction_error(cur.rbm, held.data(), m.n_held, ms, tail);
    const double f_train = rbm_mean_free_energy(cur.rbm, cur.data.data(), cur.n, ms.hidden);
    const double f_held = rbm_mean_free_energy(cur.rbm, held.data(), m.n_held, ms.hidden);
    const double monitor_s = seconds_since(tm);
    layers.push_back({{"stage", rep.stage + 1},
                      {"kind", top ? "top" : "stacked"},
                      {"nv", rep.nv},
                      {"nh", rep.nh},
                      {"epochs", rep.epochs},
                      {"updates", rep.updates},
                      {"recon_error_train_batches", num(rep.recon_error)},
                      {"recon_error_held_out", num(recon_held)},
                      {"free_energy_train", num(f_train, 1e4)},
                      {"free_energy_held_out", num(f_held, 1e4)},
                      {"free_energy_gap", num(f_held - f_train, 1e4)},
                      {"train_seconds", num(train_secs[rep.stage], 1e3)},
                      {"monitor_seconds", num(monitor_s, 1e3)}});
    if (!a.json)
      std::printf("%slayer %d/%d (%d x %d%s): %d epochs in %.1f s  recon %.4f (held-out %.4f)  F train %.2f "
                  "held-out %.2f gap %+.2f\n",
                  tty ? "\r" : "", rep.stage + 1, stages, rep.nv, rep.nh, top ? ", labels in the last 10" : "",
                  rep.epochs, train_secs[rep.stage], rep.recon_error, recon_held, f_train, f_held, f_held - f_train);
  }
  const double total_s = seconds_since(t_total);
  for (int k = 0; k + 1 < stages && k < static_cast<int>(layers.size()); ++k)
    layers[k]["propagate_seconds"] = num(prop_secs[k], 1e3);
  const Dbn& d = t.dbn;
  const auto ta = Clock::now();
  const Accuracy acc = accuracy(d, m.held, m.split.held_out.labels, m.n_held);
  const double acc_train = [&] {
    DbnScratch s;
    return dbn_accuracy(d, m.train.data(), m.split.train.labels.data(), m.n_train, s);
  }();
  const double classify_s = seconds_since(ta);
  double train_s = 0;
  for (double v : train_secs) train_s += v;
  for (double v : prop_secs) train_s += v;

  if (!a.save.empty()) {
    DbnTrainingInfo info;
    info.dataset = "mnist-train";
    info.binarize = a.binarize;
    info.seed = a.seed;
    info.held_out_accuracy = acc.overall;
    for (const DbnStageReport& r : t.reports) {
      const bool top = r.stage == stages - 1;
      const RbmTrainConfig& c = top ? cfg.top : cfg.layer;
      RbmTrainingInfo si;
      si.method = c.method == RbmMethod::Pcd ? "pcd" : "cd";
      si.k = c.k;
      si.learning_rate = c.learning_rate;
      si.momentum = c.momentum;
      si.weight_decay = c.weight_decay;
      si.batch_size = std::min(c.batch_size, m.n_train);
      si.epochs = r.epochs;
      si.updates = r.updates;
      si.dataset = r.stage == 0 ? "mnist-train" : "mnist-train, layer " + std::to_string(r.stage) + " activities";
      si.binarize = r.stage == 0 ? a.binarize : a.sample_hidden ? "sample" : "none";
      si.seed = a.seed;
      info.stages.push_back(si);
    }
    if (Status s = dbn_save(a.save, d, &info); !s.ok()) fail(s.message);
    if (!a.json) std::printf("saved %s\n", a.save.c_str());
  }
  double self_agreement = -1;
  if (!a.out.empty()) {
    Dreams dr = dream(d, 10, a.dream_sweeps, a.dream_start, rng);
    self_agreement = dr.self_agreement;
    if (std::string err = write_grid_png(a.out, dr.grid); !err.empty()) fail(err);
    if (!a.json) std::printf("wrote %s (the DBN classifies %.0f%% of its dreams as the clamped label)\n", a.out.c_str(),
                             100 * self_agreement);
  }
  if (a.json) {
    json j = {{"command", "dbn mnist"}, {"input", 784}, {"layers", cfg.hidden}, {"top", a.top}, {"labels", 10},
              {"epochs", a.epochs}, {"top_epochs", cfg.top.epochs}, {"method", a.pcd ? "pcd" : "cd"},
              {"top_method", a.top_pcd ? "pcd" : "cd"}, {"k", a.k}, {"top_k", cfg.top.k}, {"lr", a.lr},
              {"top_lr", num(cfg.top.learning_rate)}, {"batch", a.batch}, {"momentum", a.momentum},
              {"weight_decay", a.weight_decay}, {"binarize", a.binarize}, {"sample_hidden", a.sample_hidden},
              {"seed", a.seed}, {"train_rows", m.n_train}, {"held_out_rows", m.n_held}, {"stages", layers},
              {"train_seconds", num(train_s, 1e3)}, {"total_seconds", num(total_s, 1e3)},
              {"train_accuracy", num(acc_train, 1e4)}, {"classify_seconds", num(classify_s, 1e3)},
              {"dream_self_agreement", self_agreement >= 0 ? json(num(self_agreement, 1e4)) : json(nullptr)},
              {"saved", a.save.empty() ? json(nullptr) : json(a.save)},
              {"png", a.out.empty() ? json(nullptr) : json(a.out)}};
    j.update(accuracy_json(acc));
    std::printf("%s\n", j.dump(2).c_str());
    return;
  }
  std::printf("held-out accuracy %.2f%% (%d digits; training digits %.2f%%), classified by the lowest free energy "
              "of the top RBM with each label clamped\n",
              100 * acc.overall, m.n_held, 100 * acc_train);
  std::printf("training %.1f s in all\n", train_s);
}

// [SECTION] eval -------------------------------------------------------------------------------

struct EvalArgs {
  std::string model;
  std::string asset = EBM_DEFAULT_MNIST;
  std::string binarize;  // default: as recorded in the file, else sample
  std::string out;
  int dream_sweeps = 200;
  std::string dream_start = "noise";
  bool json = true;
  uint64_t seed = 1;
};

void run_eval(const EvalArgs& a) {
  DbnTrainingInfo info;
  auto loaded = dbn_load(a.model, 784, &info);
  if (!loaded) fail(loaded.error());
  const Dbn& d = loaded.value();
  if (d.labels != 10) fail(a.model + ": the DBN has " + std::to_string(d.labels) + " labels, MNIST needs 10");
  const std::string bin = !a.binarize.empty() ? a.binarize : !info.binarize.empty() ? info.binarize : "sample";
  const Mnist m = load_mnist(a.asset, parse_binarize(bin));
  const auto t0 = Clock::now();
  const Accuracy acc = accuracy(d, m.held, m.split.held_out.labels, m.n_held);
  const double secs = seconds_since(t0);
  json layers = json::array();
  for (const Rbm& r : d.layers) layers.push_back(r.nh);
  json j = {{"command", "dbn eval"}, {"model", a.model}, {"input", dbn_input_size(d)}, {"layers", layers},
            {"top", d.top.nh}, {"labels", d.labels}, {"binarize", bin}, {"held_out_rows", m.n_held},
            {"classify_seconds", num(secs, 1e3)},
            {"recorded_held_out_accuracy", info.held_out_accuracy >= 0 ? json(num(info.held_out_accuracy, 1e4)) : json(nullptr)},
            {"seed", a.seed}};
  j.update(accuracy_json(acc));
  if (!a.out.empty()) {
    Rng rng(a.seed);
    Dreams dr = dream(d, 10, a.dream_sweeps, a.dream_start, rng);
    if (std::string err = write_grid_png(a.out, dr.grid); !err.empty()) fail(err);
    j["dream_self_agreement"] = num(dr.self_agreement, 1e4);
    j["png"] = a.out;
  }
  std::printf("%s\n", j.dump(2).c_str());
}

}  // namespace

void add_dbn_commands(CLI::App& app, Mode mode) {
  const bool run = mode == Mode::Run;
  CLI::App* dbn = app.add_subcommand("dbn", "deep belief nets: greedy training on MNIST, classification, dreams");
  dbn->require_subcommand(1);

  auto ma = std::make_shared<MnistArgs>();
  CLI::App* mn = dbn->add_subcommand("mnist", "train a DBN on the MNIST digits layer by layer; held-out accuracy");
  mn->add_option("--layers", ma->layers, "hidden sizes of the stacked RBMs, bottom-up ('none': the top sees the pixels)")
      ->capture_default_str();
  mn->add_option("--top", ma->top, "hidden units of the top RBM (which also sees the 10 labels)")
      ->check(CLI::Range(1, 16384))->capture_default_str();
  mn->add_option("--epochs", ma->epochs, "epochs per stacked layer")->check(CLI::Range(1, 100000))->capture_default_str();
  mn->add_option("--top-epochs", ma->top_epochs, "epochs of the top RBM (0: 3 x --epochs)")
      ->check(CLI::Range(0, 100000))->capture_default_str();
  mn->add_option("--lr", ma->lr, "learning rate")->check(CLI::Range(1e-6, 1000.0))->capture_default_str();
  mn->add_option("--top-lr", ma->top_lr, "learning rate of the top RBM (0: --lr)")
      ->check(CLI::Range(0.0, 1000.0))->capture_default_str();
  mn->add_option("--k", ma->k, "Gibbs steps per update")->check(CLI::Range(1, 10000))->capture_default_str();
  mn->add_option("--top-k", ma->top_k, "Gibbs steps per update in the top RBM")
      ->check(CLI::Range(1, 10000))->capture_default_str();
  mn->add_option("--batch", ma->batch, "minibatch size")->check(CLI::Range(1, 100000))->capture_default_str();
  mn->add_option("--momentum", ma->momentum, "momentum")->check(CLI::Range(0.0, 0.999))->capture_default_str();
  mn->add_option("--weight-decay", ma->weight_decay, "L2 weight decay")->check(CLI::Range(0.0, 1.0))->capture_default_str();
  mn->add_flag("--pcd", ma->pcd, "persistent chains (PCD-k) for the stacked layers");
  mn->add_flag("--top-pcd", ma->top_pcd, "persistent chains (PCD-k) for the top RBM");
  mn->add_flag("--sample-hidden", ma->sample_hidden,
               "train each layer above the first on samples of the layer below (default: probabilities)");
  mn->add_option("--binarize", ma->binarize, "pixels: none, threshold (0.5) or sample (redrawn per presentation)")
      ->capture_default_str();
  mn->add_option("--asset", ma->asset, "MNIST asset (scripts/make_mnist_asset.mjs)")->capture_default_str();
  mn->add_option("--save", ma->save, "write the DBN: binary when the name ends in .bin, else ebm-dbn JSON");
  mn->add_option("--out", ma->out, "PNG: 10 dreamed digits per label (label clamped in the top RBM)");
  mn->add_option("--dream-sweeps", ma->dream_sweeps, "Gibbs sweeps in the top RBM per dream")
      ->check(CLI::Range(0, 100000))->capture_default_str();
  mn->add_option("--dream-start", ma->dream_start, "pen units of a dream start as noise, base-rate or zero")
      ->capture_default_str();
  mn->add_flag("--json", ma->json, "print the figures as JSON instead of prose");
  mn->add_option("--seed", ma->seed, "random seed")->capture_default_str();
  mn->callback([ma, run] {
    if (run) run_mnist(*ma);
    else dbn_config(*ma, parse_binarize(ma->binarize));
  });

  auto ea = std::make_shared<EvalArgs>();
  CLI::App* ev = dbn->add_subcommand("eval", "a saved DBN on the held-out digits, as JSON");
  ev->add_option("model", ea->model, "DBN file (ebm-dbn JSON or binary)")->required();
  ev->add_option("--asset", ea->asset, "MNIST asset")->capture_default_str();
  ev->add_option("--binarize", ea->binarize, "none, threshold or sample (default: as the DBN was trained)");
  ev->add_option("--out", ea->out, "PNG: 10 dreamed digits per label");
  ev->add_option("--dream-sweeps", ea->dream_sweeps, "Gibbs sweeps in the top RBM per dream")
      ->check(CLI::Range(0, 100000))->capture_default_str();
  ev->add_option("--dream-start", ea->dream_start, "pen units of a dream start as noise, base-rate or zero")
      ->capture_default_str();
  ev->add_flag("--json", ea->json, "JSON output (always on; accepted for uniformity)");
  ev->add_option("--seed", ea->seed, "random seed")->capture_default_str();
  ev->callback([ea, run] {
    if (run) {
      run_eval(*ea);
      return;
    }
    if (!ea->binarize.empty()) parse_binarize(ea->binarize);
    parse_start(ea->dream_start);
  });
}

}  // namespace cli
