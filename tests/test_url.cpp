// test_url.cpp: query strings of shareable links (web/core/url): percent-coding round-trips any
// byte, malformed escapes stay literal, and numbers are parsed with messages, never NaN.
#include <doctest/doctest.h>

#include "url.hpp"

using namespace web;

TEST_CASE("url: build then parse returns the same pairs for any bytes") {
  std::string all(255, ' ');
  for (int c = 1; c < 256; ++c) all[c - 1] = static_cast<char>(c);
  const std::vector<Param> ps = {{"a", "1"}, {"name with space", "x&y=z"}, {"bytes", all}, {"empty", ""}};
  const std::vector<Param> back = parse_query(std::string(1, '?').append(build_query(ps)));
  REQUIRE(back.size() == ps.size());
  for (size_t i = 0; i < ps.size(); ++i) {
    CHECK(back[i].key == ps[i].key);
    CHECK(back[i].value == ps[i].value);
  }
}

TEST_CASE("url: malformed escapes stay literal; '+' is a space") {
  const auto ps = parse_query("a=%zz&b=%4&c=%-1&d=1+2&e");
  REQUIRE(ps.size() == 5);
  CHECK(ps[0].value == "%zz");
  CHECK(ps[1].value == "%4");
  CHECK(ps[2].value == "%-1");
  CHECK(ps[3].value == "1 2");
  CHECK(ps[4].key == "e");
  CHECK(ps[4].value.empty());
}

TEST_CASE("url: numbers out of range or not finite give a message and no value") {
  double d = 42;
  CHECK(parse_number({"lr", "inf"}, 0, 1, d).find("lr=inf is not a number") != std::string::npos);
  CHECK(parse_number({"lr", "0x10"}, 0, 100, d).empty());  // strtod's hex floats are numbers too
  CHECK(d == 16);
  CHECK(!parse_number({"lr", "2"}, 0, 1, d).empty());
  CHECK(d == 16);
  long long i = 5;
  CHECK(!parse_int({"n", "99999999999999999999"}, 0, 10, i).empty());
  CHECK(!parse_int({"n", "3.5"}, 0, 10, i).empty());
  CHECK(i == 5);
}
