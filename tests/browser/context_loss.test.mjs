// context_loss.test.mjs: the page survives a lost WebGL context. WEBGL_lose_context drops the
// context in the middle of RBM training: the page pauses (no training, no frames, a note over
// the canvas); after restoreContext it rebuilds its GL objects and carries on from the same
// epoch with the same model and plots, and the canvas draws again. A second loss while paused
// checks that the figures come back from gfx's CPU copies (the scene uploads nothing then).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { start, open, query, waitFor, clickWidget, regionStats, outDir } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const lose = (page) => page.evaluate(() => {
  window.__loseExt = document.getElementById("canvas").getContext("webgl2").getExtension("WEBGL_lose_context");
  window.__loseExt.loseContext();
});
const restore = (page) => page.evaluate(() => window.__loseExt.restoreContext());

test("RBM training pauses on a lost WebGL context and continues from the same epoch after restore", async () => {
  const page = await open(env.browser, env.url, "?scene=rbm&hidden=32&train_rows=2000", { width: 1280, height: 800 });
  await waitFor(page, (s) => s.state.built && s.widgets.play && s.widgets.filters, 60000, "digits and model");
  await clickWidget(page, "play");
  await waitFor(page, (s) => s.state.epoch >= 1 && s.state.playing, 60000, "an epoch of training");

  await lose(page);
  const lost = await waitFor(page, (s) => s.gl_context === "lost", 5000, "the context reported lost");
  assert.ok(await page.locator("#ebm-context-note").isVisible(), "a note over the canvas says the context is lost");
  await page.waitForTimeout(1000);
  const paused = await query(page);
  assert.equal(paused.state.updates, lost.state.updates, "no training while the context is lost");
  assert.equal(paused.frames, lost.frames, "no frames drawn while the context is lost");
  assert.equal(paused.state.epoch, lost.state.epoch);

  await restore(page);
  const back = await waitFor(page, (s) => s.gl_context === "ok" && s.frames > paused.frames, 10000, "frames after restore");
  // A few frames may run before this poll sees them: the epoch may tick over once, never restart.
  assert.ok(back.state.epoch === paused.state.epoch || back.state.epoch === paused.state.epoch + 1,
            `training resumes from the epoch it was in: ${paused.state.epoch} -> ${back.state.epoch}`);
  assert.ok(back.state.updates >= paused.state.updates && back.state.updates - paused.state.updates < 200,
            `updates ${paused.state.updates} -> ${back.state.updates}: the model was kept, not rebuilt`);
  assert.ok(back.state.recon_points >= paused.state.recon_points, "the plots kept their history");
  assert.equal(back.state.model_source, paused.state.model_source);
  const later = await waitFor(page, (s) => s.state.updates > back.state.updates + 20, 20000, "training continuing");
  assert.equal(later.state.weights_finite, true);
  assert.equal(await page.locator("#ebm-context-note").count(), 0, "the note is gone");
  const [x, y, w, h] = later.widgets.filters;
  const st = await regionStats(page, { x, y, width: w, height: h });
  assert.ok(st.variance > 50 && st.distinct > 30, `filters look blank after restore: ${JSON.stringify(st)}`);
  const whole = await regionStats(page, { x: 0, y: 0, width: 1280, height: 800 });
  assert.ok(whole.variance > 100 && whole.distinct > 100, `canvas looks blank after restore: ${JSON.stringify(whole)}`);
  await page.screenshot({ path: path.join(outDir, "context_restored.png") });
  assert.deepEqual(page.errors, []);
});

test("a paused figure comes back pixel for pixel after a lost context (fields from their CPU copies)", async () => {
  const page = await open(env.browser, env.url, "?scene=rbm&hidden=16&train_rows=1000", { width: 1280, height: 800 });
  await waitFor(page, (s) => s.state.built && s.widgets.filters, 60000, "model");
  await page.evaluate(() => window.Module._ebm_command(window.Module.allocateUTF8("epoch")));
  const s0 = await waitFor(page, (s) => s.state.updates > 0, 10000, "one epoch trained");
  await page.mouse.move(2, 2);
  await page.waitForTimeout(800);  // the page goes idle: nothing moves, nothing is redrawn
  const [x, y, w, h] = s0.widgets.filters;
  const clip = { x, y, width: w, height: h };
  const before = await page.screenshot({ clip });
  const frames0 = (await query(page)).frames;

  await lose(page);
  await waitFor(page, (s) => s.gl_context === "lost", 5000, "lost");
  await restore(page);
  await waitFor(page, (s) => s.gl_context === "ok" && s.frames > frames0, 10000, "a frame after restore");
  await page.waitForTimeout(300);
  const after = await page.screenshot({ clip });
  assert.ok(Buffer.compare(before, after) === 0, "the weight filters differ after the restore");
  const st = await regionStats(page, clip);
  assert.ok(st.variance > 50, `filters blank: ${JSON.stringify(st)}`);
  assert.deepEqual(page.errors, []);
});
