// hopfield_lab.test.mjs: the Hopfield lab in a real browser: drawing on the grid with the
// mouse changes the state and can be stored as a memory; the optimized rule recalls more of
// the 12 glyph images than plain Hebbian; the capacity experiment draws its curves; extreme
// settings (T = 0) stay finite.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { start, open, waitFor, clickWidget, regionStats, outDir } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test("drawing a stroke changes the grid, and the drawing can be stored as a memory", async () => {
  const page = await open(env.browser, env.url, "?scene=hopfield&noise=0&cue=1");
  const s0 = await waitFor(page, (s) => s.frames > 3 && s.widgets.state_grid, 30000, "grid");
  const [x, y, w, h] = s0.widgets.state_grid;
  const box = await page.locator("#canvas").boundingBox();
  // A horizontal stroke through the 3rd row (the letter A's empty top centre is there).
  await page.mouse.move(box.x + x + w * 0.05, box.y + y + h * 0.25);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + x + w * (0.05 + 0.075 * i), box.y + y + h * 0.25);
  await page.mouse.up();
  const s1 = await waitFor(page, (s) => s.state.ink !== s0.state.ink, 5000, "ink to change");
  assert.ok(s1.state.ink > s0.state.ink, `stroke did not add ink: ${s0.state.ink} -> ${s1.state.ink}`);
  assert.equal(s1.state.updates, 0, "drawing restarts the dynamics");
  await clickWidget(page, "store_drawing");
  const s2 = await waitFor(page, (s) => s.state.drawn_memories === 1, 5000, "stored drawing");
  assert.equal(s2.state.memories, s0.state.memories + 1);
  await page.mouse.move(2, 2);
  await page.screenshot({ path: path.join(outDir, "hopfield_drawn.png") });
  assert.deepEqual(page.errors, []);
});

test("memories are picked by their tick boxes, and MNIST digits can be stored", async () => {
  const page = await open(env.browser, env.url, "?scene=hopfield&set=letters&patterns=4");
  const s0 = await waitFor(page, (s) => s.frames > 3 && s.widgets.store_toggle_0, 30000, "thumbnails");
  assert.equal(s0.state.memories, 4);
  await clickWidget(page, "store_toggle_0");
  const s1 = await waitFor(page, (s) => s.state.memories === 3, 5000, "one memory left out");
  assert.match(page.url(), /skip=1/, "the choice is in the shareable URL");
  // Eight digits with the pseudo-inverse rule: the noisy "0" descends back to the stored digit.
  // Eight is more than the six letters that stand in while the digits load: the count survives.
  const digits = await open(env.browser, env.url, "?scene=hopfield&set=digits&patterns=8&rule=pseudo-inverse&noise=10&speed=50000&play=1");
  const d = await waitFor(digits, (s) => s.state.set === "digits" && s.state.n === 784 && s.state.converged, 60000, "digits stored and recalled");
  assert.equal(d.state.memories, 8);
  assert.equal(d.state.class, "stored", `the cue ends as ${d.state.class}, overlaps ${d.state.overlaps}`);
  assert.ok(d.state.energy < d.state.energy_start, "the energy went down");
  await digits.mouse.move(2, 2);
  await digits.screenshot({ path: path.join(outDir, "hopfield_digits.png") });
  assert.deepEqual(page.errors, []);
  assert.deepEqual(digits.errors, []);
});

test("touch: tapping Play on a touch screen starts the dynamics", async () => {
  const context = await env.browser.newContext({ viewport: { width: 900, height: 700 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(String(e)));
  await page.goto(env.url + "?scene=hopfield&speed=5");
  const s0 = await waitFor(page, (s) => s.frames > 3 && s.widgets.play, 30000, "frames");
  const [x, y, w, h] = s0.widgets.play;
  await page.touchscreen.tap(x + w / 2, y + h / 2);
  await waitFor(page, (s) => s.state.playing && s.state.updates > 0, 10000, "playing after a tap");
  assert.deepEqual(page.errors, []);
});

test("optimized rule: recalls more glyph images than Hebbian, live", async () => {
  const page = await open(env.browser, env.url, "?scene=optimized&speed=200&epochs=3");
  const s0 = await waitFor(page, (s) => s.frames > 3 && s.widgets.play, 30000, "optimized scene");
  await clickWidget(page, "play");
  const s1 = await waitFor(page, (s) => s.state.done, 60000, "3 epochs");
  assert.equal(s1.state.epochs.length, 3);
  for (const e of s1.state.epochs) assert.ok(Number.isFinite(e.target_E) && Number.isFinite(e.parasite_E));
  assert.ok(s1.state.recalled > s1.state.hebbian_recalled,
    `optimized ${s1.state.recalled} vs hebbian ${s1.state.hebbian_recalled}`);
  await page.mouse.move(2, 2);
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(outDir, "optimized_done.png") });
  assert.deepEqual(page.errors, []);
});

test("capacity experiment runs in slices and draws recall-vs-load curves", async () => {
  const page = await open(env.browser, env.url, "?scene=capacity&n=60&trials=2&max_alpha=0.4&rules=hebbian,pseudo-inverse");
  await waitFor(page, (s) => s.frames > 3 && s.widgets.run, 30000, "capacity scene");
  await clickWidget(page, "run");
  const mid = await waitFor(page, (s) => s.state.running && s.state.fraction > 0, 10000, "progress");
  assert.ok(mid.state.fraction < 1);
  const s = await waitFor(page, (st) => st.state.done, 120000, "experiment to finish");
  const heb = s.state.curves.hebbian.points, pinv = s.state.curves["pseudo-inverse"].points;
  assert.ok(heb.length >= 10 && pinv.length >= 10);
  assert.ok(heb[0][1] >= 0.9, `hebbian recall at low load ${heb[0][1]}`);
  assert.ok(heb[heb.length - 1][1] < 0.5, `hebbian recall at alpha 0.4 ${heb[heb.length - 1][1]}`);
  assert.ok(pinv[pinv.length - 1][1] > heb[heb.length - 1][1], "pseudo-inverse should beat hebbian at high load");
  const [x, y, w, h] = s.widgets.capacity_plot;
  const stats = await regionStats(page, { x, y, width: w, height: h });
  assert.ok(stats.variance > 100 && stats.distinct > 20, JSON.stringify(stats));
  await page.mouse.move(2, 2);
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(outDir, "capacity.png") });
  assert.deepEqual(page.errors, []);
});

test("extreme settings stay finite: Glauber at T = 0 and 50% noise", async () => {
  const page = await open(env.browser, env.url, "?scene=hopfield&dyn=glauber&T=0&noise=50&speed=50000&play=1");
  const s = await waitFor(page, (st) => st.frames > 10 && st.state.converged, 20000, "T = 0 descent to converge");
  assert.ok(Number.isFinite(s.state.energy));
  assert.ok(s.state.energy <= s.state.energy_start);
  assert.deepEqual(s.notices, []);
  assert.deepEqual(page.errors, []);
});
