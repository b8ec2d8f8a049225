// monkey.test.mjs: random real input on every scene, seeded so a failure can be replayed. Per
// scene a few hundred inputs: clicks on the registered widgets, drags on the canvas and on
// sliders, the keys space / S / R, viewport resizes, device-pixel-ratio changes (emulation),
// tab switches (visibilitychange) and a frozen-then-resumed page. Then: no page error, no
// console error, no NaN or infinity anywhere in ebm_query() (the app lists them in "nonfinite"),
// and the canvas still draws new frames with content.
//   EBM_MONKEY_SEED=<n>    replay a run (the seed is printed first)
//   EBM_MONKEY_INPUTS=<n>  inputs per scene (default 150 in the suite; 250 per scene: README)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { start, query, waitFor, frames, regionStats, outDir } from "./harness.mjs";

const seed = Number(process.env.EBM_MONKEY_SEED ?? (Date.now() % 1e9));
const perScene = Number(process.env.EBM_MONKEY_INPUTS ?? 150);
console.log(`# monkey seed ${seed} (replay: EBM_MONKEY_SEED=${seed}), ${perScene} inputs per scene`);
const kScenes = ["hopfield", "optimized", "capacity", "boltzmann", "toy", "rbm", "gibbs", "dbn"];

// mulberry32: a small seeded generator, so a seed replays the same inputs.
function rng(s) {
  let a = s >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const kSliders = /^(n|noise|speed|lr|k|hidden|batch|momentum|decay|trials|max_alpha|T|steps|epochs|blank|patterns|anneal|seed|train_rows|k_every|digit|noise_start)$/;

for (const [index, scene] of kScenes.entries()) {
  test(`monkey: ${perScene} random inputs on ${scene}`, async () => {
    const rand = rng(seed + 7919 * index);
    const pick = (a) => a[Math.floor(rand() * a.length)];
    const between = (lo, hi) => lo + rand() * (hi - lo);
    let viewport = { width: 1200, height: 820 };
    const context = await env.browser.newContext({ viewport, deviceScaleFactor: 1 });
    const page = await context.newPage();
    const errors = [];
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("dialog", (d) => d.dismiss().catch(() => {}));
    const cdp = await context.newCDPSession(page);
    await page.goto(env.url + `?scene=${scene}`);
    let s = await waitFor(page, (st) => st.frames > 5 && Object.keys(st.widgets).length > 3, 60000, `${scene} ready`);
    const counts = {};
    const log = [];
    for (let i = 0; i < perScene; ++i) {
      if (i % 8 === 0) s = (await query(page)) ?? s;  // fresh widget rectangles now and then
      const widgets = Object.entries(s.widgets || {});
      const box = await page.locator("#canvas").boundingBox();
      const r = rand();
      let kind;
      if (r < 0.34 && widgets.length) {
        kind = "click";
        const [name, [x, y, w, h]] = pick(widgets);
        log.push(`click ${name}`);
        await page.mouse.click(box.x + x + w * between(0.1, 0.9), box.y + y + h / 2);
      } else if (r < 0.48) {
        kind = "canvas drag";
        const x0 = between(0, box.width), y0 = between(0, box.height);
        await page.mouse.move(box.x + x0, box.y + y0);
        await page.mouse.down({ button: rand() < 0.85 ? "left" : "right" });
        for (let k = 1; k <= 3; ++k)
          await page.mouse.move(box.x + between(0, box.width), box.y + between(0, box.height));
        await page.mouse.up({ button: "left" }).catch(() => {});
        await page.mouse.up({ button: "right" }).catch(() => {});
      } else if (r < 0.62) {
        kind = "slider drag";
        const sliders = widgets.filter(([n]) => kSliders.test(n));
        const [name, [x, y, w, h]] = sliders.length ? pick(sliders) : pick(widgets.length ? widgets : [["none", [0, 0, 10, 10]]]);
        log.push(`drag ${name}`);
        await page.mouse.move(box.x + x + w * between(0, 1), box.y + y + h / 2);
        await page.mouse.down();
        await frames(page, 1);
        await page.mouse.move(box.x + x + w * between(-0.2, 1.2), box.y + y + h / 2, { steps: 3 });
        await page.mouse.up();
      } else if (r < 0.78) {
        kind = "key";
        const key = pick(["Space", "s", "r", "Space", "s"]);
        log.push(`key ${key}`);
        await page.keyboard.press(key);
      } else if (r < 0.85) {
        kind = "resize";
        viewport = { width: Math.round(between(360, 1500)), height: Math.round(between(320, 1000)) };
        await page.setViewportSize(viewport);
      } else if (r < 0.90) {
        kind = "dpr";
        await cdp.send("Emulation.setDeviceMetricsOverride",
                       { ...viewport, deviceScaleFactor: pick([1, 1.25, 1.5, 2, 3]), mobile: false });
      } else if (r < 0.95) {
        kind = "tab switch";
        await page.evaluate((hide) => {
          for (const [k, v] of [["hidden", hide], ["visibilityState", hide ? "hidden" : "visible"]])
            Object.defineProperty(document, k, { value: v, configurable: true });
          document.dispatchEvent(new Event("visibilitychange"));
        }, true);
        await page.waitForTimeout(between(20, 200));
        await page.evaluate(() => {
          delete document.hidden; delete document.visibilityState;
          document.dispatchEvent(new Event("visibilitychange"));
        });
      } else if (r < 0.97) {
        kind = "freeze";
        await cdp.send("Page.setWebLifecycleState", { state: "frozen" });
        await new Promise((ok) => setTimeout(ok, between(50, 400)));
        await cdp.send("Page.setWebLifecycleState", { state: "active" });
      } else {
        kind = "wheel";
        await page.mouse.move(box.x + between(0, box.width), box.y + between(0, box.height));
        await page.mouse.wheel(0, between(-400, 400));
      }
      counts[kind] = (counts[kind] ?? 0) + 1;
      if (i % 4 === 3) await frames(page, 1);
      if (errors.length) break;
    }
    await page.setViewportSize({ width: 1200, height: 820 });
    await cdp.send("Emulation.setDeviceMetricsOverride", { width: 1200, height: 820, deviceScaleFactor: 1, mobile: false });
    await page.mouse.move(10, 10);
    await frames(page, 3);
    const end = await waitFor(page, () => true, 10000, "a state after the inputs");
    await page.mouse.move(20, 20);
    await frames(page, 4);
    const later = await query(page);
    console.log(`# ${scene}: ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(", ")}; frames ${end.frames} -> ${later.frames}`);
    await page.screenshot({ path: path.join(outDir, `monkey_${scene}.png`) });
    const last = log.slice(-12).join("; ");
    assert.deepEqual(errors, [], `errors after: ${last}`);
    assert.deepEqual(later.nonfinite, [], `non-finite numbers in ebm_query() after: ${last}`);
    assert.ok(later.frames > end.frames, "the canvas stopped drawing frames");
    assert.equal(later.gl_context, "ok");
    const st = await regionStats(page, { x: 0, y: 0, width: 1200, height: 820 });
    assert.ok(st.variance > 50 && st.distinct > 20, `${scene} looks blank after the monkey: ${JSON.stringify(st)}`);
    await context.close();
  });
}
