// test_scene_guard.cpp: the RBM lab at its largest learning rate (with CD-1 and momentum 0.9,
// where it diverges): it stops with the engine's message, says it diverged, offers the last good
// weights, and after "restore" holds finite weights again, paused, ready to train on. (The
// exact-RBM scene's settings cannot make it diverge; its trainer is the engine's, tested in
// test_guard.cpp.)
#include <doctest/doctest.h>

#include <cmath>
#include <span>
#include <vector>

#include "rbm_model.hpp"
#include "scene_test_util.hpp"

using namespace web;

TEST_CASE("rbm model: learning rate 100 diverges, says so, and restores the last good weights") {
  static const ebm::DatasetSplit d = scene_test::bar_split(300, 60);
  RbmModel m;
  m.set_data(&d);
  const std::vector<Param> link{{"lr", "100"}, {"momentum", "0.9"}, {"method", "cd"}, {"hidden", "64"},
                                {"batch", "50"}, {"train_rows", "300"}};
  CHECK(m.apply_link(std::span<const Param>(link)).empty());
  REQUIRE(m.built());
  m.set_playing(true);
  for (int i = 0; i < 200 && !m.diverged(); ++i) m.step(50);
  REQUIRE(m.diverged());
  CHECK(!m.playing());
  CHECK(m.error().find("training stopped") != std::string::npos);
  CHECK(m.weights_finite());
  REQUIRE(m.can_restore());
  const uint64_t v = m.version();
  m.restore_good();
  CHECK(!m.diverged());
  CHECK(m.error().empty());
  CHECK(m.notice().find("Restored the weights from the start of epoch") == 0);
  CHECK(m.version() != v);
  CHECK(m.weights_finite());
  CHECK(!m.playing());
  RbmSettings calm = m.settings();
  calm.lr = 0.05f;
  m.propose(calm);
  m.step_batch();
  CHECK(!m.diverged());
  CHECK(std::isfinite(m.trainer().last_recon_error));
}
