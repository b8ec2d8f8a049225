// cmd_rbm.cpp: `ebm rbm images | mnist | eval`. Reproduces seed 000's RBM run (12 images, CD-k
// with k growing 1..5 over 200 epochs, its tqdm-style progress line, then reconstructions as a
// PNG grid), trains seed 003's MNIST setting with the honest monitors printed per epoch, and
// evaluates a saved model on the held-out digits. All model work is in the engine; this is
// wiring. JSON fields are documented in cli/README.md, section "ebm rbm".
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "commands.hpp"
#include "datasets.hpp"
#include "model_io.hpp"
#include "png.hpp"
#include "rbm.hpp"
#include "rbm_metrics.hpp"
#include "rbm_sampling.hpp"
#include "rbm_train.hpp"

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

// Figures rounded to what they mean (JSON would otherwise carry float noise).
double num(double v, double scale = 1e6) { return std::round(v * scale) / scale; }
json num_or_null(double v) { return std::isfinite(v) ? json(num(v)) : json(nullptr); }

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

void write_png_or_fail(const std::string& path, const Grid& grid) {
  if (path.empty()) return;
  if (std::string err = write_grid_png(path, grid); !err.empty()) fail(err);
}

// tqdm's line (ascii bar: '#' per tenth, a digit for the partial tenth), as seed 000 prints:
// "EPOCH:  20%|##        |  40/200 [k_reconstr=1, reconstr_sq_error=0.0738]".
std::string progress_line(int n, int total, int k, double err) {
  const double frac = total > 0 ? double(n) / total : 1.0;
  const int full = static_cast<int>(frac * 10);
  std::string bar(full, '#');
  if (full < 10) {
    const int part = static_cast<int>((frac * 10 - full) * 10);
    bar += part > 0 ? static_cast<char>('0' + part) : ' ';
    bar.resize(10, ' ');
  }
  const int width = static_cast<int>(std::to_string(total).size());
  char buf[200];
  std::snprintf(buf, sizeof buf, "EPOCH: %3.0f%%|%s| %*d/%d [k_reconstr=%d, reconstr_sq_error=%.4f]",
                100 * frac, bar.c_str(), width, n, total, k, err);
  return buf;
}

// Pixels that differ after thresholding at 0.5.
int pixel_errors(const float* a, const float* b, int n) {
  int e = 0;
  for (int i = 0; i < n; ++i) e += (a[i] >= 0.5f) != (b[i] >= 0.5f);
  return e;
}

double mse(const float* a, const float* b, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i) s += double(a[i] - b[i]) * (a[i] - b[i]);
  return s / n;
}

Binarize parse_binarize(const std::string& s) {
  if (s == "none") return Binarize::None;
  if (s == "threshold") return Binarize::Threshold;
  if (s == "sample") return Binarize::Sample;
  fail("--binarize must be none, threshold or sample, got '" + s + "'");
}

// Weights of hidden unit j as an image, scaled to [0, 1] by the unit's own range.
Tile filter_tile(const Rbm& r, int j) {
  Tile t{.rows = r.height, .cols = r.width};
  t.gray.resize(r.nv);
  float lo = 1e30f, hi = -1e30f;
  for (int i = 0; i < r.nv; ++i) {
    lo = std::min(lo, r.w[i * r.nh + j]);
    hi = std::max(hi, r.w[i * r.nh + j]);
  }
  const float range = hi > lo ? hi - lo : 1.0f;
  for (int i = 0; i < r.nv; ++i) t.gray[i] = (r.w[i * r.nh + j] - lo) / range;
  return t;
}

// [SECTION] images: seed 000's 12-image run -------------------------------------------------

struct ImagesArgs {
  // Defaults chosen so the error curve tracks seed 000's printed values (its own settings are
  // not in the seed): 32 hidden, batches of 4 (3 updates per epoch), lr 0.05, momentum 0.5.
  int epochs = 200;
  int hidden = 32;
  double lr = 0.05;
  double momentum = 0.5;
  int batch = 4;
  int every = 0;               // 0: the seed's epochs (40, 90, 146, 190, last)
  double noise = 0.1;
  int sample_steps = 50;
  std::string out = "rbm_images.png";
  bool json = false;
  uint64_t seed = 1;
};

