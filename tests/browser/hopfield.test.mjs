// hopfield.test.mjs: the Hopfield figure in a real browser (Chromium, software WebGL2).
// Loads the page, checks it draws (pixel variance, not a blank canvas), presses the real
// Play button and verifies through ebm_query() that the energy went down, and saves
// screenshots under tests/browser/out/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { start, open, query, waitFor, clickWidget, regionStats, outDir } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test("page loads, draws a non-blank figure, and Play makes the energy descend", async () => {
  const page = await open(env.browser, env.url, "?scene=hopfield&noise=20&seed=3&speed=400");
  const s0 = await waitFor(page, (s) => s.frames > 5 && s.widgets.play, 30000, "first frames");
  assert.equal(s0.scene, "hopfield");
  assert.equal(s0.state.updates, 0);
  // The loading overlay is gone once the first frame is drawn.
  await page.waitForFunction(() => document.getElementById("overlay").classList.contains("hidden"));

  const [gx, gy, gw, gh] = s0.widgets.state_grid;
  const grid = await regionStats(page, { x: gx, y: gy, width: gw, height: gh });
  assert.ok(grid.variance > 200, `state grid looks blank: ${JSON.stringify(grid)}`);
  const whole = await regionStats(page, { x: 0, y: 0, width: 1280, height: 860 });
  assert.ok(whole.distinct > 50, `canvas has too few colours: ${JSON.stringify(whole)}`);
  await page.screenshot({ path: path.join(outDir, "hopfield_start.png") });

  await clickWidget(page, "play");
  const s1 = await waitFor(page, (s) => s.state.converged && s.state.updates > 0, 30000, "convergence");
  assert.ok(s1.state.energy < s1.state.energy_start, `energy did not fall: ${s1.state.energy_start} -> ${s1.state.energy}`);
  assert.ok(s1.state.flips > 0);
  assert.ok(Math.max(...s1.state.overlaps) > 0.9, `no memory recalled: ${s1.state.overlaps}`);
  await page.mouse.move(5, 850);  // no tooltip in the screenshot
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(outDir, "hopfield_converged.png") });
  assert.deepEqual(page.errors, [], "console errors");
});

test("bad URL parameters give a readable notice, not a crash", async () => {
  const page = await open(env.browser, env.url, "?scene=hopfield&noise=abc&speed=1e9&bogus=1");
  const s = await waitFor(page, (st) => st.frames > 3, 30000, "first frames");
  assert.equal(s.notices.length, 3, JSON.stringify(s.notices));
  assert.match(s.notices.join(" "), /noise=abc is not a number/);
  assert.match(s.notices.join(" "), /speed=1e\+?0?9 is out of range/);
  assert.ok(Number.isFinite(s.state.energy));
  await page.screenshot({ path: path.join(outDir, "hopfield_bad_params.png") });
  assert.deepEqual(page.errors, []);
});

test("embedded figure fills a small iframe-sized viewport on a high-DPI screen", async () => {
  const page = await open(env.browser, env.url, "?scene=hopfield&embed=1", { width: 640, height: 420 }, 2);
  const s = await waitFor(page, (st) => st.frames > 5 && st.widgets.state_grid, 30000, "embed frames");
  assert.equal(s.embed, true);
  const size = await page.evaluate(() => { const c = document.getElementById("canvas"); return [c.width, c.height]; });
  assert.deepEqual(size, [1280, 840], "canvas backing store should be CSS size x devicePixelRatio");
  await page.screenshot({ path: path.join(outDir, "hopfield_embed_dpr2.png") });
  assert.deepEqual(page.errors, []);
});
