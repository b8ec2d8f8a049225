// test_dbn.cpp: deep belief nets (dbn.hpp, model_io's "ebm-dbn"): the first layer is exactly a
// lone RBM, the top layer's label conditionals equal brute-force enumeration, free-energy
// classification of a tiny hand-made set is exact, clamped generation produces what the net
// itself classifies as the clamped label, budget slicing changes nothing, and files round-trip
// bit for bit while malformed ones are refused with a message.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "dbn.hpp"
#include "model_io.hpp"
#include "rbm_test_util.hpp"

using namespace ebm;
using namespace ebm_test;

namespace {

// Four classes of 4x4 images: top half, bottom half, left half, right half on; each class has
// its clean prototype and the 16 copies with one pixel flipped (68 rows).
struct Tiny {
  std::vector<float> x;        // (68, 16)
  std::vector<uint8_t> y;      // (68)
  int n = 0;
};

Tiny tiny_set() {
  Tiny t;
  for (int c = 0; c < 4; ++c) {
    float proto[16];
    for (int r = 0; r < 4; ++r)
      for (int q = 0; q < 4; ++q) {
        const bool on = c == 0 ? r < 2 : c == 1 ? r >= 2 : c == 2 ? q < 2 : q >= 2;
        proto[r * 4 + q] = on ? 1.0f : 0.0f;
      }
    for (int flip = -1; flip < 16; ++flip) {
      for (int i = 0; i < 16; ++i) t.x.push_back(i == flip ? 1.0f - proto[i] : proto[i]);
      t.y.push_back(static_cast<uint8_t>(c));
      ++t.n;
    }
  }
  return t;
}

DbnConfig tiny_config() {
  DbnConfig c;
  c.hidden = {12};
  c.top_hidden = 24;
  c.labels = 4;
  c.width = 4;
  c.height = 4;
  c.layer = RbmTrainConfig{.batch_size = 4, .k = 1, .learning_rate = 0.1f, .momentum = 0.5f, .epochs = 60};
  c.top = RbmTrainConfig{.batch_size = 4, .k = 1, .learning_rate = 0.1f, .momentum = 0.5f, .epochs = 120};
  c.init_sigma = 0.01f;
  return c;
}

Dbn train_tiny(uint64_t seed) {
  const Tiny t = tiny_set();
  Rng rng(seed);
  auto made = dbn_trainer_make(t.x, t.y, 16, tiny_config(), rng);
  REQUIRE_MESSAGE(made.ok(), made.error());
  DbnTrainer& tr = made.value();
  while (!dbn_train_finished(tr)) dbn_train_step(tr, rng, 100);
  REQUIRE(tr.phase == DbnPhase::Done);
  return tr.dbn;
}

// A random DBN with the given shape (no training).
Dbn random_dbn(std::vector<int> sizes, int labels, int top_hidden, Rng& rng) {
  Dbn d;
  d.labels = labels;
  for (size_t k = 0; k + 1 < sizes.size(); ++k) d.layers.push_back(random_rbm(sizes[k], sizes[k + 1], 0.5f, 0.5f, rng));
  d.top = random_rbm(sizes.back() + labels, top_hidden, 0.8f, 0.8f, rng);
  return d;
}

// -E([pen, e_l], h) of the top RBM from the definition, double.
double neg_energy(const Rbm& top, const std::vector<float>& pen, int label, const std::vector<float>& h) {
  std::vector<float> v = pen;
  const int labels = top.nv - static_cast<int>(pen.size());
  for (int l = 0; l < labels; ++l) v.push_back(l == label ? 1.0f : 0.0f);
  return -energy(top, v, h);
}

}  // namespace