// Seed 000's schedule: k = 1 + epoch / 50, at most 5.
RbmTrainConfig images_config(const ImagesArgs& a) {
  const RbmTrainConfig c{.batch_size = a.batch, .k = 1, .k_every = 50, .k_max = 5,
                         .learning_rate = static_cast<float>(a.lr), .momentum = static_cast<float>(a.momentum),
                         .epochs = a.epochs};
  if (Status st = rbm_config_check(c); !st.ok()) fail(st.message);
  return c;
}

void run_images(const ImagesArgs& a) {
  Rng rng(a.seed);
  const Dataset d = shapes_16x16();
  const int nv = d.dim(), n = d.count;
  const std::vector<float> data = dataset_to_float(d, Binarize::Threshold, 0.5f);
  const RbmTrainConfig config = images_config(a);
  if (!a.json) std::printf("Fitting all the %d images..\n", n);
  Rbm rbm = rbm_make(nv, a.hidden, d.width, d.height);
  rbm_init(rbm, rng, data);
  auto made = rbm_trainer_make(std::move(rbm), data, config);
  if (!made) fail(made.error());
  RbmTrainer& t = made.value();
  MetricScratch scratch;
  json curve = json::array();
  const bool tty = !a.json && isatty(STDOUT_FILENO);
  const int seed_epochs[] = {40, 90, 146, 190};
  while (!rbm_train_finished(t)) {
    rbm_train_epoch(t, rng);
    if (!t.status.ok()) fail(t.status.message);
    const int e = t.epoch;
    const double err = reconstruction_error(t.rbm, data.data(), n, scratch);
    const int k = rbm_schedule_k(t.config, e);  // the k this epoch trained with
    curve.push_back({{"epoch", e}, {"k", k}, {"recon_error", num(err)}});
    if (a.json) continue;
    const bool listed = a.every > 0 ? e % a.every == 0 || e == a.epochs
                                    : std::find(std::begin(seed_epochs), std::end(seed_epochs), e) !=
                                              std::end(seed_epochs) || e == a.epochs;
    if (listed)
      std::printf("%s%s\n", tty ? "\r" : "", progress_line(e, a.epochs, k, err).c_str());
    else if (tty)
      std::printf("\r%s", progress_line(e, a.epochs, k, err).c_str());
    std::fflush(stdout);
  }

  // Reconstructions: flip round(noise * nv) pixels, propagate expectations k_final times
  // (mean field), and run a Gibbs chain from the same start for the "sampled" column.
  const int k_final = rbm_schedule_k(t.config, a.epochs);
  const int flips = static_cast<int>(std::lround(a.noise * nv));
  Grid grid{.columns = 4, .scale = 6, .title = "RBM memorizing 12 images (CD-k, k = 1..5)",
            .column_titles = {"pattern", "corrupted", "reconstructed", "sampled"}};
  json images = json::array();
  int exact = 0;
  for (int i = 0; i < n; ++i) {
    if (!a.json) std::printf("reconstructing image %d/%d\n", i + 1, n);
    const float* x = data.data() + static_cast<size_t>(i) * nv;
    std::vector<float> corrupted(x, x + nv);
    std::vector<int> idx(nv);
    for (int p = 0; p < nv; ++p) idx[p] = p;
    rng.shuffle(idx.data(), idx.size());
    for (int f = 0; f < flips; ++f) corrupted[idx[f]] = 1.0f - corrupted[idx[f]];
    std::vector<float> recon(nv);
    mean_field_reconstruct(t.rbm, corrupted.data(), 1, k_final, recon.data());
    FantasyChains chain = fantasy_make(t.rbm, 1);
    fantasy_from_data(chain, t.rbm, corrupted.data(), 1);
    fantasy_step(chain, t.rbm, rng, a.sample_steps);
    const int err_recon = pixel_errors(recon.data(), x, nv);
    exact += err_recon == 0;
    images.push_back({{"index", i},
                      {"flipped", flips},
                      {"recon_pixel_errors", err_recon},
                      {"recon_sq_error", num(mse(recon.data(), x, nv))},
                      {"sampled_pixel_errors", pixel_errors(chain.v.data(), x, nv)}});
    grid.tiles.push_back(tile_from_ink(std::span<const float>(x, nv), d.height, d.width));
    grid.tiles.push_back(tile_from_ink(corrupted, d.height, d.width));
    Tile rt = tile_from_ink(recon, d.height, d.width);
    rt.frame = err_recon == 0 ? kFrameGood : kFrameBad;
    grid.tiles.push_back(std::move(rt));
    grid.tiles.push_back(tile_from_ink(chain.v, d.height, d.width));
  }
  write_png_or_fail(a.out, grid);
  if (a.json) {
    json j = {{"command", "rbm images"}, {"nv", nv}, {"nh", a.hidden}, {"images", n},
              {"epochs", a.epochs}, {"batch", t.config.batch_size}, {"lr", a.lr}, {"momentum", a.momentum},
              {"k_schedule", "1 + epoch / 50, max 5"}, {"noise", a.noise}, {"flipped", flips},
              {"sample_steps", a.sample_steps}, {"seed", a.seed}, {"curve", curve},
              {"reconstructions", images}, {"recalled", exact},
              {"png", a.out.empty() ? json(nullptr) : json(a.out)}};
    std::printf("%s\n", j.dump(2).c_str());
  }
}

