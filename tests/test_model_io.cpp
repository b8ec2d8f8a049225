// test_model_io.cpp: the "ebm-rbm" JSON format round-trips bit for bit, and malformed or
// mismatched files give a message and leave the caller's model untouched.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "model_io.hpp"
#include "rbm_test_util.hpp"

using namespace ebm;
using namespace ebm_test;

namespace {
Rbm sample_model() {
  Rng rng(61);
  Rbm r = random_rbm(6, 4, 0.3f, 1.0f, rng);
  r.width = 3;
  r.height = 2;
  r.w[0] = 1e-30f;   // tiny, huge and awkward values survive the trip
  r.w[1] = -3.4e38f;
  r.w[2] = 0.1f;
  r.b[0] = 1.0f / 3.0f;
  return r;
}

// Replaces the first occurrence of `from` in s.
std::string edit(std::string s, const std::string& from, const std::string& to) {
  const size_t at = s.find(from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}
}  // namespace

TEST_CASE("model_io: save then load round-trips exactly, with metadata") {
  const Rbm r = sample_model();
  RbmTrainingInfo info;
  info.method = "pcd";
  info.k = 10;
  info.learning_rate = 0.005f;
  info.epochs = 3;
  info.updates = 420;
  info.dataset = "mnist-train";
  info.seed = 18446744073709551615ull;
  const std::string text = rbm_to_json(r, &info);
  RbmTrainingInfo back;
  auto loaded = rbm_from_json(text, 0, &back);
  REQUIRE_MESSAGE(loaded.ok(), loaded.error());
  const Rbm& q = loaded.value();
  CHECK(q.nv == r.nv);
  CHECK(q.nh == r.nh);
  CHECK(q.width == 3);
  CHECK(q.height == 2);
  CHECK(q.w == r.w);  // bit for bit
  CHECK(q.b == r.b);
  CHECK(q.c == r.c);
  CHECK(back.method == "pcd");
  CHECK(back.k == 10);
  CHECK(back.learning_rate == 0.005f);
  CHECK(back.updates == 420);
  CHECK(back.dataset == "mnist-train");
  CHECK(back.seed == info.seed);
  CHECK(text.find("\"format\":\"ebm-rbm\"") != std::string::npos);
  CHECK(text.find("0.1,") != std::string::npos);  // shortest float form, not 0.10000000149
}

TEST_CASE("model_io: malformed and mismatched files give an error and change nothing") {
  const Rbm r = sample_model();
  const std::string good = rbm_to_json(r);
  struct Bad {
    std::string text, expect;
  } cases[] = {
      {"", "not valid JSON"},
      {"{\"format\": \"ebm-rbm\", ", "not valid JSON"},
      {"[1, 2]", "not an object"},
      {"{}", "missing \"format\""},
      {edit(good, "\"ebm-rbm\"", "\"ebm-hopfield\""), "wrong model format"},
      {edit(good, "\"version\":1", "\"version\":2"), "version 2"},
      {edit(good, "\"nh\":4", "\"nh\":5"), "\"c\" has 4 values, expected 5"},
      {edit(good, "\"nv\":6", "\"nv\":-6"), "implausible sizes"},
      {edit(good, "\"nv\":6", "\"nv\":\"6\""), "\"nv\" must be an integer"},
      {edit(good, "\"W\":[1e-30", "\"W\":[null"), "W[0] is not a number"},
      {edit(good, "\"b\":[0.33333334", "\"b\":[1e39"), "number overflow"},
      {edit(good, "\"b\":[0.33333334", "\"b\":[true"), "b[0] is not a number"},
      {edit(good, "\"width\":3", "\"width\":4"), "image shape"},
      {edit(good, "\"c\":", "\"cc\":"), "missing field \"c\""},
  };
  for (const Bad& bad : cases) {
    Rbm current = r;  // the caller's model
    RbmTrainingInfo info;
    info.dataset = "untouched";
    auto res = rbm_from_json(bad.text, 0, &info);
    INFO("input: " << bad.text.substr(0, 60));
    REQUIRE(!res.ok());
    CHECK_MESSAGE(res.error().find(bad.expect) != std::string::npos, res.error());
    CHECK(info.dataset == "untouched");
    CHECK(current.w == r.w);
  }
  auto wrong_nv = rbm_from_json(good, 784);
  REQUIRE(!wrong_nv.ok());
  CHECK(wrong_nv.error().find("6 visible units") != std::string::npos);
  auto missing = rbm_load("/nonexistent/model.json");
  REQUIRE(!missing.ok());
  CHECK(missing.error().find("/nonexistent/model.json") != std::string::npos);
}