TEST_CASE("dbn: the first layer is bit for bit the RBM trained alone with the same seed") {
  Rng drng(3);
  const int n = 120, nv = 36;
  std::vector<float> data(n * nv);
  for (float& v : data) v = drng.uniform();  // grey levels, sampled per presentation
  std::vector<uint8_t> labels(n);
  for (int r = 0; r < n; ++r) labels[r] = static_cast<uint8_t>(r % 3);
  DbnConfig cfg;
  cfg.hidden = {16, 8};
  cfg.top_hidden = 10;
  cfg.labels = 3;
  cfg.width = 6;
  cfg.height = 6;
  cfg.layer = RbmTrainConfig{.batch_size = 10, .k = 2, .learning_rate = 0.05f, .momentum = 0.5f,
                             .weight_decay = 1e-4f, .epochs = 4};
  cfg.sample_pixels = true;
  cfg.sample_hidden = true;
  cfg.top = RbmTrainConfig{.batch_size = 10, .k = 1, .learning_rate = 0.05f, .epochs = 2};

  // Alone: the same calls the DBN documents for its layer 0.
  Rng r1(21);
  Rbm lone = rbm_make(nv, 16, 6, 6);
  rbm_init(lone, r1, data, cfg.init_sigma);
  RbmTrainConfig alone = cfg.layer;
  alone.sample_data = true;
  auto made = rbm_trainer_make(std::move(lone), data, alone);
  REQUIRE(made.ok());
  while (!rbm_train_finished(made.value())) rbm_train_step(made.value(), r1, 7);

  Rng r2(21);
  auto dm = dbn_trainer_make(data, labels, nv, cfg, r2);
  REQUIRE_MESSAGE(dm.ok(), dm.error());
  DbnTrainer& t = dm.value();
  int calls = 0;
  while (t.dbn.layers.empty()) {
    dbn_train_step(t, r2, 5);
    ++calls;
  }
  const Rbm& a = made.value().rbm;
  const Rbm& b = t.dbn.layers[0];
  CHECK(calls > 1);
  CHECK(b.width == 6);
  CHECK(a.w == b.w);  // bit for bit
  CHECK(a.b == b.b);
  CHECK(a.c == b.c);
  std::printf("dbn layer 0 vs lone RBM: max |dW| = %.3g over %zu weights\n",
              max_abs_diff(a.w.data(), b.w.data(), a.w.size()), a.w.size());
  // The rest of training runs through propagation and the top; reports cover every stage.
  while (!dbn_train_finished(t)) dbn_train_step(t, r2, 3);
  CHECK(t.phase == DbnPhase::Done);
  REQUIRE(t.reports.size() == 3);
  CHECK(t.reports[0].epochs == 4);
  CHECK(t.reports[2].nv == 8 + 3);
  CHECK(dbn_shapes_ok(t.dbn));
  CHECK(dbn_train_fraction(t) == 1.0f);
}

TEST_CASE("dbn: budget slicing changes nothing") {
  const Tiny d = tiny_set();
  DbnConfig cfg = tiny_config();
  cfg.layer.epochs = 5;
  cfg.top.epochs = 5;
  Dbn models[2];
  int64_t units[2] = {0, 0};
  const int budgets[2] = {1, 1000};
  for (int m = 0; m < 2; ++m) {
    Rng rng(8);
    auto t = dbn_trainer_make(d.x, d.y, 16, cfg, rng);
    REQUIRE(t.ok());
    float last = 0;
    while (!dbn_train_finished(t.value())) {
      units[m] += dbn_train_step(t.value(), rng, budgets[m]);
      const float f = dbn_train_fraction(t.value());
      CHECK(f >= last);
      last = f;
    }
    models[m] = t.value().dbn;
  }
  CHECK(units[0] == units[1]);
  CHECK(models[0].layers[0].w == models[1].layers[0].w);
  CHECK(models[0].top.w == models[1].top.w);
  CHECK(models[0].top.b == models[1].top.b);
}