// [SECTION] mnist: seed 003's setting with monitors -------------------------------------------

struct MnistData {
  DatasetSplit split;
  std::vector<float> train;       // (n_train, 784) as training uses it (grey when sampled per batch)
  std::vector<float> train_eval;  // first eval_rows training rows, binarized once (fixed draw)
  std::vector<float> held_eval;   // the held-out rows, binarized once (fixed draw)
  int n_train = 0, n_train_eval = 0, n_held = 0;
};

MnistData load_mnist(const std::string& asset, Binarize mode, int eval_rows, uint64_t seed) {
  auto bytes = read_file_bytes(asset);
  if (!bytes) fail(bytes.error() + " (build it: cmake --build <build dir> --target ebm_mnist_asset)");
  auto ds = parse_mnist_asset(bytes.value());
  if (!ds) fail(asset + ": " + ds.error());
  MnistData m;
  m.split = split_held_out(ds.value(), kMnistHeldOut);
  m.n_train = m.split.train.count;
  m.n_held = m.split.held_out.count;
  m.n_train_eval = std::min(eval_rows, m.n_train);
  // Training rows: sampled binarization is redrawn per presentation (sample_data), so keep grey.
  m.train = dataset_to_float(m.split.train, mode == Binarize::Sample ? Binarize::None : mode);
  // Evaluation rows: one fixed binarization, the same for every epoch and for `eval`.
  Rng eval_rng(seed ^ 0x5EED0E7A1ull);
  m.train_eval = dataset_to_float(m.split.train, mode, 0.5f, &eval_rng, m.n_train_eval);
  m.held_eval = dataset_to_float(m.split.held_out, mode, 0.5f, &eval_rng);
  return m;
}

struct Monitors {
  double recon_held = 0, f_train = 0, f_held = 0, gap = 0, pll_held = 0, pll_train = 0;
  bool have_logz = false, exact = false;
  AisEstimate ais;
  double log_z = NAN, ll_held = NAN, ll_train = NAN;
  double seconds = 0;
};

Monitors measure(const Rbm& rbm, const MnistData& m, const std::vector<float>& base_b, int ais_runs,
                 int ais_betas, Rng& rng) {
  const auto t0 = Clock::now();
  Monitors r;
  MetricScratch s;
  r.recon_held = reconstruction_error(rbm, m.held_eval.data(), m.n_held, s);
  const FreeEnergyGap g = free_energy_gap(rbm, m.train_eval.data(), m.n_train_eval, m.held_eval.data(), m.n_held, s);
  r.f_train = g.train;
  r.f_held = g.held_out;
  r.gap = g.gap;
  r.pll_held = pseudo_log_likelihood(rbm, m.held_eval.data(), m.n_held, rng, s);
  r.pll_train = pseudo_log_likelihood(rbm, m.train_eval.data(), m.n_train_eval, rng, s);
  if (rbm.nh <= kExactMaxHidden) {
    r.have_logz = r.exact = true;
    r.log_z = log_z_exact(rbm);
  } else if (ais_runs > 0 && ais_betas > 0) {
    r.have_logz = true;
    r.ais = ais_log_z(rbm, base_b, AisConfig{.runs = ais_runs, .betas = ais_betas}, rng);
    r.log_z = r.ais.log_z;
  }
  if (r.have_logz) {
    r.ll_held = -r.f_held - r.log_z;
    r.ll_train = -r.f_train - r.log_z;
  }
  r.seconds = seconds_since(t0);
  return r;
}

