// blog.test.mjs: the blog post page with live figures embedded as iframes, as a static blog
// would show them: the formulas render (typeset into SVG at build time by MathJax from npm),
// and each embedded figure runs its own WebAssembly instance and draws pixels.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { start, open, outDir } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

test("blog post renders its math and every embedded figure draws", async () => {
  const page = await open(env.browser, env.url, "blog/index.html", { width: 1100, height: 900 });
  await page.waitForSelector("mjx-container", { timeout: 20000 });
  const nMath = await page.locator("mjx-container").count();
  assert.ok(nMath >= 8, `only ${nMath} formulas rendered`);
  const frames = page.locator("figure.live iframe");
  const n = await frames.count();
  assert.ok(n >= 1, "no live figures");
  for (let i = 0; i < n; i++) {
    const el = frames.nth(i);
    await el.scrollIntoViewIfNeeded();
    const frame = await (await el.elementHandle()).contentFrame();
    await frame.waitForFunction(() => {
      const M = window.Module;
      if (!M || !M.calledRun) return false;
      return JSON.parse(M.UTF8ToString(M._ebm_query())).frames > 5;
    }, null, { timeout: 30000 });
    const state = await frame.evaluate(() => JSON.parse(window.Module.UTF8ToString(window.Module._ebm_query())));
    assert.equal(state.embed, true);
    const shot = await el.screenshot({ path: path.join(outDir, `blog_figure_${i}.png`) });
    assert.ok(shot.length > 5000, "figure screenshot suspiciously small");
  }
  await page.screenshot({ path: path.join(outDir, "blog_page.png") });
  assert.deepEqual(page.errors, []);
});