TEST_CASE("dbn: the top layer's label conditionals equal brute-force enumeration") {
  Rng rng(17);
  const int pen = 3, labels = 3, nh = 4;
  const Dbn d = random_dbn({pen}, labels, nh, rng);
  const Rbm& top = d.top;
  DbnScratch s;
  double worst_h = 0, worst_pen = 0, worst_f = 0;
  // P(label | h): softmax group conditional vs summing exp(-E) over pen states and labels.
  for (unsigned hs = 0; hs < (1u << nh); ++hs) {
    const std::vector<float> h = bits(hs, nh);
    std::vector<double> joint(labels, 0.0);
    double z = 0;
    for (int l = 0; l < labels; ++l)
      for (unsigned ps = 0; ps < (1u << pen); ++ps) {
        const double e = std::exp(neg_energy(top, bits(ps, pen), l, h));
        joint[l] += e;
        z += e;
      }
    std::vector<float> pv(top.nv, 0.0f);
    rbm_softmax_tail(top, h.data(), 1, labels, pv.data());
    for (int l = 0; l < labels; ++l) worst_h = std::max(worst_h, std::fabs(pv[pen + l] - joint[l] / z));
  }
  // P(label | pen) and the clamped free energies vs summing over every hidden state.
  for (unsigned ps = 0; ps < (1u << pen); ++ps) {
    const std::vector<float> v = bits(ps, pen);
    std::vector<double> f(labels), post(labels), want(labels);
    dbn_label_free_energies(d, v.data(), 1, f.data(), s);
    dbn_label_posterior(d, v.data(), post.data(), s);
    double z = 0;
    for (int l = 0; l < labels; ++l) {
      std::vector<double> terms;
      for (unsigned hs = 0; hs < (1u << nh); ++hs) terms.push_back(neg_energy(top, v, l, bits(hs, nh)));
      const double lse = log_sum_exp(terms);  // = -F([v, e_l])
      worst_f = std::max(worst_f, std::fabs(f[l] + lse));
      want[l] = std::exp(lse);
      z += want[l];
    }
    for (int l = 0; l < labels; ++l) worst_pen = std::max(worst_pen, std::fabs(post[l] - want[l] / z));
  }
  std::printf("dbn label conditionals vs enumeration: max diff P(l|h) %.2e, P(l|pen) %.2e, F %.2e\n", worst_h,
              worst_pen, worst_f);
  CHECK(worst_h < 1e-6);
  CHECK(worst_pen < 1e-7);  // pen W is a float product
  CHECK(worst_f < 1e-5);

  // The categorical sampler: frequencies follow the probabilities, exactly one unit on.
  const int rows = 20000;
  std::vector<float> p(rows * 4), v(rows * 4, 0.5f);
  for (int r = 0; r < rows; ++r) {
    p[r * 4 + 0] = 0.9f;  // an ordinary unit, untouched
    p[r * 4 + 1] = 0.2f;
    p[r * 4 + 2] = 0.5f;
    p[r * 4 + 3] = 0.3f;
  }
  sample_softmax_tail(p.data(), v.data(), rows, 4, 3, rng);
  double freq[3] = {0, 0, 0};
  for (int r = 0; r < rows; ++r) {
    CHECK(v[r * 4] == 0.5f);
    REQUIRE(v[r * 4 + 1] + v[r * 4 + 2] + v[r * 4 + 3] == 1.0f);
    for (int l = 0; l < 3; ++l) freq[l] += v[r * 4 + 1 + l] / rows;
  }
  CHECK(freq[0] == doctest::Approx(0.2).epsilon(0.05));
  CHECK(freq[1] == doctest::Approx(0.5).epsilon(0.03));
  CHECK(freq[2] == doctest::Approx(0.3).epsilon(0.04));
}

TEST_CASE("dbn: free-energy classification of a tiny hand-made set is exact") {
  const Tiny t = tiny_set();
  const Dbn d = train_tiny(5);
  DbnScratch s;
  std::vector<int> got(t.n);
  dbn_classify(d, t.x.data(), t.n, got.data(), s);
  int wrong = 0;
  for (int r = 0; r < t.n; ++r) wrong += got[r] != t.y[r];
  CHECK(wrong == 0);
  CHECK(dbn_accuracy(d, t.x.data(), t.y.data(), t.n, s) == 1.0);
  // The batched free energies equal the reference free energy of [pen, e_l] (double path).
  std::vector<float> pen(t.n * 12);
  dbn_up(d, t.x.data(), t.n, 1, pen.data(), s);
  std::vector<double> f(t.n * 4);
  dbn_label_free_energies(d, pen.data(), t.n, f.data(), s);
  double worst = 0;
  for (int r = 0; r < t.n; ++r)
    for (int l = 0; l < 4; ++l) {
      std::vector<float> v(pen.begin() + r * 12, pen.begin() + (r + 1) * 12);
      for (int k = 0; k < 4; ++k) v.push_back(k == l ? 1.0f : 0.0f);
      worst = std::max(worst, std::fabs(f[r * 4 + l] - rbm_free_energy_one(d.top, v.data())));
    }
  std::printf("dbn tiny set: %d of %d wrong; free energies vs reference max diff %.2e\n", wrong, t.n, worst);
  CHECK(worst < 1e-4);
}

