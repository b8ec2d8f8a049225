// test_fuzz_regressions.cpp: every finding of the libFuzzer targets (fuzz/), kept as a test that
// fails on the code before its fix. The inputs also sit in fuzz/corpus/<target>/regress-*, so
// each fuzz run replays them first.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "gibbs_model.hpp"
#include "model_io.hpp"
#include "settings.hpp"
#include "url.hpp"

using namespace web;

namespace {

// True when s is valid UTF-8 (nlohmann::json's strict dump throws otherwise, as ebm_query would).
bool utf8_ok(const std::string& s) {
  try {
    (void)nlohmann::json(s).dump();
    return true;
  } catch (const nlohmann::json::exception&) {
    return false;
  }
}

}  // namespace

TEST_CASE("fuzz_url regression: a key with NUL bytes or 100 characters is named whole in the message") {
  // Found: "drawn%00%00...&x=1e308": the message printed the key up to its first NUL, so it did
  // not name the key; a long key was cut by a 160-byte buffer.
  for (const std::string& key : {std::string("drawn\0\0\0,3.B_", 13), std::string(100, 'k')}) {
    double d = -7;
    const std::string m = parse_number({key, "zz"}, 0, 1, d);
    CHECK(d == -7);
    CHECK(m.rfind(link_text(key) + "=", 0) == 0);
    CHECK(utf8_ok(m));
    CHECK(link_text(key).size() <= 27);
  }
  CHECK(link_text(std::string("a\0b", 3)) == "a?b");
}

TEST_CASE("fuzz_url regression: a NUL inside a number's value is refused, not read as the number before it") {
  double d = -7;
  CHECK(!parse_number({"x", std::string("1\0junk", 6)}, 0, 10, d).empty());
  CHECK(d == -7);
  long long i = -7;
  CHECK(!parse_int({"n", std::string("3\0", 2)}, 0, 10, i).empty());
  CHECK(i == -7);
}

TEST_CASE("fuzz_settings regression: notes about invalid UTF-8 in a link are valid UTF-8") {
  // Found: "noise_start=ogus=%ff" on the Gibbs scene: the note quoted the byte 0xff raw and the
  // page's JSON query would have thrown. Bytes that are not UTF-8 are shown as '?'.
  const std::vector<Param> ps = parse_query("noise_start=ogus=%ff&%fe%ff=1&speed=%c3");
  GibbsSettings s{};
  const std::vector<std::string> notes = settings_apply(gibbs_settings_table(), s, std::span<const Param>(ps), "Gibbs sampling");
  CHECK(notes.size() == 3);
  for (const std::string& n : notes) CHECK_MESSAGE(utf8_ok(n), n);
  // A character is never cut in half when a long value is shortened: 30 two-byte characters.
  std::string e;
  for (int k = 0; k < 30; ++k) e += "\xc3\xa9";
  CHECK(utf8_ok(link_text(e)));
  CHECK(link_text(e) == e.substr(0, 48) + "...");
  CHECK(link_text("\xe0\x80\x80\xed\xa0\x80") == "??????");  // overlong form and a surrogate
}

TEST_CASE("fuzz_model_io regression: a binary DBN layer of implausible size is refused without overflow") {
  // Found: nv * nh of two 32-bit sizes overflowed int64 (undefined behaviour, caught by UBSan).
  const std::vector<uint8_t> bytes = {
      0x45, 0x42, 0x4d, 0x44, 0x42, 0x4e, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00,
      0x02, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x1e, 0x75, 0x18, 0x9d,
      0x02, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0xcd, 0xcc, 0xcc, 0x3d, 0xcd, 0xcc, 0xcc, 0x3d,
      0xcd, 0xcc, 0xcc, 0xbd, 0xcd, 0xcc, 0xcc, 0xbd, 0x00, 0x00, 0x00, 0x3f, 0x00, 0x00, 0x00, 0x00,
      0x00, 0x3f, 0x04, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0xcd, 0xcc, 0xcc, 0x3d, 0xcd, 0xcc,
      0xcc, 0x3d, 0xcd, 0xcc, 0xcc, 0x3d, 0xcd, 0xcc, 0xcc, 0x3d, 0xcd, 0xcc, 0xcc, 0xbd, 0x00, 0x00,
      0x00, 0x3f, 0x00, 0x00, 0x00, 0x3f, 0x00, 0x00, 0x00, 0x3f, 0x00, 0x00, 0x00, 0x3f,
  };
  auto d = ebm::dbn_from_bytes(bytes);
  REQUIRE(!d.ok());
  CHECK(d.error().find("implausible sizes") != std::string::npos);
}

TEST_CASE("fuzz_model_io regression: a binary RBM whose image shape overflows is refused with a message") {
  ebm::Rbm r;
  r.nv = 4;
  r.nh = 2;
  r.w.assign(8, 0.1f);
  r.b.assign(4, 0.0f);
  r.c.assign(2, 0.0f);
  auto bin = ebm::rbm_to_binary(r);
  REQUIRE(bin.ok());
  std::vector<uint8_t> bytes = bin.value();
  for (int k = 0; k < 8; ++k) bytes[20 + k] = 0xff;  // width and height 0xffffffff (not hashed)
  auto back = ebm::rbm_from_bytes(bytes);
  REQUIRE(!back.ok());
  CHECK(back.error().find("image shape") != std::string::npos);
}
