// rbm.test.mjs: the RBM scenes in a real browser. The MNIST digits load from the page's
// asset with progress; a few seconds of training give a falling reconstruction error and
// finite honest monitors; a malformed model file is refused and the model kept; the learning
// rate 100 stops with a message instead of NaN; the exact 5-unit RBM's KL falls; the Gibbs
// view's fantasy particles are not blank and clamped pixels stay clamped; the toy's and the
// Gibbs view's settings changed through their controls come back from the copied link.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { start, open, waitFor, clickWidget, regionStats, outDir } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test("RBM on MNIST: loads the digits, trains live, monitors stay honest and finite", async () => {
  const page = await open(env.browser, env.url, "?scene=rbm&hidden=32&train_rows=3000");
  const s0 = await waitFor(page, (s) => s.state.built && s.widgets.play, 60000, "digits and model");
  assert.equal(s0.state.nv, 784);
  assert.equal(s0.state.nh, 32);
  await clickWidget(page, "play");
  const s1 = await waitFor(page, (s) => s.state.epoch >= 2 && s.state.loglik !== null, 60000, "two epochs and a log-likelihood");
  assert.ok(s1.state.recon_points > 20, "the reconstruction-error plot has points");
  assert.ok(s1.state.recon_last < s1.state.recon_first, `recon error did not fall: ${s1.state.recon_first} -> ${s1.state.recon_last}`);
  for (const k of ["pll", "fe_gap", "loglik", "recon_eval"]) assert.ok(Number.isFinite(s1.state[k]), `${k} = ${s1.state[k]}`);
  assert.ok(s1.state.loglik < 0 && s1.state.pll < 0);
  assert.ok(s1.state.samples_per_s > 1000, `throughput ${s1.state.samples_per_s}`);
  const [x, y, w, h] = s1.widgets.filters;
  const st = await regionStats(page, { x, y, width: w, height: h });
  assert.ok(st.variance > 50 && st.distinct > 30, `filters look blank: ${JSON.stringify(st)}`);
  await page.mouse.move(2, 2);
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(outDir, "rbm_training.png") });
  console.log(`page training: ${Math.round(s1.state.samples_per_s)} samples/s, median frame ${s1.median_frame_ms.toFixed(1)} ms, ` +
              `${s1.state.ms_per_batch.toFixed(2)} ms per batch of 50 at 784x32`);
  assert.deepEqual(page.errors, []);
});

test("RBM: learning rate 100 stops with a message, weights stay finite", async () => {
  const page = await open(env.browser, env.url, "?scene=rbm&hidden=8&lr=100&momentum=0.9&train_rows=1000&play=1");
  const s = await waitFor(page, (st) => st.state.built && st.state.error !== "", 60000, "the divergence message");
  assert.equal(s.state.weights_finite, true);
  assert.match(s.state.error, /learning rate/i, "the message names the setting to change");
  assert.equal(s.state.playing, false, "training stopped");
  for (const k of ["pll", "loglik"]) assert.ok(s.state[k] === null || Number.isFinite(s.state[k]), `${k} = ${s.state[k]}`);
  assert.deepEqual(page.errors, []);
});

test("RBM: one hidden unit trains, and its exact log-likelihood is finite", async () => {
  const page = await open(env.browser, env.url, "?scene=rbm&hidden=1&train_rows=1000&play=1");
  const s = await waitFor(page, (st) => st.state.built && st.state.epoch >= 2 && st.state.loglik !== null, 60000, "2 epochs with 1 hidden unit");
  assert.equal(s.state.weights_finite, true);
  assert.equal(s.state.error, "");
  for (const k of ["pll", "loglik"]) assert.ok(Number.isFinite(s.state[k]), `${k} = ${s.state[k]}`);
  assert.deepEqual(page.errors, []);
});

test("RBM: a malformed model file is refused and the current model kept; the pretrained model loads", async () => {
  const page = await open(env.browser, env.url, "?scene=rbm&hidden=20");
  await waitFor(page, (s) => s.state.built, 60000, "model");
  // Feed a bad file through the same path a picked file takes.
  await page.evaluate(() => {
    const M = window.Module, bytes = new TextEncoder().encode('{"format":"ebm-rbm","version":1,"nv":784,"nh":3,"b":[1]}');
    const p = M._malloc(bytes.length); M.HEAPU8.set(bytes, p);
    const id = M.allocateUTF8("rbm_file"), name = M.allocateUTF8("broken.json");
    M._ebm_asset_loaded(id, p, bytes.length, name);
  });
  const bad = await waitFor(page, (s) => s.state.error !== "", 10000, "an error for the bad file");
  assert.match(bad.state.error, /broken\.json/);
  assert.match(bad.state.error, /unchanged/);
  assert.equal(bad.state.nh, 20, "the current model is kept");
  await clickWidget(page, "pretrained");
  const good = await waitFor(page, (s) => s.state.model_source === "the pretrained model", 30000, "pretrained model");
  assert.ok(good.state.nh >= 64);
  assert.deepEqual(page.errors, []);
});

