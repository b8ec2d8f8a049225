// bench_rbm.cpp: RBM training throughput (samples/s) on the real MNIST digits, built from the
// same source natively and as WebAssembly (run under node). Workloads: 784 x 500 CD-1 batch 100
// (PERF_NOTES' reference point) and seed 003's 784 x 256 CD-10 batch 64; plus sgemm GFLOP/s on
// the shapes one CD step uses. A benchmark, not a test: it prints figures and checks nothing.
//
// Each training figure is measured with sgemm's zero skipping (default) and dense (", dense").
// --page: only the page's RBM scene setting (784 x 64 PCD-1, batch 50, 5,000 thresholded
// digits) trained in calls that fit the page's per-frame step budget (scripts/bench_page.sh
// compares the page's delivered samples/s with it).
//
// Usage: ebm_bench [--asset mnist.bin] [--batches N] [--json] [--page [--budget-ms 7]]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "datasets.hpp"
#include "gemm.hpp"
#include "rbm.hpp"
#include "rbm_train.hpp"

#ifndef EBM_DEFAULT_MNIST
#define EBM_DEFAULT_MNIST "build/assets/mnist.bin"
#endif

using namespace ebm;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

struct Workload {
  const char* name;
  int nh, batch, k;
};

struct Figure {
  std::string name;
  double samples_per_s = 0;
  double gflops = 0;  // effective: the dense flop count of a batch / time
  int batches = 0;
  double seconds = 0;
};

// Trains `batches` minibatches (after a warm-up), one rbm_train_step call per batch as a page
// would slice its work (V8 optimizes long-running wasm loops only on later calls: PERF_NOTES).
Figure run_workload(const Workload& w, const std::vector<float>& data, int nv, int batches) {
  Rng rng(1234);
  Rbm rbm = rbm_make(nv, w.nh, 28, 28);
  rbm_init(rbm, rng, data);
  auto made = rbm_trainer_make(std::move(rbm), data,
                               RbmTrainConfig{.batch_size = w.batch, .k = w.k,
                                              .learning_rate = 0.05f, .momentum = 0.5f});
  if (!made) {
    std::fprintf(stderr, "bench: %s\n", made.error().c_str());
    return {};
  }
  RbmTrainer& t = made.value();
  for (int i = 0; i < 10; ++i) rbm_train_step(t, rng, 1);  // warm-up
  const auto t0 = Clock::now();
  for (int i = 0; i < batches; ++i) rbm_train_step(t, rng, 1);
  const double s = seconds_since(t0);
  Figure f;
  f.name = w.name;
  f.batches = batches;
  f.seconds = s;
  f.samples_per_s = double(batches) * w.batch / s;
  // Flop per batch: positive propagation 1, chain 2k, gradient 2 (the fused [v0;vk]^T[...]
  // product counts as two), each 2 * B * nv * nh.
  const double flop = (3.0 + 2.0 * w.k) * 2.0 * w.batch * nv * w.nh;
  f.gflops = flop * batches / s * 1e-9;
  return f;
}

// The page's RBM scene setting, trained the way the page steps it: each call runs as many
// batches as fit in budget_ms by a running estimate of the cost of one (scene_rbm.cpp's step),
// for about `seconds` of training after a warm-up. Returns samples per second of training.
double run_page_workload(const Dataset& train, double budget_ms, double seconds) {
  Rng rng(1);
  const int rows = std::min(5000, train.count);
  const std::vector<float> data = dataset_to_float(train, Binarize::Threshold, 0.5f, &rng, rows);
  Rbm rbm = rbm_make(train.dim(), 64, 28, 28);
  rbm_init(rbm, rng, data);
  auto made = rbm_trainer_make(std::move(rbm), data,
                               RbmTrainConfig{.method = RbmMethod::Pcd, .batch_size = 50, .k = 1,
                                              .learning_rate = 0.05f, .momentum = 0.5f, .weight_decay = 0.0001f});
  if (!made) {
    std::fprintf(stderr, "bench: %s\n", made.error().c_str());
    return 0;
  }
  RbmTrainer& t = made.value();
  double ms_per_batch = 2.0;
  auto slice = [&]() {
    const int n = std::clamp(static_cast<int>(budget_ms / std::max(0.05, ms_per_batch)), 1, 200);
    const auto t0 = Clock::now();
    const int done = rbm_train_step(t, rng, n);
    const double ms = seconds_since(t0) * 1000.0;
    if (done > 0) ms_per_batch = 0.7 * ms_per_batch + 0.3 * ms / done;
    return done;
  };
  for (int i = 0; i < 50; ++i) slice();  // warm-up: V8 tiers up, the estimate settles
  long batches = 0;
  const auto t0 = Clock::now();
  while (seconds_since(t0) < seconds) batches += slice();
  return double(batches) * 50 / seconds_since(t0);
}

