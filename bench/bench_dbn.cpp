// bench_dbn.cpp: deep belief net training time per layer on the real MNIST digits, built from
// the same source natively and as WebAssembly (run under node), stepping the way a page scene
// would: one dbn_train_step call per work unit (a minibatch update or a propagated minibatch).
// Prints seconds per stage and the held-out accuracy. A benchmark, not a test: it checks nothing.
//
// Usage: ebm_bench_dbn [--asset mnist.bin] [--layers 256,256] [--top 512] [--epochs 10]
//                      [--top-epochs 30] [--lr 0.05] [--batch 50] [--json]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "datasets.hpp"
#include "dbn.hpp"

#ifndef EBM_DEFAULT_MNIST
#define EBM_DEFAULT_MNIST "build/assets/mnist.bin"
#endif

using namespace ebm;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
  std::string asset = EBM_DEFAULT_MNIST, layers = "256,256";
  int top = 512, epochs = 10, top_epochs = 30, batch = 50;
  double lr = 0.05;
  bool json = false;
  for (int i = 1; i < argc; ++i) {
    const bool more = i + 1 < argc;
    if (!std::strcmp(argv[i], "--asset") && more) asset = argv[++i];
    else if (!std::strcmp(argv[i], "--layers") && more) layers = argv[++i];
    else if (!std::strcmp(argv[i], "--top") && more) top = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--epochs") && more) epochs = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--top-epochs") && more) top_epochs = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--lr") && more) lr = std::atof(argv[++i]);
    else if (!std::strcmp(argv[i], "--batch") && more) batch = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--json")) json = true;
    else {
      std::fprintf(stderr, "usage: ebm_bench_dbn [--asset F] [--layers 256,256] [--top 512] [--epochs 10] "
                           "[--top-epochs 30] [--lr 0.05] [--batch 50] [--json]\n");
      return 2;
    }
  }
  auto bytes = read_file_bytes(asset);
  if (!bytes) {
    std::fprintf(stderr, "ebm_bench_dbn: %s\n", bytes.error().c_str());
    return 1;
  }
  auto ds = parse_mnist_asset(bytes.value());
  if (!ds) {
    std::fprintf(stderr, "ebm_bench_dbn: %s\n", ds.error().c_str());
    return 1;
  }
  const DatasetSplit split = split_held_out(ds.value(), kMnistHeldOut);
  const std::vector<float> train = dataset_to_float(split.train, Binarize::None);
  const std::vector<float> held = dataset_to_float(split.held_out, Binarize::None);

  DbnConfig cfg;
  cfg.hidden.clear();
  for (const char* p = layers.c_str(); *p;) {
    cfg.hidden.push_back(std::atoi(p));
    while (*p && *p != ',') ++p;
    if (*p == ',') ++p;
  }
  cfg.top_hidden = top;
  cfg.width = cfg.height = 28;
  cfg.layer = RbmTrainConfig{.batch_size = batch, .k = 1, .learning_rate = float(lr), .momentum = 0.5f,
                             .weight_decay = 1e-4f, .epochs = epochs};
  cfg.top = cfg.layer;
  cfg.top.epochs = top_epochs;
  cfg.sample_pixels = true;
  Rng rng(1);
  auto made = dbn_trainer_make(train, split.train.labels, 784, cfg, rng);
  if (!made) {
    std::fprintf(stderr, "ebm_bench_dbn: %s\n", made.error().c_str());
    return 1;
  }
  DbnTrainer& t = made.value();
  const int stages = dbn_stage_count(t);
  std::vector<double> secs(stages, 0.0), prop(stages, 0.0);
  while (!dbn_train_finished(t)) {
    const int stage = t.stage;
    const bool training = t.phase == DbnPhase::Training;
    const auto t0 = Clock::now();
    dbn_train_step(t, rng, 1);  // one unit per call, as a page slices its frames
    (training ? secs : prop)[stage] += std::chrono::duration<double>(Clock::now() - t0).count();
  }
  DbnScratch s;
  const double acc = dbn_accuracy(t.dbn, held.data(), split.held_out.labels.data(), split.held_out.count, s);
#if defined(__EMSCRIPTEN__)
  const char* target = "wasm";
#else
  const char* target = "native";
#endif
  if (json) std::printf("{\"target\": \"%s\", \"stages\": [", target);
  else std::printf("ebm_bench_dbn (%s), %d training digits, DBN 784-%s-[+10]x%d\n", target, t.n, layers.c_str(), top);
  double total = 0;
  for (int k = 0; k < stages; ++k) {
    const DbnStageReport& r = t.reports[k];
    total += secs[k] + prop[k];
    if (json)
      std::printf("%s{\"nv\": %d, \"nh\": %d, \"epochs\": %d, \"train_seconds\": %.3f, \"propagate_seconds\": %.3f}",
                  k ? ", " : "", r.nv, r.nh, r.epochs, secs[k], prop[k]);
    else
      std::printf("  stage %d  %4d x %-4d  %3d epochs  %7.2f s  (%.0f samples/s; propagation %.2f s)\n", k + 1, r.nv,
                  r.nh, r.epochs, secs[k], double(r.updates) * t.current.config.batch_size / secs[k], prop[k]);
  }
  if (json) std::printf("], \"total_seconds\": %.3f, \"held_out_accuracy\": %.4f}\n", total, acc);
  else std::printf("  total %.2f s, held-out accuracy %.2f%%\n", total, 100 * acc);
  return 0;
}
