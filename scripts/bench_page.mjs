// bench_page.mjs: the page's frame pipeline, measured in headless Chromium (software WebGL2)
// at 1280x800. For each scene it plays the figure for a fixed time and prints the frame
// interval (median, p95), the C++ work per frame split into step and the rest, the scene's
// throughput, and where the main thread's time goes from a DevTools CPU profile (the share
// in WebGL getParameter above all). A benchmark, not a test: it prints figures, checks nothing.
//
// It also reads Chromium's CPU time per drawn frame from /proc (the GPU process rasterizes
// software WebGL on its own threads, which the page's profile cannot see) and, with
// --node-bench, runs the engine under node with the page's RBM setting for the ratio of
// delivered training throughput.
//
// usage: node scripts/bench_page.mjs [--site DIR] [--scenes hopfield,rbm] [--seconds 6] [--json]
//                                    [--node-bench build/web/ebm_bench.js --asset mnist.bin]
// (scripts/bench_page.sh builds the page and runs this; BENCHMARKS.md records the figures.)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync, execSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, def) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : def; };
if (opt("--site")) process.env.EBM_SITE = path.resolve(opt("--site"));
const seconds = Number(opt("--seconds", "6"));
const asJson = args.includes("--json");
const { start, open, query, waitFor } = await import(path.join(here, "..", "tests", "browser", "harness.mjs"));

// One line per scene: the URL that plays it, when it is ready, and its throughput counter
// (a number in ebm_query().state that grows while it plays, and its unit).
const kScenes = [
  { id: "hopfield", q: "dyn=glauber&T=0.3&play=1", unit: "updates/s", count: (s) => s.state.updates },
  { id: "optimized", q: "play=1", unit: "epochs/s", count: (s) => s.state.epoch },
  { id: "capacity", q: "run=1", unit: "%/s", count: (s) => 100 * s.state.fraction },
  { id: "boltzmann", q: "play=1", unit: "sweeps/s", count: (s) => s.state.sweeps },
  { id: "toy", q: "play=1", unit: "updates/s", count: (s) => s.state.updates },
  { id: "rbm", q: "hidden=64&play=1", unit: "samples/s", ready: (s) => s.state.built && s.state.playing,
    count: (s) => s.state.updates * 50 },
  { id: "gibbs", q: "play=1", unit: "sweeps/s", count: (s) => s.state.fantasy_sweeps },
];
const only = opt("--scenes");
const scenes = only ? kScenes.filter((s) => only.split(",").includes(s.id)) : kScenes;

const quantile = (xs, q) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const loadavg = () => fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

// CPU milliseconds used so far by Chromium's processes, by process type, with the GPU
// process's unnamed worker threads (SwiftShader's rasterizers) apart. Linux /proc only.
function chromiumCpu() {
  const out = {};
  try {
    for (const line of execSync("ps -eo pid,args", { encoding: "utf8" }).split("\n")) {
      const m = line.trim().match(/^(\d+) (.*)$/);
      if (!m || !/chrom/.test(m[2].split(" ")[0])) continue;
      const type = (m[2].match(/--type=([a-z-]+)/) || [, "browser"])[1];
      for (const tid of fs.readdirSync(`/proc/${m[1]}/task`)) {
        let st;
        try { st = fs.readFileSync(`/proc/${m[1]}/task/${tid}/stat`, "utf8"); } catch { continue; }
        const comm = st.slice(st.indexOf("(") + 1, st.lastIndexOf(")"));
        const f = st.slice(st.lastIndexOf(")") + 2).split(" ");
        const ms = (Number(f[11]) + Number(f[12])) * 10;  // utime + stime, 100 Hz ticks
        const key = type === "gpu-process" && /^Thread<\d+>$/.test(comm) ? "gpu-raster" : type;
        out[key] = (out[key] ?? 0) + ms;
      }
    }
  } catch { /* not Linux: no figures */ }
  return out;
}

// Self time per function of a CPU profile (ms), and the share of each group of interest.
function profileShares(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  let total = 0, idle = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const n = byId.get(profile.samples[i]);
    const name = n.callFrame.functionName || "(anonymous)";
    const isWasm = n.callFrame.url.startsWith("wasm://") || name.startsWith("wasm-function");
    const key = isWasm ? `wasm ${name}` : name;
    total += dt;
    if (name === "(idle)") idle += dt;
    self.set(key, (self.get(key) ?? 0) + dt);
  }
  const busy = total - idle;
  const share = (pred) => [...self].filter(([k]) => pred(k)).reduce((a, [, v]) => a + v, 0) / busy;
  const top = [...self].filter(([k]) => k !== "(idle)").sort((a, b) => b[1] - a[1]).slice(0, 8)
    .map(([k, v]) => [k, +(100 * v / busy).toFixed(1)]);
  return {
    busy_ms: busy, total_ms: total,
    getParameter: share((k) => k === "getParameter"),
    sync_gl: share((k) => ["getParameter", "getError", "isEnabled", "readPixels", "getShaderParameter",
                           "getProgramParameter", "finish"].includes(k)),
    wasm: share((k) => k.startsWith("wasm ")),
    top,
  };
}