json monitors_json(const Monitors& m) {
  json j = {{"recon_error_held_out", num(m.recon_held)},
            {"free_energy_train", num(m.f_train, 1e4)},
            {"free_energy_held_out", num(m.f_held, 1e4)},
            {"free_energy_gap", num(m.gap, 1e4)},
            {"pll_held_out", num(m.pll_held, 1e4)},
            {"pll_train", num(m.pll_train, 1e4)}};
  if (m.have_logz) {
    j["log_z"] = {{"method", m.exact ? "exact" : "ais"}, {"value", num(m.log_z, 1e4)}};
    if (!m.exact) {
      j["log_z"]["low"] = num_or_null(m.ais.log_z_low);
      j["log_z"]["high"] = num_or_null(m.ais.log_z_high);
      j["log_z"]["log_w_std"] = num(m.ais.log_w_std, 1e4);
      j["log_z"]["runs"] = m.ais.runs;
      j["log_z"]["betas"] = m.ais.betas;
    }
    j["log_likelihood_held_out"] = num(m.ll_held, 1e4);
    j["log_likelihood_train"] = num(m.ll_train, 1e4);
  } else {
    j["log_z"] = nullptr;
  }
  j["monitor_seconds"] = num(m.seconds, 1e3);
  return j;
}

struct MnistArgs {
  int epochs = 5;
  int hidden = 256;
  double lr = 0.005;
  int k = 10;
  int batch = 64;
  double momentum = 0.0;
  double weight_decay = 0.0;
  bool pcd = false;
  std::string binarize = "sample";
  std::string asset = EBM_DEFAULT_MNIST;
  std::string save;
  bool half = false;  // a .bin save with 16-bit floats
  std::string out;
  int eval_rows = 100000;  // all training rows
  int ais_runs = 100;
  int ais_betas = 1000;
  int gibbs_steps = 500;
  bool json = false;
  uint64_t seed = 1;
};

RbmTrainConfig mnist_config(const MnistArgs& a, Binarize mode) {
  const RbmTrainConfig cfg{.method = a.pcd ? RbmMethod::Pcd : RbmMethod::Cd,
                           .batch_size = a.batch,
                           .k = a.k,
                           .learning_rate = static_cast<float>(a.lr),
                           .momentum = static_cast<float>(a.momentum),
                           .weight_decay = static_cast<float>(a.weight_decay),
                           .sample_data = mode == Binarize::Sample,
                           .epochs = a.epochs};
  if (Status st = rbm_config_check(cfg); !st.ok()) fail(st.message);
  return cfg;
}

