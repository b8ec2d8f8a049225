// test_rbm_alloc.cpp: the training loop, fantasy sweeps and AIS steps never allocate once
// their buffers exist ("a typical frame should never call malloc"). Counts calls to the global
// operator new (plain, array and aligned forms), which this file replaces for the whole test
// program (malloc / aligned_alloc underneath).
#include <doctest/doctest.h>

#include <cstdlib>
#include <new>
#include <vector>

#include "datasets.hpp"
#include "rbm_metrics.hpp"
#include "rbm_sampling.hpp"
#include "rbm_train.hpp"

namespace {
long g_news = 0;
}

void* operator new(std::size_t n) {
  ++g_news;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n) { return operator new(n); }
// Over-aligned types (alignas > 16) go through the aligned forms: counted too.
void* operator new(std::size_t n, std::align_val_t a) {
  ++g_news;
  const std::size_t al = static_cast<std::size_t>(a);
  if (void* p = std::aligned_alloc(al, (n + al - 1) / al * al)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t n, std::align_val_t a) { return operator new(n, a); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }

using namespace ebm;

TEST_CASE("no allocation while training (CD and PCD), sampling or annealing") {
  {  // the counter works: a vector's storage is counted
    const long before = g_news;
    std::vector<int> probe(100);
    probe[0] = 1;
    REQUIRE(g_news - before == 1);
    struct alignas(64) Line { float x[16]; };
    std::vector<Line> lines(3);  // over-aligned storage: the aligned operator new is counted as well
    lines[0].x[0] = 1;
    REQUIRE(g_news - before == 2);
  }
  const auto data = dataset_to_float(shapes_16x16(), Binarize::None);
  for (RbmMethod method : {RbmMethod::Cd, RbmMethod::Pcd}) {
    Rng rng(1);
    Rbm r = rbm_make(256, 40, 16, 16);
    rbm_init(r, rng, data);
    auto made = rbm_trainer_make(r, data, RbmTrainConfig{.method = method, .batch_size = 5, .k = 3,
                                                         .learning_rate = 0.05f, .momentum = 0.5f,
                                                         .weight_decay = 1e-4f, .sample_data = true});
    REQUIRE(made.ok());
    RbmTrainer& t = made.value();
    rbm_train_step(t, rng, 1);  // first call may touch lazily sized state
    const long before = g_news;
    const int done = rbm_train_step(t, rng, 25);  // crosses several epoch boundaries
    CHECK(g_news - before == 0);
    CHECK(done == 25);
  }
  Rng rng(2);
  Rbm r = rbm_make(256, 20, 16, 16);
  rbm_init(r, rng, data);
  FantasyChains fc = fantasy_make(r, 8);
  fantasy_from_noise(fc, r, rng);
  fantasy_step(fc, r, rng, 1);
  long before = g_news;
  fantasy_step(fc, r, rng, 10);
  CHECK(g_news - before == 0);
  const auto base = ais_base_bias(data.data(), 12, 256);
  AisRun run = ais_start(r, base, AisConfig{.runs = 10, .betas = 50}, rng);
  before = g_news;
  ais_step(run, rng, 20);
  CHECK(g_news - before == 0);
}