async function benchScene(browser, url, sc) {
  const page = await open(browser, url, `?scene=${sc.id}&${sc.q}`, { width: 1280, height: 800 });
  const ready = sc.ready ?? ((s) => s.frames > 3);
  await waitFor(page, (s) => s.frames > 3 && ready(s), 60000, `${sc.id} ready`);
  await page.waitForTimeout(2000);  // warm-up: V8 tiers up the hot wasm functions

  // Phase 1: frame intervals from requestAnimationFrame time stamps, and the C++ split from
  // ebm_query() polled every 100 ms (each poll reads the last drawn frame's figures).
  await page.evaluate(() => {
    window.__rafTimes = [];
    const tick = (t) => { window.__rafTimes.push(t); window.__rafOn && requestAnimationFrame(tick); };
    window.__rafOn = true;
    requestAnimationFrame(tick);
  });
  const q0 = await query(page), c0 = chromiumCpu(), t0 = Date.now();
  const samples = [];
  let lastFrame = -1;
  while (Date.now() - t0 < seconds * 1000) {
    const s = await query(page);
    if (s.frames !== lastFrame) {
      samples.push({ work: s.work_ms, step: s.step_ms });
      lastFrame = s.frames;
    }
    await page.waitForTimeout(100);
  }
  const q1 = await query(page), c1 = chromiumCpu(), t1 = Date.now();
  const raf = await page.evaluate(() => { window.__rafOn = false; return window.__rafTimes; });
  const intervals = raf.slice(1).map((t, i) => t - raf[i]);
  const drawn = q1.frames - q0.frames;
  const cpu = {};
  for (const k of Object.keys(c1)) cpu[k] = (c1[k] - (c0[k] ?? 0)) / Math.max(1, drawn);

  // Phase 2: a CPU profile of the page's main thread while it keeps playing.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 500 });
  await cdp.send("Profiler.start");
  await page.waitForTimeout(seconds * 1000);
  const { profile } = await cdp.send("Profiler.stop");
  const prof = profileShares(profile);
  const fstats = (await query(page)).frame_stats ?? null;  // the app's own breakdown, when it has one
  const errors = page.errors;
  await page.context().close();

  const rest = samples.map((x) => x.work - x.step);
  const fps = drawn / ((t1 - t0) / 1000);
  const stepMean = samples.reduce((a, x) => a + x.step, 0) / Math.max(1, samples.length);
  return {
    scene: sc.id,
    frames_per_s: fps,
    step_share: stepMean * fps / 1000,  // fraction of wall time spent stepping the model
    interval_median: quantile(intervals, 0.5), interval_p95: quantile(intervals, 0.95),
    work_median: quantile(samples.map((x) => x.work), 0.5),
    step_median: quantile(samples.map((x) => x.step), 0.5),
    rest_median: quantile(rest, 0.5), rest_p95: quantile(rest, 0.95),
    throughput: (sc.count(q1) - sc.count(q0)) / ((t1 - t0) / 1000), unit: sc.unit,
    scene_state: sc.id === "rbm" ? { samples_per_step_s: q1.state.samples_per_s, ms_per_batch: q1.state.ms_per_batch } : undefined,
    profile: prof, frame_stats: fstats, cpu_per_frame: cpu, errors,
  };
}

// The engine under node, the page's RBM setting in calls of the page's step budget.
function nodeRbm() {
  const bench = opt("--node-bench");
  if (!bench) return null;
  const out = execFileSync("node", ["--no-experimental-fetch", bench, "--asset", opt("--asset", "build/web/assets/mnist.bin"),
                                    "--page", "--json"], { encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").pop()).page_rbm_samples_per_s;
}

const env = await start();
const results = [];
try {
  console.log(`site ${process.env.EBM_SITE || "build/web/site"}; ${seconds} s per phase; load average ${loadavg()}; ${os.cpus().length} CPUs`);
  for (const sc of scenes) {
    const r = await benchScene(env.browser, env.url, sc);
    r.load = loadavg();
    if (sc.id === "rbm") r.node_samples_per_s = nodeRbm();
    results.push(r);
    if (asJson) continue;
    const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : "-");
    console.log(`${sc.id.padEnd(10)} frame ${f(r.interval_median)} ms (p95 ${f(r.interval_p95)}), ${f(r.frames_per_s)} drawn/s; ` +
                `work ${f(r.work_median)} ms = step ${f(r.step_median)} + rest ${f(r.rest_median)} (p95 ${f(r.rest_p95)}); ` +
                `${f(r.throughput, 0)} ${r.unit}; getParameter ${f(100 * r.profile.getParameter)}% ` +
                `(sync GL ${f(100 * r.profile.sync_gl)}%, wasm ${f(100 * r.profile.wasm)}%) of ${f(r.profile.busy_ms / 1000, 2)} s busy; load ${r.load}`);
    const cpu = r.cpu_per_frame;
    if (Object.keys(cpu).length)
      console.log(`           chromium CPU per drawn frame: ${Object.entries(cpu).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${f(v)} ms`).join(", ")}`);
    if (r.scene_state) {
      console.log(`           rbm: step ${f(100 * r.step_share)}% of wall time; the scene's own training rate ${f(r.scene_state.samples_per_step_s, 0)} samples per second of training, ${f(r.scene_state.ms_per_batch, 2)} ms/batch`);
      if (r.node_samples_per_s) {
        const n = r.node_samples_per_s;
        console.log(`           node, same setting in 7 ms calls: ${f(n, 0)} samples/s; page delivers ${f(100 * r.throughput / n)}% of it in wall time, ` +
                    `${f(100 * r.throughput / (n * r.step_share))}% of what its step time would give in node`);
      }
    }
    console.log(`           top: ${r.profile.top.map(([k, v]) => `${k} ${v}%`).join(", ")}`);
    if (r.frame_stats) console.log(`           frame_stats: ${JSON.stringify(r.frame_stats)}`);
    if (r.errors.length) console.log(`           page errors: ${r.errors.join(" | ")}`);
  }
} finally {
  await env.close();
}
if (asJson) console.log(JSON.stringify(results));
