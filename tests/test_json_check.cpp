// test_json_check.cpp: the page's report of non-finite numbers in its state (json_check.hpp).
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "json_check.hpp"

using namespace web;

TEST_CASE("nonfinite_numbers: finds NaN and infinities by path, nothing in a clean state") {
  nlohmann::json j;
  j["frames"] = 12;
  j["state"]["kl"] = 0.25;
  j["state"]["p"] = {0.5, std::numeric_limits<double>::quiet_NaN(), 0.5};
  j["state"]["nested"]["w"] = -std::numeric_limits<double>::infinity();
  j["state"]["name"] = "nan";
  const auto bad = nonfinite_numbers(j);
  REQUIRE(bad.size() == 2);
  CHECK(bad[0] == "state.nested.w");
  CHECK(bad[1] == "state.p[1]");
  j["state"]["p"][1] = 0.0;
  j["state"]["nested"]["w"] = 1.0;
  CHECK(nonfinite_numbers(j).empty());
  nlohmann::json many = nlohmann::json::array();
  for (int i = 0; i < 50; ++i) many.push_back(std::numeric_limits<double>::infinity());
  CHECK(nonfinite_numbers(many, 5).size() == 5);
}
