// page_weight.test.mjs: the blog post with all its figures is light, from a server that does
// not compress (scripts/serve.mjs; checked below): the response bodies that come over the
// network sum to at most 4 MB, at most 1 MB before the first figure draws a frame, no shipped
// file is fetched twice (the figures share one download through Cache Storage and Web Locks),
// and the figures' WebAssembly memories sum to at most 100 MB. Bytes are counted by Chromium
// (CDP Network: loadingFinished.encodedDataLength minus the response headers), memory per
// iframe as its WebAssembly memory size. Prints a table (tests/browser/out/page_weight.json).
// EBM_SITE=<dir> measures another build (e.g. main's, for the "before" column); set
// EBM_WEIGHT_REPORT=1 to print without asserting.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { start, outDir } from "./harness.mjs";

const MB = 1e6;
const reportOnly = process.env.EBM_WEIGHT_REPORT === "1";
let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

// Per-scene "has finished loading what it needs" (its data and models).
const loaded = {
  gibbs: (s) => s.state && s.state.started === true,
  rbm: (s) => s.state && s.state.built === true,
};

async function frameState(frame) {
  return frame.evaluate(() => {
    const M = window.Module;
    if (!M || !M.calledRun || !M._ebm_query) return null;
    const s = JSON.parse(M.UTF8ToString(M._ebm_query()));
    const mem = M.HEAP8 ? M.HEAP8.length : M.asm && M.asm.memory ? M.asm.memory.buffer.byteLength : 0;
    return { ...s, wasm_memory: mem };
  }).catch(() => null);
}

test("the blog post: <= 4 MB over the network, <= 1 MB before the first figure draws, each file once, <= 100 MB of wasm memory", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  const reqs = new Map();
  const rec = (id) => reqs.get(id) || reqs.set(id, { url: "", header: 0, total: 0, streamed: 0, done: false }).get(id);
  cdp.on("Network.requestWillBeSent", (e) => { rec(e.requestId).url = e.request.url; });
  cdp.on("Network.requestServedFromCache", (e) => { rec(e.requestId).cached = true; });
  cdp.on("Network.responseReceived", (e) => {
    const r = rec(e.requestId);
    r.status = e.response.status;
    r.header = e.response.encodedDataLength || 0;
    r.cached = r.cached || e.response.fromDiskCache || e.response.fromPrefetchCache;
    r.encoding = e.response.headers["content-encoding"] || e.response.headers["Content-Encoding"] || "";
  });
  cdp.on("Network.dataReceived", (e) => { rec(e.requestId).streamed += e.encodedDataLength || 0; });
  cdp.on("Network.loadingFinished", (e) => { const r = rec(e.requestId); r.total = e.encodedDataLength; r.done = true; });
  const body = (r) => (r.cached ? 0 : r.done ? Math.max(0, r.total - r.header) : r.streamed);
  const sum = () => [...reqs.values()].reduce((a, r) => a + body(r), 0);

  await page.goto(env.url + "blog/index.html");
  const frames = page.locator("figure.live iframe");
  const n = await frames.count();
  assert.ok(n >= 5, `only ${n} figures`);

  // Bytes until the first figure has drawn a frame (polled every 20 ms).
  const first = await (await frames.nth(0).elementHandle()).contentFrame();
  let beforeFirst = null;
  const t0 = Date.now();
  while (Date.now() - t0 < 60000) {
    const s = await frameState(first);
    if (s && s.frames > 0) { beforeFirst = sum(); break; }
    await page.waitForTimeout(20);
  }
  assert.ok(beforeFirst !== null, "the first figure never drew a frame");

  // Every figure in turn: scrolled to, started, and done loading its data.
  const figures = [];
  for (let i = 0; i < n; i++) {
    const el = frames.nth(i);
    await el.scrollIntoViewIfNeeded();
    const frame = await (await el.elementHandle()).contentFrame();
    let s = null;
    const t1 = Date.now();
    while (Date.now() - t1 < 90000) {
      s = await frameState(frame);
      if (s && s.frames > 0 && (!loaded[s.scene] || loaded[s.scene](s))) break;
      s = null;
      await page.waitForTimeout(100);
    }
    assert.ok(s, `figure ${i} did not finish loading`);
    figures.push({ frame, scene: s.scene });
  }
  await page.waitForTimeout(3000);  // let late work (AIS, chains) settle
  for (const f of figures) f.memory = (await frameState(f.frame)).wasm_memory;
  await page.waitForTimeout(500);
  const total = sum();

  const files = {};
  for (const r of reqs.values()) {
    if (!r.url.startsWith("http")) continue;
    const key = new URL(r.url).pathname;
    const f = (files[key] ||= { fetched: 0, revalidated: 0, cached: 0, bytes: 0, encoding: r.encoding });
    if (r.cached) f.cached++;
    else if (r.status === 304) f.revalidated++;
    else f.fetched++;
    f.bytes += body(r);
  }
  const memory = figures.reduce((a, f) => a + f.memory, 0);
  const report = {
    site: process.env.EBM_SITE || "build/web/site",
    total_mb: +(total / MB).toFixed(3),
    before_first_figure_mb: +(beforeFirst / MB).toFixed(3),
    wasm_memory_mb: +(memory / MB).toFixed(1),
    figures: figures.map((f) => ({ scene: f.scene, memory_mb: +(f.memory / MB).toFixed(1) })),
    files,
  };
  fs.writeFileSync(path.join(outDir, "page_weight.json"), JSON.stringify(report, null, 1));
  console.log(`page weight: ${report.total_mb} MB in all, ${report.before_first_figure_mb} MB before the first ` +
              `figure drew; wasm memory ${report.wasm_memory_mb} MB: ` +
              report.figures.map((f) => `${f.scene} ${f.memory_mb}`).join(", "));
  for (const [k, f] of Object.entries(files).sort((a, b) => b[1].bytes - a[1].bytes))
    console.log(`  ${(f.bytes / 1e3).toFixed(1).padStart(8)} kB  ${k}  (network ${f.fetched}, 304 ${f.revalidated}, cache ${f.cached})`);
  if (reportOnly) return;

  for (const [k, f] of Object.entries(files)) assert.equal(f.encoding, "", `${k} came compressed by the server`);
  assert.ok(total <= 4 * MB, `the post transferred ${report.total_mb} MB (limit 4)`);
  assert.ok(beforeFirst <= 1 * MB, `${report.before_first_figure_mb} MB before the first figure drew (limit 1)`);
  // Every shipped file (the engine and the data; not the small manifest, which is revalidated).
  for (const [k, f] of Object.entries(files))
    if (/\.gz$|\.wasm$|\.bin$/.test(k)) assert.ok(f.fetched <= 1, `${k} was downloaded ${f.fetched} times`);
  assert.ok(memory <= 100 * MB, `the figures hold ${report.wasm_memory_mb} MB of WebAssembly memory (limit 100)`);
  assert.deepEqual(errors, []);
  await context.close();
});
