// frame_pipeline.test.mjs: the frame loop's contract with WebGL, counted rather than timed.
// Every WebGL call is counted through the context's prototype: while a scene plays, no call
// reads state back (getParameter, getError, isEnabled, readPixels: each is a synchronous
// round trip to the GPU process); once nothing moves, frames draw nothing. The frame-time
// breakdown is in ebm_query() and behind the fps readout on screen.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { start, open, query, waitFor, clickWidget, regionStats, outDir } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

const kSyncCalls = ["getParameter", "getError", "isEnabled", "readPixels", "getShaderParameter",
                    "getProgramParameter", "getUniformLocation", "getAttribLocation", "finish",
                    "getBufferSubData", "getTexParameter", "getFramebufferAttachmentParameter"];
const kDrawCalls = ["drawElements", "drawArrays", "clear"];

// Counts calls of the named WebGL2 methods from page start (window.__glCalls).
function countGlCalls(names) {
  window.__glCalls = {};
  const proto = WebGL2RenderingContext.prototype;
  for (const n of names) {
    const f = proto[n];
    proto[n] = function (...a) { window.__glCalls[n] = (window.__glCalls[n] ?? 0) + 1; return f.apply(this, a); };
  }
}
const calls = (page) => page.evaluate(() => ({ ...window.__glCalls }));
const reset = (page) => page.evaluate(() => { window.__glCalls = {}; });

for (const [scene, q] of [["hopfield", "dyn=glauber&T=0.3&play=1"], ["rbm", "hidden=16&train_rows=1000&play=1"]]) {
  test(`${scene}: no WebGL state read back while playing; idle frames draw nothing`, async () => {
    const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addInitScript(countGlCalls, [...kSyncCalls, ...kDrawCalls]);
    const page = await context.newPage();
    page.errors = [];
    page.on("console", (m) => { if (m.type() === "error") page.errors.push(m.text()); });
    await page.goto(`${env.url}?scene=${scene}&${q}`);
    await waitFor(page, (s) => s.frames > 10 && s.state.playing, 60000, "playing");
    await reset(page);
    const f0 = (await query(page)).frames;
    await page.waitForTimeout(1500);
    const playing = await calls(page);
    const f1 = (await query(page)).frames;
    assert.ok(f1 - f0 > 5, `frames drawn while playing: ${f1 - f0}`);
    for (const n of kSyncCalls) assert.equal(playing[n] ?? 0, 0, `${n} called ${playing[n]} times in ${f1 - f0} frames`);
    assert.ok((playing.drawElements ?? 0) >= f1 - f0, `drawElements ${playing.drawElements} in ${f1 - f0} frames`);

    await page.evaluate(() => window.Module._ebm_command(window.Module.allocateUTF8("pause")));
    await page.mouse.move(2, 2);
    // The app idles after 30 frames without input or motion: wait for the counter to stop
    // (30 frames take 0.5 s at 60 fps, several seconds on a loaded 2-core machine).
    for (let t0 = Date.now(), last = -1; Date.now() - t0 < 20000;) {
      await page.waitForTimeout(700);
      const f = (await query(page)).frames;
      if (f === last) break;
      last = f;
    }
    await reset(page);
    const i0 = (await query(page)).frames;
    await page.waitForTimeout(1000);
    const idle = await calls(page);
    assert.equal((await query(page)).frames, i0, "frames counted while idle");
    for (const n of [...kSyncCalls, ...kDrawCalls]) assert.equal(idle[n] ?? 0, 0, `${n} called ${idle[n]} times while idle`);
    assert.deepEqual(page.errors, []);
    await context.close();
  });
}

test("frame-time breakdown: medians and p95 in ebm_query(), and on screen behind the fps readout", async () => {
  const page = await open(env.browser, env.url, "?scene=hopfield&dyn=glauber&T=0.3&play=1", { width: 1280, height: 800 });
  const s = await waitFor(page, (st) => st.frame_stats && st.frame_stats.frames >= 60, 30000, "60 drawn frames");
  const fs = s.frame_stats;
  for (const k of ["step_ms", "ui_ms", "render_ms", "other_ms", "work_ms", "interval_ms"]) {
    assert.ok(Number.isFinite(fs[k].median) && Number.isFinite(fs[k].p95), `${k}: ${JSON.stringify(fs[k])}`);
    assert.ok(fs[k].median >= 0 && fs[k].p95 >= fs[k].median, `${k}: ${JSON.stringify(fs[k])}`);
  }
  assert.ok(fs.interval_ms.median > 5, `interval ${fs.interval_ms.median} ms: not one frame's worth`);
  assert.ok(fs.work_ms.median >= fs.step_ms.median, "work includes the step");
  assert.equal(s.gl_context, "ok");
  assert.equal(s.widgets.frame_stats_table, undefined, "the breakdown starts hidden");
  await clickWidget(page, "frame_stats");
  const shown = await waitFor(page, (st) => st.widgets.frame_stats_table, 5000, "the breakdown window");
  const [x, y, w, h] = shown.widgets.frame_stats_table;
  const st = await regionStats(page, { x, y, width: w, height: h });
  assert.ok(st.variance > 100 && w > 100 && h > 60, `the breakdown table looks empty: ${JSON.stringify(st)}`);
  await page.screenshot({ path: path.join(outDir, "frame_stats.png") });
  await clickWidget(page, "frame_stats");
  await waitFor(page, (st2) => !st2.widgets.frame_stats_table, 5000, "the window hidden again");
  assert.deepEqual(page.errors, []);
});