void run_mnist(const MnistArgs& a) {
  Rng rng(a.seed);
  const Binarize mode = parse_binarize(a.binarize);
  const RbmTrainConfig cfg = mnist_config(a, mode);  // a bad setting fails before the data loads
  const MnistData m = load_mnist(a.asset, mode, a.eval_rows, a.seed);
  const auto base_b = ais_base_bias(m.train.data(), m.n_train, 784);
  Rbm rbm = rbm_make(784, a.hidden, 28, 28);
  rbm_init(rbm, rng, m.train);
  auto made = rbm_trainer_make(std::move(rbm), m.train, cfg);
  if (!made) fail(made.error());
  RbmTrainer& t = made.value();
  if (!a.json) {
    std::printf("MNIST: %d training digits, %d held out (binarize: %s); RBM 784 x %d, %s-%d, lr %g, "
                "batch %d, momentum %g, weight decay %g\n",
                m.n_train, m.n_held, a.binarize.c_str(), a.hidden, a.pcd ? "PCD" : "CD", a.k, a.lr,
                t.config.batch_size, a.momentum, a.weight_decay);
    std::printf("monitors on %d held-out and %d training digits; log Z by %s\n", m.n_held, m.n_train_eval,
                a.hidden <= kExactMaxHidden ? "exact enumeration"
                : a.ais_runs > 0 ? ("AIS (" + std::to_string(a.ais_runs) + " runs, " +
                                    std::to_string(a.ais_betas) + " temperatures)").c_str()
                                 : "nothing (AIS off)");
  }
  json epochs = json::array();
  double train_seconds = 0;
  while (!rbm_train_finished(t)) {
    const auto t0 = Clock::now();
    rbm_train_epoch(t, rng);
    const double secs = seconds_since(t0);
    train_seconds += secs;
    if (!t.status.ok()) fail(t.status.message);
    const Monitors mon = measure(t.rbm, m, base_b, a.ais_runs, a.ais_betas, rng);
    const double sps = t.batches_per_epoch * double(t.config.batch_size) / secs;
    json e = monitors_json(mon);
    e["epoch"] = t.epoch;
    e["k"] = rbm_schedule_k(t.config, t.epoch);
    e["recon_error_train_batches"] = num(t.last_epoch_recon_error);
    e["update_ratio"] = num(t.last_update_ratio, 1e8);
    e["train_seconds"] = num(secs, 1e3);
    e["samples_per_s"] = std::round(sps);
    epochs.push_back(e);
    if (!a.json) {
      std::printf("epoch %d/%d  recon %.4f (held-out %.4f)  F train %.2f held-out %.2f gap %+.2f  "
                  "PLL held-out %.2f (train %.2f)",
                  t.epoch, a.epochs, t.last_epoch_recon_error, mon.recon_held, mon.f_train, mon.f_held,
                  mon.gap, mon.pll_held, mon.pll_train);
      if (mon.have_logz) {
        if (mon.exact)
          std::printf("  log Z %.2f (exact)", mon.log_z);
        else
          std::printf("  AIS log Z %.2f [%.2f, %.2f]", mon.log_z, mon.ais.log_z_low, mon.ais.log_z_high);
        std::printf("  logL held-out %.2f (train %.2f)", mon.ll_held, mon.ll_train);
      }
      std::printf("  |dW|/|W| %.1e  %.0f samples/s\n", t.last_update_ratio, sps);
      std::fflush(stdout);
    }
  }
  if (!a.save.empty()) {
    RbmTrainingInfo info = rbm_training_info(t, "mnist-train", a.seed);
    info.binarize = a.binarize;
    const RbmPrecision precision = a.half ? RbmPrecision::Float16 : RbmPrecision::Float32;
    if (Status s = rbm_save(a.save, t.rbm, &info, precision); !s.ok()) fail(s.message);
    if (!a.json) std::printf("saved %s\n", a.save.c_str());
  }
  if (!a.out.empty()) {
    // Figure: 32 filters, then 16 held-out digits and their chains after gibbs_steps sweeps
    // (seed 003 samples 500 Gibbs steps starting from real digits).
    Grid grid{.columns = 16, .scale = 3, .gap = 6,
              .title = "RBM filters (32 hidden units) | held-out digits | after " +
                       std::to_string(a.gibbs_steps) + " Gibbs steps"};
    for (int j = 0; j < std::min(32, t.rbm.nh); ++j) grid.tiles.push_back(filter_tile(t.rbm, j));
    FantasyChains fc = fantasy_make(t.rbm, 16);
    fantasy_from_data(fc, t.rbm, m.held_eval.data(), std::min(16, m.n_held));
    for (int c = 0; c < 16; ++c)
      grid.tiles.push_back(tile_from_ink(std::span<const float>(fc.v.data() + c * 784, 784), 28, 28));
    fantasy_step(fc, t.rbm, rng, a.gibbs_steps);
    for (int c = 0; c < 16; ++c)
      grid.tiles.push_back(tile_from_ink(std::span<const float>(fc.pv.data() + c * 784, 784), 28, 28));
    write_png_or_fail(a.out, grid);
    if (!a.json) std::printf("wrote %s\n", a.out.c_str());
  }
  if (a.json) {
    json j = {{"command", "rbm mnist"}, {"nv", 784}, {"nh", a.hidden}, {"method", a.pcd ? "pcd" : "cd"},
              {"k", a.k}, {"lr", a.lr}, {"batch", t.config.batch_size}, {"momentum", a.momentum},
              {"weight_decay", a.weight_decay}, {"binarize", a.binarize}, {"train_rows", m.n_train},
              {"held_out_rows", m.n_held}, {"eval_train_rows", m.n_train_eval}, {"seed", a.seed},
              {"epochs", epochs}, {"train_seconds", num(train_seconds, 1e3)},
              {"saved", a.save.empty() ? json(nullptr) : json(a.save)},
              {"png", a.out.empty() ? json(nullptr) : json(a.out)}};
    std::printf("%s\n", j.dump(2).c_str());
  }
}