test("RBM: a trained model is not discarded without asking", async () => {
  const page = await open(env.browser, env.url, "?scene=rbm&hidden=16&train_rows=1000");
  await waitFor(page, (s) => s.state.built, 60000, "model");
  await page.evaluate(() => window.Module._ebm_command(window.Module.allocateUTF8("epoch")));
  const trained = await waitFor(page, (s) => s.state.updates > 0 && s.state.unsaved, 10000, "an unsaved trained model");
  // The app tells the page at the end of its next frame (the command ran between frames).
  const asks = await page.waitForFunction(() => window.ebmUnsaved === true, null, { timeout: 5000 }).then(() => true, () => false);
  assert.equal(asks, true, "the page asks before unloading");
  await page.evaluate(() => window.Module._ebm_command(window.Module.allocateUTF8("reset")));
  await waitFor(page, (s) => s.state.confirm_open && s.widgets.confirm_cancel, 5000, "the confirmation dialog");
  await page.screenshot({ path: path.join(outDir, "rbm_confirm.png") });
  await clickWidget(page, "confirm_cancel");
  const kept = await waitFor(page, (s) => !s.state.confirm_open, 5000, "dialog closed");
  assert.equal(kept.state.updates, trained.state.updates, "cancel keeps the model");
  await page.evaluate(() => window.Module._ebm_command(window.Module.allocateUTF8("reset")));
  await waitFor(page, (s) => s.state.confirm_open && s.widgets.confirm_discard, 5000, "the dialog again");
  await clickWidget(page, "confirm_discard");
  const fresh = await waitFor(page, (s) => s.state.built && s.state.updates === 0, 10000, "a fresh model");
  assert.equal(fresh.state.unsaved, false);
  assert.deepEqual(page.errors, []);
});

test("exact RBM: CD training lowers the exact KL and probabilities sum to 1", async () => {
  const page = await open(env.browser, env.url, "?scene=toy&start=random&lr=0.2&speed=400&play=1");
  const s = await waitFor(page, (st) => st.state.updates > 300, 30000, "training updates");
  assert.ok(Math.abs(s.state.p_joint_sum - 1) < 1e-4, `sum P = ${s.state.p_joint_sum}`);
  assert.ok(s.state.kl < s.state.kl_start * 0.7, `KL ${s.state.kl_start} -> ${s.state.kl}`);
  await page.screenshot({ path: path.join(outDir, "toy.png") });
  assert.deepEqual(page.errors, []);
});

test("Gibbs view: fantasy particles are not blank and clamped pixels stay clamped", async () => {
  const page = await open(env.browser, env.url, "?scene=gibbs&speed=30&play=1");
  const s = await waitFor(page, (st) => st.state.started && st.state.fantasy_sweeps > 20, 60000, "sweeps");
  assert.match(s.state.model, /pretrained/);
  assert.ok(s.state.fantasy_var > 0.01, `fantasy variance ${s.state.fantasy_var}`);
  assert.equal(s.state.clamp_max_error, 0);
  assert.ok(s.state.clamped > 0);
  const [x, y, w, h] = s.widgets.fantasy;
  const st = await regionStats(page, { x, y, width: w, height: h });
  assert.ok(st.variance > 100, `fantasy grid looks blank: ${JSON.stringify(st)}`);
  await page.screenshot({ path: path.join(outDir, "gibbs.png") });
  assert.deepEqual(page.errors, []);
});

test("exact RBM and Gibbs: settings changed through the real controls survive Copy link", async () => {
  // Pages of the earlier tests (training RBMs) would otherwise share the two CPUs with these.
  for (const c of env.browser.contexts()) await c.close();
  const toy = await open(env.browser, env.url, "?scene=toy&start=random&seed=3");
  await waitFor(toy, (s) => s.frames > 3 && s.widgets.pcd && s.widgets.k, 30000, "toy frames");
  for (const name of ["pcd", "k", "lr", "speed"]) await clickWidget(toy, name);
  const t = await waitFor(toy, (s) => s.state.settings.pcd && s.state.settings.k > 1 && s.state.settings.lr !== 0.1 &&
    s.state.settings.speed !== 30, 10000, "the clicked toy settings");
  const toy2 = await open(env.browser, env.url, "?" + t.link);
  const t2 = await waitFor(toy2, (s) => s.frames > 3, 30000, "the linked toy page");
  assert.deepEqual(t2.notices, []);
  assert.deepEqual(t2.state.settings, t.state.settings);
  assert.deepEqual(t2.state.scores, t.state.scores, "the same random start from the same seed");

  const gibbs = await open(env.browser, env.url, "?scene=gibbs&seed=5");
  await waitFor(gibbs, (s) => s.state.started && s.widgets.noise_start && s.widgets.digit, 60000, "Gibbs started");
  for (const name of ["noise_start", "digit", "speed"]) await clickWidget(gibbs, name);
  const g = await waitFor(gibbs, (s) => s.state.settings.noise_start && s.state.settings.digit > 0 &&
    s.state.settings.speed !== 4, 10000, "the clicked Gibbs settings");
  const gibbs2 = await open(env.browser, env.url, "?" + g.link);
  const g2 = await waitFor(gibbs2, (s) => s.state.started, 60000, "the linked Gibbs page");
  assert.deepEqual(g2.notices, []);
  assert.deepEqual(g2.state.settings, g.state.settings);
  for (const p of [toy, toy2, gibbs, gibbs2]) assert.deepEqual(p.errors, []);
});
