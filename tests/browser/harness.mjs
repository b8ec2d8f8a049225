// harness.mjs: shared set-up for the browser tests: serve the built site on 127.0.0.1,
// launch Debian's Chromium headless through playwright-core with software WebGL2, collect
// console errors, read the app's state through the exported ebm_query(), and check pixels.
import { createRequire } from "node:module";
import path from "node:path";
import fs from "node:fs";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, "..", "..");
const require = createRequire(path.join(root, "scripts", "package.json"));
const { chromium } = require("playwright-core");
const { serve } = await import(path.join(root, "scripts", "serve.mjs"));

export const site = process.env.EBM_SITE || path.join(root, "build", "web", "site");
export const outDir = path.join(here, "out");
fs.mkdirSync(outDir, { recursive: true });

/** Serves the site (opts.csp: a Content-Security-Policy header on every response) and launches
 *  Chromium; returns {browser, url, close}. */
export async function start(opts = {}) {
  const { server, url } = await serve(site, 0, opts);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-quic", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--use-gl=angle", "--use-angle=swiftshader",
           "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist"],
  });
  return { browser, url, close: async () => { await browser.close(); server.close(); } };
}

/** Opens url + query in a new page; collects console errors and page errors into page.errors. */
export async function open(browser, url, query = "", viewport = { width: 1280, height: 860 }, dpr = 1) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: dpr });
  const page = await context.newPage();
  page.errors = [];
  page.on("console", (m) => { if (m.type() === "error") page.errors.push(m.text()); });
  page.on("pageerror", (e) => page.errors.push(String(e)));
  await page.goto(url + query);
  return page;
}

/** The app's JSON state (ebm_query), or null before the module is ready. */
export async function query(page) {
  return page.evaluate(() => {
    const M = window.Module;
    if (!M || !M._ebm_query || !M.calledRun) return null;
    return JSON.parse(M.UTF8ToString(M._ebm_query()));
  });
}

/** Waits until pred(state) is true (polling ebm_query); returns the state. */
export async function waitFor(page, pred, timeoutMs = 20000, what = "condition") {
  const t0 = Date.now();
  let s = null;
  while (Date.now() - t0 < timeoutMs) {
    s = await query(page);
    if (s && pred(s)) return s;
    await page.waitForTimeout(100);
  }
  throw new Error(`timed out waiting for ${what}; last state: ${JSON.stringify(s)?.slice(0, 600)}`);
}

/** Waits for n animation frames of the page (the app polls its input once per frame). */
export async function frames(page, n = 2) {
  await page.evaluate((n) => new Promise((done) => {
    let k = 0;
    const tick = () => (++k >= n ? done() : requestAnimationFrame(tick));
    requestAnimationFrame(tick);
  }), n);
}

/** Clicks the centre of a registered widget (CSS pixels inside the canvas) as a hand does:
 *  move, press, release, with frames in between, so a click is never lost on a slow machine
 *  (Dear ImGui sees hover, press and release in separate frames; a combo's popup opens the frame
 *  after its click, and a slider applies its value on release). */
export async function clickWidget(page, name) {
  const s = await waitFor(page, (st) => st.widgets && st.widgets[name], 10000, `widget ${name}`);
  const [x, y, w, h] = s.widgets[name];
  const box = await page.locator("#canvas").boundingBox();
  await page.mouse.move(box.x + x + w / 2, box.y + y + h / 2);
  await frames(page, 2);
  await page.mouse.down();
  await frames(page, 2);
  await page.mouse.up();
  await frames(page, 2);
}

/** Mean and variance of the canvas pixels in a rectangle, read through a screenshot decoded in-page. */
export async function regionStats(page, clip) {
  const png = await page.screenshot({ clip });
  const b64 = png.toString("base64");
  return page.evaluate(async (data) => {
    // Decoded from a Blob, not a data: URL, so it works under a strict CSP (img-src 'self').
    const bytes = Uint8Array.from(atob(data), (ch) => ch.charCodeAt(0));
    const img = await createImageBitmap(new Blob([bytes], { type: "image/png" }));
    const c = document.createElement("canvas");
    c.width = img.width; c.height = img.height;
    const g = c.getContext("2d");
    g.drawImage(img, 0, 0);
    const px = g.getImageData(0, 0, c.width, c.height).data;
    let sum = 0, sq = 0, n = 0;
    const colours = new Set();
    for (let i = 0; i < px.length; i += 4) {
      const v = (px[i] + px[i + 1] + px[i + 2]) / 3;
      sum += v; sq += v * v; n++;
      if (colours.size < 5000) colours.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]);
    }
    const mean = sum / n;
    return { mean, variance: sq / n - mean * mean, distinct: colours.size, width: c.width, height: c.height };
  }, b64);
}
