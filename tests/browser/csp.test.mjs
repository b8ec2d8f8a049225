// csp.test.mjs: the page and the blog post under the strict Content-Security-Policy a
// security-minded host sends (scripts only from the site, WebAssembly allowed, no inline
// scripts, handlers or eval). Every scene starts and draws with no violation reported (the
// securitypolicyviolation event and the console); a missing, blocked or CSP-refused ebm.wasm
// ends in a readable message within seconds instead of an endless "fetching".
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { start, site, root, outDir, regionStats } from "./harness.mjs";

const { serve, STRICT_CSP } = await import(path.join(root, "scripts", "serve.mjs"));
const kScenes = ["hopfield", "optimized", "capacity", "boltzmann", "toy", "rbm", "gibbs", "dbn"];

let env;
before(async () => { env = await start({ csp: STRICT_CSP }); });
after(async () => { await env?.close(); });

// A page whose CSP violations (event and console) and errors are collected from the first script on.
async function openWatched(url, viewport = { width: 1280, height: 860 }) {
  const context = await env.browser.newContext({ viewport });
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation",
      (e) => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  const page = await context.newPage();
  page.errors = [];
  page.on("console", (m) => { if (m.type() === "error") page.errors.push(m.text()); });
  page.on("pageerror", (e) => page.errors.push(String(e)));
  return page;
}

const state = (frame) => frame.evaluate(() => {
  const M = window.Module;
  return M && M.calledRun && M._ebm_query ? JSON.parse(M.UTF8ToString(M._ebm_query())) : null;
});

test("the site is served with the strict policy", async () => {
  const r = await fetch(env.url + "index.html");
  assert.equal(r.headers.get("content-security-policy"), STRICT_CSP);
});

for (const scene of kScenes) {
  test(`${scene}: starts and draws under the strict CSP with no violation`, async () => {
    const page = await openWatched(env.url);
    await page.goto(env.url + `?scene=${scene}`);
    await page.waitForFunction(() => {
      const M = window.Module;
      return M && M.calledRun && JSON.parse(M.UTF8ToString(M._ebm_query())).frames > 10;
    }, null, { timeout: 60000 });
    const s = await state(page);
    assert.equal(s.scene, scene);
    assert.ok(await page.locator("#overlay.hidden").count() === 1, "the loading overlay is still up");
    const st = await regionStats(page, { x: 0, y: 0, width: 1280, height: 860 });
    assert.ok(st.variance > 100 && st.distinct > 50, `${scene} looks blank: ${JSON.stringify(st)}`);
    if (scene === "rbm") await page.screenshot({ path: path.join(outDir, "csp_rbm.png") });
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
}

test("blog post under the strict CSP: formulas render, an embedded figure draws, no violation", async () => {
  const page = await openWatched(env.url, { width: 1100, height: 900 });
  await page.goto(env.url + "blog/index.html");
  await page.waitForSelector("mjx-container", { timeout: 30000 });
  assert.ok((await page.locator("mjx-container").count()) >= 8, "the formulas did not render");
  const el = page.locator("figure.live iframe").first();
  await el.scrollIntoViewIfNeeded();
  const frame = await (await el.elementHandle()).contentFrame();
  await frame.waitForFunction(() => {
    const M = window.Module;
    return M && M.calledRun && JSON.parse(M.UTF8ToString(M._ebm_query())).frames > 5;
  }, null, { timeout: 60000 });
  const shot = await el.screenshot({ path: path.join(outDir, "csp_blog_figure.png") });
  assert.ok(shot.length > 5000, "the embedded figure looks empty");
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

// The overlay's error card: its title and text once it shows, or null.
async function errorCard(page, withinMs) {
  await page.waitForSelector("#card.error", { timeout: withinMs });
  return page.locator("#card").innerText();
}

test("a missing ebm.wasm (404) ends in a readable message within seconds", async () => {
  const page = await openWatched(env.url);
  await page.route(/\/ebm(\.[0-9a-f]+)?\.wasm(\.gz)?$/, (r) => r.fulfill({ status: 404, contentType: "text/plain", body: "not found" }));
  const t0 = Date.now();
  await page.goto(env.url + "?scene=hopfield");
  const text = await errorCard(page, 8000);
  assert.ok(Date.now() - t0 < 8000);
  assert.match(text, /could not start|stopped|failed/i);
  assert.match(text, /ebm\.wasm|WebAssembly|reload/i);
  assert.doesNotMatch(await page.locator("#status").count() ? await page.locator("#status").innerText() : "", /^fetching$/);
  await page.screenshot({ path: path.join(outDir, "csp_wasm_missing.png") });
  await page.context().close();
});

test("a blocked ebm.wasm (network refused) ends in a readable message within seconds", async () => {
  const page = await openWatched(env.url);
  await page.route(/\/ebm(\.[0-9a-f]+)?\.wasm(\.gz)?$/, (r) => r.abort("blockedbyclient"));
  await page.goto(env.url + "?scene=hopfield");
  const text = await errorCard(page, 8000);
  assert.match(text, /ebm\.wasm|WebAssembly|reload/i);
  await page.context().close();
});

test("a policy without 'wasm-unsafe-eval' is named in the message instead of hanging", async () => {
  const strict = await serve(site, 0, { csp: "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'" });
  try {
    const page = await openWatched(strict.url);
    await page.goto(strict.url + "?scene=hopfield");
    const text = await errorCard(page, 8000);
    assert.match(text, /WebAssembly/);
    assert.match(text, /Content-Security-Policy|wasm-unsafe-eval/);
    await page.screenshot({ path: path.join(outDir, "csp_wasm_refused.png") });
    await page.context().close();
  } finally {
    strict.server.close();
  }
});