double gemm_gflops(bool ta, bool tb, int m, int n, int k, int reps) {
  std::vector<float> a(size_t(m) * k), b(size_t(k) * n), c(size_t(m) * n);
  Rng rng(7);
  fill_uniform(a.data(), a.size(), rng);
  fill_uniform(b.data(), b.size(), rng);
  const int lda = ta ? m : k, ldb = tb ? k : n;
  for (int r = 0; r < 3; ++r) sgemm(ta, tb, m, n, k, 1.0f, a.data(), lda, b.data(), ldb, 0.0f, c.data(), n);
  const auto t0 = Clock::now();
  for (int r = 0; r < reps; ++r)
    sgemm(ta, tb, m, n, k, 1.0f, a.data(), lda, b.data(), ldb, 0.5f, c.data(), n);
  return 2.0 * m * n * k * reps / seconds_since(t0) * 1e-9;
}

}  // namespace

int main(int argc, char** argv) {
  std::string asset = EBM_DEFAULT_MNIST;
  int batches = 300;
  bool json = false, page = false;
  double budget_ms = 7.0;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--asset") && i + 1 < argc) asset = argv[++i];
    else if (!std::strcmp(argv[i], "--page")) page = true;
    else if (!std::strcmp(argv[i], "--budget-ms") && i + 1 < argc) budget_ms = std::atof(argv[++i]);
    else if (!std::strcmp(argv[i], "--batches") && i + 1 < argc) batches = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--json")) json = true;
    else {
      std::fprintf(stderr, "usage: ebm_bench [--asset mnist.bin] [--batches N] [--json] [--page [--budget-ms 7]]\n");
      return 2;
    }
  }
  auto bytes = read_file_bytes(asset);
  if (!bytes) {
    std::fprintf(stderr, "ebm_bench: %s (build the asset: cmake --build <dir> --target ebm_mnist_asset)\n",
                 bytes.error().c_str());
    return 1;
  }
  auto ds = parse_mnist_asset(bytes.value());
  if (!ds) {
    std::fprintf(stderr, "ebm_bench: %s\n", ds.error().c_str());
    return 1;
  }
  const DatasetSplit split = split_held_out(ds.value(), kMnistHeldOut);
  if (page) {
    const double sps = run_page_workload(split.train, budget_ms, 3.0);
    if (json) std::printf("{\"page_rbm_samples_per_s\": %.0f, \"budget_ms\": %.1f}\n", sps, budget_ms);
    else std::printf("784x64 PCD-1 batch 50 (the page's RBM scene), %.1f ms calls: %.0f samples/s\n", budget_ms, sps);
    return 0;
  }
  const std::vector<float> data = dataset_to_float(split.train, Binarize::None);
  const int nv = split.train.dim();
#if defined(__EMSCRIPTEN__)
  const char* target = "wasm";
#else
  const char* target = "native";
#endif

  // Each workload with sgemm's zero skipping (the default: MNIST's background pixels are exact
  // zeros, so most of k is skipped in the products with visible units) and without (dense).
  const Workload loads[] = {{"784x500 CD-1 batch 100", 500, 100, 1},
                            {"784x256 CD-10 batch 64 (seed 003)", 256, 64, 10}};
  std::vector<Figure> figs;
  for (bool skip : {true, false}) {
    sgemm_set_zero_skipping(skip);
    for (const Workload& w : loads) {
      figs.push_back(run_workload(w, data, nv, w.k == 1 ? batches : batches / 4));
      figs.back().name += skip ? "" : ", dense";
    }
  }
  sgemm_set_zero_skipping(false);  // the sgemm figures below are for dense random operands
  struct G {
    const char* name;
    bool ta, tb;
    int m, n, k;
  } shapes[] = {{"v W      100x500x784", false, false, 100, 500, 784},
                {"h W^T    100x784x500", false, true, 100, 784, 500},
                {"X^T Y    784x500x200", true, false, 784, 500, 200}};
  std::vector<double> gf;
  for (const G& g : shapes) gf.push_back(gemm_gflops(g.ta, g.tb, g.m, g.n, g.k, 60));

  if (json) {
    std::printf("{\"target\": \"%s\", \"kernel\": \"%s\", \"train_rows\": %d, \"workloads\": [", target,
                sgemm_kernel_name(), split.train.count);
    for (size_t i = 0; i < figs.size(); ++i)
      std::printf("%s{\"name\": \"%s\", \"samples_per_s\": %.0f, \"gflops\": %.1f, \"batches\": %d}",
                  i ? ", " : "", figs[i].name.c_str(), figs[i].samples_per_s, figs[i].gflops, figs[i].batches);
    std::printf("], \"sgemm_gflops\": {");
    for (size_t i = 0; i < gf.size(); ++i) std::printf("%s\"%s\": %.1f", i ? ", " : "", shapes[i].name, gf[i]);
    std::printf("}}\n");
  } else {
    std::printf("ebm_bench (%s, sgemm kernel %s), %d MNIST training digits\n", target,
                sgemm_kernel_name(), split.train.count);
    for (const Figure& f : figs)
      std::printf("  %-43s %9.0f samples/s  (%5.1f GFLOP/s effective, %d batches in %.2f s)\n",
                  f.name.c_str(), f.samples_per_s, f.gflops, f.batches, f.seconds);
    for (size_t i = 0; i < gf.size(); ++i) std::printf("  sgemm %-28s %6.1f GFLOP/s\n", shapes[i].name, gf[i]);
  }
  return 0;
}
