// soak.mjs: a long headless run (not part of scripts/test.sh) that watches the page's memory.
// Two tabs of the built site in headless Chromium: the RBM lab training on MNIST and the
// Hopfield network annealing (a new cue starts whenever one settles). Every 30 s it samples, per
// tab, the JS heap after a garbage collection (CDP Performance.getMetrics: JSHeapUsedSize) and the WebAssembly memory
// (Module.HEAP8.length), prints the curve, then the growth of each after the warm-up.
//   node scripts/soak.mjs [minutes=10] [sample seconds=30] [warm-up minutes=2]
// The page is served from build/web/site (scripts/build.sh). Ends with exit code 1 if a tab
// threw, reported a NaN, or a memory figure grew by 5% or more after the warm-up.
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const { start } = await import(path.join(here, "..", "tests", "browser", "harness.mjs"));
const minutes = Number(process.argv[2] ?? 10);
const every = Number(process.argv[3] ?? 30);
const warm = Number(process.argv[4] ?? 2);

const env = await start();
const tabs = [];
for (const [name, q] of [["rbm", "?scene=rbm&play=1"], ["hopfield", "?scene=hopfield&dyn=anneal&play=1&speed=2000"]]) {
  const context = await env.browser.newContext({ viewport: { width: 1200, height: 820 } });
  const page = await context.newPage();
  const tab = { name, page, errors: [], cdp: await context.newCDPSession(page), samples: [] };
  page.on("console", (m) => { if (m.type() === "error") tab.errors.push(m.text()); });
  page.on("pageerror", (e) => tab.errors.push(String(e)));
  await tab.cdp.send("Performance.enable");
  await page.goto(env.url + q);
  tabs.push(tab);
}

const state = (page) => page.evaluate(() => {
  const M = window.Module;
  if (!M || !M.calledRun) return null;
  const s = JSON.parse(M.UTF8ToString(M._ebm_query()));
  return { s, wasm: M.HEAP8.length };
});
const command = (page, name) => page.evaluate((n) => {
  const M = window.Module, p = M.allocateUTF8(n);
  M._ebm_command(p);
  M._free(p);
}, name);

const t0 = Date.now();
const mb = (b) => (b / 1048576).toFixed(2);
console.log(`soak: ${minutes} min, a sample every ${every} s, growth measured after ${warm} min`);
console.log("   t(s)  tab       JS heap MB  wasm MB  progress");
let nextSample = 0;
while (Date.now() - t0 < minutes * 60000 + 1000) {
  const t = (Date.now() - t0) / 1000;
  for (const tab of tabs) {
    const r = await state(tab.page);
    if (!r) continue;
    // The annealing tab starts a new cue whenever one has settled, so it anneals all the time.
    if (tab.name === "hopfield" && !r.s.state.playing) await command(tab.page, "play");
    if (tab.name === "rbm" && r.s.state.built && !r.s.state.playing && !r.s.state.diverged) await command(tab.page, "play");
    if (t >= nextSample) {
      await tab.cdp.send("HeapProfiler.collectGarbage");  // live heap, not garbage awaiting collection
      const metrics = (await tab.cdp.send("Performance.getMetrics")).metrics;
      const heap = metrics.find((m) => m.name === "JSHeapUsedSize").value;
      const progress = tab.name === "rbm" ? `epoch ${r.s.state.epoch}, ${r.s.state.updates} updates`
                                          : `${r.s.frames} frames, ${r.s.state.updates ?? ""} unit updates`;
      tab.samples.push({ t, heap, wasm: r.wasm, nonfinite: r.s.nonfinite.length });
      console.log(`${t.toFixed(0).padStart(7)}  ${tab.name.padEnd(8)}  ${mb(heap).padStart(10)}  ${mb(r.wasm).padStart(7)}  ${progress}`);
    }
  }
  if (t >= nextSample) nextSample += every;
  await new Promise((ok) => setTimeout(ok, 2000));
}

let failed = false;
console.log("\ngrowth after the warm-up (first sample at or after the warm-up -> last sample):");
for (const tab of tabs) {
  const after = tab.samples.filter((x) => x.t >= warm * 60 - 1);
  if (after.length < 2) { console.log(`  ${tab.name}: too few samples`); failed = true; continue; }
  const a = after[0], b = after[after.length - 1];
  const gh = (b.heap - a.heap) / a.heap, gw = (b.wasm - a.wasm) / a.wasm;
  const peak = Math.max(...after.map((x) => x.heap));
  console.log(`  ${tab.name}: JS heap ${mb(a.heap)} -> ${mb(b.heap)} MB (${(100 * gh).toFixed(1)}%, peak ${mb(peak)}), ` +
              `wasm ${mb(a.wasm)} -> ${mb(b.wasm)} MB (${(100 * gw).toFixed(1)}%)`);
  if (gh >= 0.05 || gw >= 0.05) failed = true;
  if (tab.errors.length) { console.log(`  ${tab.name} errors: ${tab.errors.slice(0, 3).join(" | ")}`); failed = true; }
  if (tab.samples.some((x) => x.nonfinite)) { console.log(`  ${tab.name}: non-finite numbers reported`); failed = true; }
}
await env.close();
console.log(failed ? "soak: FAILED" : "soak: ok (both memories flat after the warm-up)");
process.exit(failed ? 1 : 0);
