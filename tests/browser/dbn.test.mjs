// dbn.test.mjs: the deep-belief-net scene in a real browser. The pretrained DBN loads at once and
// its dreams are drawn (pixels, not blank); the label picker, clicked as a hand does, changes the
// clamp the chains run with; the free label lets the label units wander with their posterior
// summing to one; the held-out accuracy appears once the digits are there; training from scratch
// with tiny settings goes layer by layer and ends in a new, scored, unsaved model; the embedded
// figure dreams too.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { start, open, waitFor, clickWidget, frames, regionStats, outDir } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test("DBN: the pretrained net dreams at once; the label picker changes the clamp; accuracy is shown", async () => {
  const page = await open(env.browser, env.url, "?scene=dbn&speed=40");
  const s0 = await waitFor(page, (s) => s.state.has_model && s.state.chain_sweeps > 20 && s.widgets.dreams, 60000,
                           "the pretrained DBN dreaming");
  assert.equal(s0.state.source, "pretrained");
  assert.match(s0.state.model, /784-128-128, top 138 x 256/);
  assert.equal(s0.state.label, "each");
  assert.deepEqual(s0.state.clamp, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.ok(s0.state.dream_mean > 0.03 && s0.state.dream_mean < 0.5, `mean ink ${s0.state.dream_mean}`);
  const [x, y, w, h] = s0.widgets.dreams;
  const st = await regionStats(page, { x, y, width: w, height: h });
  assert.ok(st.variance > 100 && st.distinct > 30, `the dreams look blank: ${JSON.stringify(st)}`);

  await clickWidget(page, "label_3");
  const s3 = await waitFor(page, (s) => s.state.label === "3", 5000, "label 3 clamped");  // the chains restart on it
  assert.ok(s3.state.clamp.every((c) => c === 3), `clamp ${s3.state.clamp}`);
  const later = await waitFor(page, (s) => s.state.chain_sweeps > s3.state.chain_sweeps + 40, 20000, "40 more sweeps");
  assert.ok(later.state.chain_labels.every((l) => l === 3), "clamped chains keep their label");
  const p3 = later.state.label_posterior.map((p) => p[3]);
  assert.ok(p3.filter((p) => p > 0.5).length >= 7, `P(3 | pen) per chain: ${p3.map((p) => p.toFixed(2))}`);

  await clickWidget(page, "label_free");
  const sf = await waitFor(page, (s) => s.state.label === "free", 5000, "label free");
  assert.ok(sf.state.clamp.every((c) => c === -1));
  const wander = await waitFor(page, (s) => s.state.chain_sweeps > sf.state.chain_sweeps + 100, 30000, "100 free sweeps");
  for (const p of wander.state.label_posterior) assert.ok(Math.abs(p.reduce((a, b) => a + b, 0) - 1) < 1e-6);
  assert.ok(new Set(wander.state.chain_labels).size >= 2, `free chains all on one label: ${wander.state.chain_labels}`);

  const scored = await waitFor(page, (s) => s.state.accuracy !== null, 90000, "the held-out accuracy");
  assert.equal(scored.state.eval_rows, 1000);
  assert.ok(scored.state.accuracy > 0.85, `accuracy ${scored.state.accuracy}`);
  assert.ok(scored.widgets.accuracy, "the accuracy is drawn");
  await clickWidget(page, "label_each");
  await waitFor(page, (s) => s.state.label === "each", 5000, "one label per chain again");
  await page.mouse.move(2, 2);
  await page.waitForTimeout(1500);
  await page.screenshot({ path: path.join(outDir, "dbn_dreams.png") });
  console.log(`pretrained DBN: held-out accuracy ${(100 * scored.state.accuracy).toFixed(1)}%, ` +
              `${scored.state.ms_per_sweep.toFixed(2)} ms per sweep of ${scored.state.chains} chains`);
  assert.deepEqual(page.errors, []);
});

test("DBN: training from scratch goes layer by layer and ends in a scored, unsaved model", async () => {
  const q = "?scene=dbn&layer1=64&layer2=32&top=64&train_rows=2000&epochs=3&top_epochs=6&top_k=3&batch=20&lr=0.1";
  const page = await open(env.browser, env.url, q);
  await waitFor(page, (s) => s.state.data_ready && s.state.has_model && s.widgets.train, 60000, "digits and the pretrained DBN");
  await clickWidget(page, "train");
  const seen = [];
  const t0 = Date.now();
  let shot = false;
  const done = await waitFor(page, (s) => {
    if (s.state.stage !== null && seen[seen.length - 1] !== s.state.stage) seen.push(s.state.stage);
    if (!shot && s.state.stage === 3) {
      shot = true;
      page.screenshot({ path: path.join(outDir, "dbn_training.png") }).catch(() => {});
    }
    return s.state.source === "trained" && s.state.accuracy !== null;
  }, 240000, "the trained model scored");
  const secs = (Date.now() - t0) / 1000;
  assert.deepEqual(seen, [1, 2, 3], `stages in order: ${seen}`);
  assert.equal(done.state.stage_count, 3);
  assert.deepEqual(done.state.stage_progress, [1, 1, 1]);
  assert.deepEqual(done.state.stage_recon.map((r) => r.length), [3, 3, 6]);
  for (const r of done.state.stage_recon) for (const v of r) assert.ok(Number.isFinite(v) && v > 0);
  assert.match(done.state.model, /trained here \(784-64-32, top 42 x 64\)/);
  assert.ok(done.state.accuracy > 0.3, `a tiny net still beats chance: ${done.state.accuracy}`);
  assert.equal(done.state.unsaved, true);
  assert.equal(await page.evaluate(() => window.ebmUnsaved), true, "the page asks before unloading");
  // Loading the pretrained model now asks first; cancel keeps the trained one.
  await page.evaluate(() => window.Module._ebm_command(window.Module.allocateUTF8("pretrained")));
  await waitFor(page, (s) => s.state.confirm_open && s.widgets.confirm_cancel, 5000, "the confirmation dialog");
  await frames(page, 3);  // an auto-sized popup is placed in its second frame
  await clickWidget(page, "confirm_cancel");
  const kept = await waitFor(page, (s) => !s.state.confirm_open, 10000, "dialog closed");
  assert.equal(kept.state.source, "trained");
  console.log(`tiny DBN trained in the page in ${secs.toFixed(1)} s (per stage ${done.state.stage_seconds.map((v) => v.toFixed(2))} s ` +
              `of work), held-out accuracy ${(100 * done.state.accuracy).toFixed(1)}%`);
  assert.deepEqual(page.errors, []);
});

test("DBN: the embedded figure dreams", async () => {
  const page = await open(env.browser, env.url, "?scene=dbn&embed=1&label=7", { width: 720, height: 520 });
  const s = await waitFor(page, (st) => st.state.has_model && st.state.chain_sweeps > 10 && st.widgets.dreams, 60000, "dreams");
  assert.equal(s.embed, true);
  assert.ok(s.state.clamp.every((c) => c === 7));
  const [x, y, w, h] = s.widgets.dreams;
  const st = await regionStats(page, { x, y, width: w, height: Math.min(h, 520 - y) });
  assert.ok(st.variance > 100, `the embedded dreams look blank: ${JSON.stringify(st)}`);
  await page.screenshot({ path: path.join(outDir, "dbn_embed.png") });
  assert.deepEqual(page.errors, []);
});