TEST_CASE("dbn: clamped generation produces what the net classifies as that label") {
  const Dbn d = train_tiny(5);
  Rng rng(99);
  const int per = 40;
  DbnChains c = dbn_chains_make(d, 4 * per);
  std::vector<int> clamp(4 * per);
  for (int r = 0; r < 4 * per; ++r) clamp[r] = r / per;
  dbn_chains_start(c, d, rng, clamp);
  dbn_chains_step(c, d, rng, 200);
  dbn_chains_down(c, d, rng);
  DbnScratch s;
  int agree[4] = {0, 0, 0, 0};
  for (int r = 0; r < 4 * per; ++r) {
    CHECK(dbn_chains_label(c, d, r) == clamp[r]);
    const auto img = dbn_chains_image(c, d, r);
    REQUIRE(img.size() == 16);
    int got = -1;
    dbn_classify(d, img.data(), 1, &got, s);
    agree[clamp[r]] += got == clamp[r];
  }
  std::printf("dbn clamped generation: classified as the clamped label %d %d %d %d of %d each\n", agree[0],
              agree[1], agree[2], agree[3], per);
  for (int l = 0; l < 4; ++l) CHECK(agree[l] >= per * 3 / 4);

  // Free chains sample their label: across chains and sweeps every label shows up.
  std::vector<int> free_clamp(4 * per, -1);
  dbn_chains_start(c, d, rng, free_clamp);
  int seen[4] = {0, 0, 0, 0}, changes = 0;
  std::vector<int> last(4 * per);
  for (int r = 0; r < 4 * per; ++r) last[r] = dbn_chains_label(c, d, r);
  for (int sweep = 0; sweep < 50; ++sweep) {
    dbn_chains_step(c, d, rng, 1);
    for (int r = 0; r < 4 * per; ++r) {
      const int l = dbn_chains_label(c, d, r);
      ++seen[l];
      changes += l != last[r];
      last[r] = l;
      double sum = 0;
      for (int k = 0; k < 4; ++k) sum += c.pv[r * d.top.nv + 12 + k];
      CHECK(sum == doctest::Approx(1.0).epsilon(1e-5));
    }
  }
  for (int l = 0; l < 4; ++l) CHECK(seen[l] > 0);
  CHECK(changes > 0);
}

TEST_CASE("dbn: save and load round-trip exactly, JSON and binary") {
  Rng rng(4);
  Dbn d = random_dbn({6, 5, 4}, 3, 7, rng);
  d.width = 3;
  d.height = 2;
  d.layers[0].width = 3;
  d.layers[0].height = 2;
  d.layers[0].w[0] = 1e-30f;
  d.top.b[1] = -3.4e38f;
  DbnTrainingInfo info;
  info.dataset = "tiny";
  info.seed = 42;
  info.held_out_accuracy = 0.9375;
  info.stages.resize(3);
  info.stages[2].method = "pcd";
  info.stages[2].epochs = 12;
  const std::string text = dbn_to_json(d, &info);
  const std::vector<uint8_t> bin = dbn_to_binary(d);
  for (int form = 0; form < 2; ++form) {
    const std::span<const uint8_t> bytes =
        form == 0 ? std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(text.data()), text.size())
                  : std::span<const uint8_t>(bin);
    DbnTrainingInfo back;
    auto r = dbn_from_bytes(bytes, 6, &back);
    REQUIRE_MESSAGE(r.ok(), r.error());
    const Dbn& q = r.value();
    CHECK(q.labels == 3);
    CHECK(q.width == 3);
    CHECK(q.height == 2);
    REQUIRE(q.layers.size() == 2);
    for (size_t k = 0; k < 2; ++k) {
      CHECK(q.layers[k].w == d.layers[k].w);
      CHECK(q.layers[k].b == d.layers[k].b);
      CHECK(q.layers[k].c == d.layers[k].c);
    }
    CHECK(q.layers[0].width == 3);
    CHECK(q.top.w == d.top.w);
    CHECK(q.top.b == d.top.b);
    CHECK(q.top.c == d.top.c);
    CHECK(dbn_shapes_ok(q));
    if (form == 0) {
      CHECK(back.dataset == "tiny");
      CHECK(back.seed == 42);
      CHECK(back.held_out_accuracy == 0.9375);
      REQUIRE(back.stages.size() == 3);
      CHECK(back.stages[2].method == "pcd");
      CHECK(back.stages[2].epochs == 12);
    }
  }
  CHECK(bin.size() == 32 + 4 * (2 + 6 + 5 + 30) + 4 * (2 + 5 + 4 + 20) + 4 * (2 + 7 + 7 + 49));
}

