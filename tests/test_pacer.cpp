// test_pacer.cpp: the shared pacer (web/core/pacer) turns budgets into units and rates into
// whole units without bursts; plus the bounded plot history and the discard guard every scene
// relies on.
#include <doctest/doctest.h>

#include "discard_guard.hpp"
#include "history.hpp"
#include "mosaic.hpp"
#include "pacer.hpp"

using namespace web;

TEST_CASE("pacer: a budget buys budget / cost units, at least one, at most the cap") {
  Pacer p;
  p.ms_per_unit = 0.5;
  CHECK(pacer_fit(p, 7.0, 1000) == 14);
  CHECK(pacer_fit(p, 0.0, 1000) == 1);
  CHECK(pacer_fit(p, 1e9, 200) == 200);
  p.ms_per_unit = 0;  // a unit measured at 0 ms never makes the budget infinite
  CHECK(pacer_fit(p, 7.0, 1 << 30) <= (1 << 30));
}

TEST_CASE("pacer: the cost estimate follows measurements with the documented smoothing") {
  Pacer p;
  p.ms_per_unit = 1.0;
  pacer_record(p, 10, 20.0);  // 2 ms per unit
  CHECK(p.ms_per_unit == doctest::Approx(1.0 * (1 - kPacerCostSmoothing) + 2.0 * kPacerCostSmoothing));
  for (int i = 0; i < 100; ++i) pacer_record(p, 4, 2.0);
  CHECK(p.ms_per_unit == doctest::Approx(0.5).epsilon(1e-6));
  CHECK(p.units_per_s == doctest::Approx(2000).epsilon(1e-3));
  const Pacer before = p;
  pacer_record(p, 0, 5.0);  // nothing done: nothing learned
  pacer_record(p, 3, -1.0);
  CHECK(p.ms_per_unit == before.ms_per_unit);
}

TEST_CASE("pacer: a rate pays whole units and carries the fraction, without catch-up bursts") {
  Pacer p;
  p.ms_per_unit = 0.001;
  int64_t total = 0;
  for (int f = 0; f < 64; ++f) total += pacer_due(p, 40.0, 1.0 / 64.0, 7.0, 1000);  // 40 units/s for 1 s
  CHECK(total == 40);
  // A slow machine: only 3 units fit per frame at 600 units/s; the debt never exceeds two frames.
  Pacer slow;
  slow.ms_per_unit = 7.0 / 3.0;
  for (int f = 0; f < 100; ++f) CHECK(pacer_due(slow, 600.0, 1.0 / 60.0, 7.0, 1000) == 3);
  CHECK(slow.credit <= 600.0 / 60.0 * kPacerMaxCreditFrames);
  CHECK(pacer_due(slow, 0.0, 1.0, 7.0, 1000) == 0);
}

TEST_CASE("history: bounded, keeps its first point and its order") {
  History h;
  h.max_points = 100;
  for (int i = 0; i < 1000; ++i) h.push(static_cast<float>(i), static_cast<float>(2 * i));
  CHECK(h.size() <= 100);
  CHECK(h.size() >= 50);
  CHECK(h.x.front() == 0.0f);
  CHECK(h.x.back() == 999.0f);
  for (size_t i = 1; i < h.size(); ++i) CHECK(h.x[i] > h.x[i - 1]);
  for (size_t i = 0; i < h.size(); ++i) CHECK(h.y[i] == 2 * h.x[i]);
}

TEST_CASE("discard guard: runs at once when nothing is lost, otherwise waits for an answer") {
  DiscardGuard g;
  int runs = 0;
  CHECK(g.request(false, [&] { ++runs; }));
  CHECK(runs == 1);
  CHECK(!g.request(true, [&] { ++runs; }, "a model"));
  CHECK(g.pending());
  CHECK(g.what() == "a model");
  CHECK(runs == 1);
  g.cancel();
  CHECK(!g.pending());
  CHECK(runs == 1);
  g.request(true, [&] { runs += 10; });
  g.confirm();
  CHECK(runs == 11);
  CHECK(!g.pending());
  g.confirm();  // nothing pending: nothing happens
  CHECK(runs == 11);
}

TEST_CASE("mosaic: tiles land in their cells with one-cell gaps") {
  const float tiles[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};  // three 2x2 tiles
  std::vector<float> out;
  const MosaicSize s = mosaic(tiles, 3, 2, 2, 2, -1.0f, out);
  CHECK(s.w == 5);
  CHECK(s.h == 5);
  CHECK(out[0] == 1);
  CHECK(out[1] == 2);
  CHECK(out[2] == -1);
  CHECK(out[3] == 5);
  CHECK(out[5] == 3);
  CHECK(out[3 * 5 + 0] == 9);
  CHECK(out[3 * 5 + 3] == -1);  // the missing fourth tile
}
