// dense.test.mjs: dense associative memories on the page, through the real controls: the "40
// digits" button stores 40 MNIST digits; Hebbian storage blends them (the noisy cue ends away
// from its digit), the dense rule picked from the rule combo recalls the cued digit exactly
// (overlap 1, read through ebm_query); the modern rule's beta slider moves its softmax weights
// over memories; the capacity tab draws the dense rules on a log load axis. Screenshots land in
// tests/browser/out/ (dense_digits.png, modern_beta.png, capacity_dense.png).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { start, open, waitFor, clickWidget, regionStats, outDir } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const digitsReady = (s) => s.state.built_set === "digits" && s.state.n === 784 && s.state.memories === 40;

test("40 digits: Hebbian blends them, the dense rule chosen in the combo recalls the cued digit exactly", async () => {
  const page = await open(env.browser, env.url, "?scene=hopfield&noise=20&speed=50000");
  await waitFor(page, (s) => s.frames > 3 && s.widgets.preset_40_digits, 30000, "the 40 digits button");
  await clickWidget(page, "preset_40_digits");
  const s0 = await waitFor(page, digitsReady, 60000, "40 digits stored");
  assert.equal(s0.state.rule, "hebbian");
  assert.match(page.url(), /patterns=40/);

  await clickWidget(page, "play");
  const heb = await waitFor(page, (s) => digitsReady(s) && s.state.converged && s.state.updates > 0, 60000, "Hebbian to settle");
  assert.ok(heb.state.cue_overlap < 1, `Hebbian recalled the digit exactly (${heb.state.cue_overlap})`);

  await clickWidget(page, "rule");  // opens the combo; its items register as rule:<name>
  await clickWidget(page, "rule:dense");
  const d0 = await waitFor(page, (s) => s.state.rule === "dense" && s.state.engine === "dense", 10000, "the dense rule");
  assert.equal(d0.state.updates, 0, "a rule change restarts from the cue");
  assert.equal(d0.state.settings.degree, 20);
  await clickWidget(page, "play");
  const d1 = await waitFor(page, (s) => s.state.rule === "dense" && s.state.converged && s.state.updates > 0, 60000, "dense recall");
  assert.equal(d1.state.cue_overlap, 1, `overlaps ${d1.state.overlaps}`);
  assert.equal(d1.state.class, "stored");
  assert.ok(d1.state.energy < d1.state.energy_start, "the energy went down");
  assert.match(page.url(), /rule=dense/);
  await page.mouse.move(2, 2);
  await page.screenshot({ path: path.join(outDir, "dense_digits.png") });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("modern rule: the beta slider moves the softmax weights over memories; a step at large beta retrieves", async () => {
  const page = await open(env.browser, env.url, "?scene=hopfield&set=digits&patterns=40&noise=20&rule=modern&beta=100&cue=3");
  const s0 = await waitFor(page, (s) => s.frames > 3 && digitsReady(s) && s.widgets.beta && s.widgets.attention_bars,
                           60000, "the modern rule on 40 digits");
  assert.equal(s0.state.engine, "modern");
  assert.equal(s0.state.attention.length, 40);
  assert.ok(s0.state.attention[2] > 0.9, `beta 100 puts its weight on the cued digit: ${s0.state.attention[2]}`);
  const bars = await regionStats(page, (() => { const [x, y, w, h] = s0.widgets.attention_bars; return { x, y, width: w, height: h }; })());
  assert.ok(bars.variance > 10, "the bars are drawn");

  await clickWidget(page, "beta");  // the middle of the log slider: beta = 1
  const s1 = await waitFor(page, (s) => s.state.settings.beta < 10, 10000, "beta to move");
  const max1 = Math.max(...s1.state.attention), min1 = Math.min(...s1.state.attention);
  assert.ok(max1 < 0.2 && min1 > 0.005, `small beta spreads the weights: ${min1} .. ${max1}`);
  assert.equal(s1.state.xi_cue_overlap, s0.state.xi_cue_overlap, "moving beta keeps the state");
  await clickWidget(page, "step");  // one update at small beta: xi becomes a blend (grey)
  const s2 = await waitFor(page, (s) => s.state.updates === 784, 10000, "one modern update");
  assert.ok(s2.state.cue_overlap < 1, "at small beta the update averages the memories");
  await page.mouse.move(2, 2);
  await page.screenshot({ path: path.join(outDir, "modern_beta.png") });

  const back = await open(env.browser, env.url, "?scene=hopfield&set=digits&patterns=40&noise=20&rule=modern&beta=100&cue=3");
  await waitFor(back, (s) => s.frames > 3 && digitsReady(s) && s.widgets.step, 60000, "the modern rule again");
  await clickWidget(back, "step");
  const b1 = await waitFor(back, (s) => s.state.updates === 784, 10000, "one modern update at beta 100");
  assert.equal(b1.state.cue_overlap, 1, "beta 100 retrieves the digit in one update");
  assert.deepEqual(page.errors, []);
  assert.deepEqual(back.errors, []);
  await page.context().close();
  await back.context().close();
});

test("capacity: the dense rules on a log load axis, far past 0.138", async () => {
  const page = await open(env.browser, env.url,
                          "?scene=capacity&rules=hebbian,dense,exp&degree=3&beta=20&n=40&trials=1&max_alpha=8&run=1");
  const s = await waitFor(page, (st) => st.state.done, 120000, "the experiment to finish");
  assert.equal(s.state.settings.log, false);
  await clickWidget(page, "log");
  const l = await waitFor(page, (st) => st.state.settings.log === true, 10000, "the log axis");
  assert.ok(l.state.done, "the axis switch keeps the curves");
  const heb = l.state.curves.hebbian, dense = l.state.curves.dense, ex = l.state.curves.exp;
  assert.ok(heb.alpha50 !== null && heb.alpha50 < 0.3, `Hebbian 50% load ${heb.alpha50}`);
  assert.ok(dense.alpha50 === null || dense.alpha50 > 1, `x^3 50% load ${dense.alpha50}`);
  assert.ok(Math.max(...dense.points.map((p) => p[0])) > 2, "dense loads go past 2");
  assert.ok(ex.points.length > 10);
  await page.mouse.move(2, 2);
  await page.screenshot({ path: path.join(outDir, "capacity_dense.png") });
  assert.match(page.url(), /log=1/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