TEST_CASE("dbn: malformed files are refused with a message") {
  Rng rng(6);
  const Dbn d = random_dbn({6, 4}, 3, 5, rng);
  const std::string good = dbn_to_json(d);
  auto edit = [](std::string s, const std::string& from, const std::string& to) {
    const size_t at = s.find(from);
    REQUIRE(at != std::string::npos);
    return s.replace(at, from.size(), to);
  };
  // The first weight of layer 0 replaced by null (what a serializer writes for NaN).
  std::string null_w = good;
  const size_t w0 = null_w.find("\"W\":[") + 5;
  null_w.replace(w0, null_w.find(',', w0) - w0, "null");
  struct Bad {
    std::string text, expect;
  } cases[] = {
      {"", "not valid JSON"},
      {"[1]", "not an object"},
      {"{}", "missing \"format\""},
      {edit(good, "\"ebm-dbn\"", "\"ebm-rbm\""), "wrong model format"},
      {edit(good, "\"version\":1", "\"version\":2"), "version 2"},
      {edit(good, "\"labels\":3", "\"labels\":1"), "labels must be in"},
      {edit(good, "\"labels\":3", "\"labels\":4"), "expected 4 (last layer) + 4 labels"},
      {edit(good, "\"layers\":", "\"stack\":"), "missing field \"layers\""},
      {edit(good, "\"top\":", "\"tip\":"), "missing field \"top\""},
      {edit(good, "\"nh\":4", "\"nh\":5"), "layer 0: field \"c\" has 4 values, expected 5"},
      {null_w, "layer 0: W[0] is not a number (null"},
      {edit(good, "\"width\":0", "\"width\":5"), "image shape"},
  };
  for (const Bad& bad : cases) {
    DbnTrainingInfo info;
    info.dataset = "untouched";
    auto r = dbn_from_bytes(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(bad.text.data()), bad.text.size()),
                            0, &info);
    INFO("input: " << bad.text.substr(0, 80));
    REQUIRE(!r.ok());
    CHECK_MESSAGE(r.error().find(bad.expect) != std::string::npos, r.error());
    CHECK(info.dataset == "untouched");
  }
  // Binary: truncation, damage, extra bytes, wrong input size.
  std::vector<uint8_t> bin = dbn_to_binary(d);
  auto err = [](std::vector<uint8_t> b, int expect_input = 0) {
    auto r = dbn_from_bytes(b, expect_input);
    REQUIRE(!r.ok());
    return r.error();
  };
  CHECK(err(std::vector<uint8_t>(bin.begin(), bin.begin() + 20)).find("not a binary DBN") != std::string::npos);
  std::vector<uint8_t> damaged = bin;
  damaged[100] ^= 1;
  CHECK(err(damaged).find("hash") != std::string::npos);
  std::vector<uint8_t> cut(bin.begin(), bin.end() - 4);
  CHECK(err(cut).find("hash") != std::string::npos);  // the hash covers the length too
  CHECK(err(bin, 784).find("6 input units") != std::string::npos);
  std::vector<uint8_t> v2 = bin;
  v2[8] = 2;
  CHECK(err(v2).find("version 2") != std::string::npos);
  auto missing = dbn_load("/nonexistent/dbn.json");
  REQUIRE(!missing.ok());
  CHECK(missing.error().find("/nonexistent/dbn.json") != std::string::npos);
}