// [SECTION] eval: a saved model on the held-out digits -----------------------------------------

struct EvalArgs {
  std::string model;
  std::string asset = EBM_DEFAULT_MNIST;
  std::string binarize;  // default: as recorded in the model file, else "sample"
  int eval_rows = 100000;  // all training rows
  int ais_runs = 100;
  int ais_betas = 10000;
  bool json = true;
  uint64_t seed = 1;
};

void run_eval(const EvalArgs& a) {
  RbmTrainingInfo info;
  auto loaded = rbm_load(a.model, 784, &info);
  if (!loaded) fail(loaded.error());
  const Rbm& rbm = loaded.value();
  const std::string bin = !a.binarize.empty() ? a.binarize : !info.binarize.empty() ? info.binarize : "sample";
  const MnistData m = load_mnist(a.asset, parse_binarize(bin), a.eval_rows, a.seed);
  const auto base_b = ais_base_bias(m.train.data(), m.n_train, 784);
  Rng rng(a.seed);
  const Monitors mon = measure(rbm, m, base_b, a.ais_runs, a.ais_betas, rng);
  json j = monitors_json(mon);
  j["command"] = "rbm eval";
  j["model"] = a.model;
  j["nv"] = rbm.nv;
  j["nh"] = rbm.nh;
  j["binarize"] = bin;
  j["held_out_rows"] = m.n_held;
  j["eval_train_rows"] = m.n_train_eval;
  j["trained_epochs"] = info.epochs;
  j["seed"] = a.seed;
  std::printf("%s\n", j.dump(2).c_str());
}

}  // namespace