TEST_CASE("dbn: bad configurations and data are user errors naming the problem") {
  const Tiny t = tiny_set();
  Rng rng(1);
  auto err = [&](DbnConfig c, std::span<const float> x, std::span<const uint8_t> y) {
    auto r = dbn_trainer_make(x, y, 16, c, rng);
    REQUIRE(!r.ok());
    return r.error();
  };
  DbnConfig c = tiny_config();
  c.labels = 1;
  CHECK(err(c, t.x, t.y).find("labels must be") != std::string::npos);
  c = tiny_config();
  c.labels = 3;  // class 3 exists in the data
  CHECK(err(c, t.x, t.y).find("label 3") != std::string::npos);
  c = tiny_config();
  c.top.learning_rate = -1.0f;
  CHECK(err(c, t.x, t.y).find("top: learning rate") != std::string::npos);
  c = tiny_config();
  c.layer.epochs = 0;
  CHECK(err(c, t.x, t.y).find("layer epochs") != std::string::npos);
  c = tiny_config();
  c.width = 5;
  CHECK(err(c, t.x, t.y).find("image shape") != std::string::npos);
  c = tiny_config();
  CHECK(err(c, t.x, std::span<const uint8_t>(t.y).first(10)).find("one label per row") != std::string::npos);
  c = tiny_config();
  c.hidden = {12, 0};
  CHECK(err(c, t.x, t.y).find("hidden units") != std::string::npos);
  // No stacked layers: the top sees the input directly and still classifies.
  c = tiny_config();
  c.hidden = {};
  auto ok = dbn_trainer_make(t.x, t.y, 16, c, rng);
  REQUIRE_MESSAGE(ok.ok(), ok.error());
  while (!dbn_train_finished(ok.value())) dbn_train_step(ok.value(), rng, 50);
  DbnScratch s;
  CHECK(dbn_accuracy(ok.value().dbn, t.x.data(), t.y.data(), t.n, s) > 0.9);
}

TEST_CASE("rbm training with a softmax group: chain samples are one-hot, data untouched") {
  const Tiny t = tiny_set();
  std::vector<float> rows;
  for (int r = 0; r < t.n; ++r) {
    rows.insert(rows.end(), t.x.begin() + r * 16, t.x.begin() + (r + 1) * 16);
    for (int l = 0; l < 4; ++l) rows.push_back(l == t.y[r] ? 1.0f : 0.0f);
  }
  Rng rng(2);
  Rbm r = rbm_make(20, 8);
  rbm_init(r, rng, rows);
  auto tr = rbm_trainer_make(std::move(r), rows,
                             RbmTrainConfig{.batch_size = 17, .k = 3, .learning_rate = 0.1f, .epochs = 3,
                                            .softmax_tail = 4});
  REQUIRE(tr.ok());
  RbmTrainer& T = tr.value();
  rbm_train_step(T, rng, 1);
  for (int b = 0; b < 17; ++b) {
    const float* vk = T.x.data() + (17 + b) * 20;  // negative-phase rows
    CHECK(vk[16] + vk[17] + vk[18] + vk[19] == 1.0f);
    const float* pv = T.pv.data() + b * 20;
    CHECK(pv[16] + pv[17] + pv[18] + pv[19] == doctest::Approx(1.0f).epsilon(1e-5));
  }
  CHECK_FALSE(rbm_trainer_make(rbm_make(4, 2), std::vector<float>(8, 0.0f),
                               RbmTrainConfig{.softmax_tail = 4}).ok());  // no ordinary unit left
  CHECK_FALSE(rbm_trainer_make(rbm_make(4, 2), std::vector<float>(8, 0.0f),
                               RbmTrainConfig{.softmax_tail = 1}).ok());
}