void add_rbm_commands(CLI::App& app, Mode mode) {
  const bool run = mode == Mode::Run;
  CLI::App* rbm = app.add_subcommand("rbm", "restricted Boltzmann machines: the seed's runs, MNIST, eval");
  rbm->require_subcommand(1);

  auto ia = std::make_shared<ImagesArgs>();
  CLI::App* images = rbm->add_subcommand("images", "seed 000: memorize 12 images with CD-k (k = 1..5), reconstruct");
  images->add_option("--epochs", ia->epochs, "training epochs")->check(CLI::Range(1, 100000))->capture_default_str();
  images->add_option("--hidden", ia->hidden, "hidden units")->check(CLI::Range(1, 4096))->capture_default_str();
  images->add_option("--lr", ia->lr, "learning rate")->check(CLI::Range(1e-6, 1000.0))->capture_default_str();
  images->add_option("--momentum", ia->momentum, "momentum")->check(CLI::Range(0.0, 0.999))->capture_default_str();
  images->add_option("--batch", ia->batch, "minibatch size")->check(CLI::Range(1, 12))->capture_default_str();
  images->add_option("--every", ia->every, "print the progress line every N epochs (0: the seed's epochs)")
      ->check(CLI::Range(0, 100000))->capture_default_str();
  images->add_option("--noise", ia->noise, "fraction of pixels flipped before reconstruction")
      ->check(CLI::Range(0.0, 0.5))->capture_default_str();
  images->add_option("--sample-steps", ia->sample_steps, "Gibbs sweeps for the 'sampled' column")
      ->check(CLI::Range(0, 100000))->capture_default_str();
  images->add_option("--out", ia->out, "PNG grid: pattern | corrupted | reconstructed | sampled ('' for none)")
      ->capture_default_str();
  images->add_flag("--json", ia->json, "print the figures as JSON instead of prose");
  images->add_option("--seed", ia->seed, "random seed")->capture_default_str();
  images->callback([ia, run] {
    if (run) run_images(*ia);
    else images_config(*ia);
  });

  auto ma = std::make_shared<MnistArgs>();
  CLI::App* mn = rbm->add_subcommand("mnist", "seed 003: train on the MNIST digits, print monitors per epoch");
  mn->add_option("--epochs", ma->epochs, "training epochs")->check(CLI::Range(1, 100000))->capture_default_str();
  mn->add_option("--hidden", ma->hidden, "hidden units")->check(CLI::Range(1, 8192))->capture_default_str();
  mn->add_option("--lr", ma->lr, "learning rate")->check(CLI::Range(1e-6, 1000.0))->capture_default_str();
  mn->add_option("--k", ma->k, "Gibbs steps per update (CD-k / PCD-k)")->check(CLI::Range(1, 10000))->capture_default_str();
  mn->add_option("--batch", ma->batch, "minibatch size")->check(CLI::Range(1, 100000))->capture_default_str();
  mn->add_option("--momentum", ma->momentum, "momentum")->check(CLI::Range(0.0, 0.999))->capture_default_str();
  mn->add_option("--weight-decay", ma->weight_decay, "L2 weight decay")->check(CLI::Range(0.0, 1.0))->capture_default_str();
  mn->add_flag("--pcd", ma->pcd, "persistent chains (PCD-k) instead of CD-k");
  mn->add_option("--binarize", ma->binarize, "none, threshold (0.5) or sample (redrawn per presentation)")
      ->capture_default_str();
  mn->add_option("--asset", ma->asset, "MNIST asset (scripts/make_mnist_asset.mjs)")->capture_default_str();
  mn->add_option("--save", ma->save, "write the trained model (ebm-rbm: binary when the name ends in .bin, else JSON)");
  mn->add_flag("--half", ma->half, "with a .bin --save: 16-bit floats (half the size; the page's pretrained model)");
  mn->add_option("--out", ma->out, "PNG: filters, held-out digits and Gibbs chains from them");
  mn->add_option("--eval-rows", ma->eval_rows, "training digits used for the train-side monitors")
      ->check(CLI::Range(1, 100000))->capture_default_str();
  mn->add_option("--ais-runs", ma->ais_runs, "AIS runs per epoch (0: no AIS)")->check(CLI::Range(0, 100000))->capture_default_str();
  mn->add_option("--ais-betas", ma->ais_betas, "AIS temperatures per run")->check(CLI::Range(1, 1000000))->capture_default_str();
  mn->add_option("--gibbs-steps", ma->gibbs_steps, "Gibbs sweeps for the PNG's chains")->check(CLI::Range(0, 100000))->capture_default_str();
  mn->add_flag("--json", ma->json, "print the figures as JSON instead of prose");
  mn->add_option("--seed", ma->seed, "random seed")->capture_default_str();
  mn->callback([ma, run] {
    if (run) run_mnist(*ma);
    else mnist_config(*ma, parse_binarize(ma->binarize));
  });

  auto ea = std::make_shared<EvalArgs>();
  CLI::App* ev = rbm->add_subcommand("eval", "a saved model on the held-out digits, as JSON");
  ev->add_option("model", ea->model, "model file (ebm-rbm JSON)")->required();
  ev->add_option("--asset", ea->asset, "MNIST asset")->capture_default_str();
  ev->add_option("--binarize", ea->binarize, "none, threshold or sample (default: as the model was trained)");
  ev->add_option("--eval-rows", ea->eval_rows, "training digits for the train-side figures")
      ->check(CLI::Range(1, 100000))->capture_default_str();
  ev->add_option("--ais-runs", ea->ais_runs, "AIS runs (when nh > 20)")->check(CLI::Range(0, 100000))->capture_default_str();
  ev->add_option("--ais-betas", ea->ais_betas, "AIS temperatures")->check(CLI::Range(1, 1000000))->capture_default_str();
  ev->add_flag("--json", ea->json, "JSON output (always on; accepted for uniformity)");
  ev->add_option("--seed", ea->seed, "random seed")->capture_default_str();
  ev->callback([ea, run] {
    if (run) run_eval(*ea);
    else if (!ea->binarize.empty()) parse_binarize(ea->binarize);
  });
}

}  // namespace cli
