// jekyll.test.mjs: the blog kit in a real Jekyll build (Debian's jekyll 4.3 + minima), as the
// README tells a blogger to use it: the built playground copied to assets/ebm/, the include in
// _includes/, one line per figure in the post. Checks that the post renders its math, that every
// figure starts, draws and is sized to its content by embed.js, and that a figure scrolled out of
// view sleeps (no frames, no model steps) and resumes without a burst when scrolled back.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { root, site, outDir } from "./harness.mjs";

const require = createRequire(path.join(root, "scripts", "package.json"));
const { chromium } = require("playwright-core");
const { serve } = await import(path.join(root, "scripts", "serve.mjs"));

const work = path.join(root, "build", "jekyll");
const postPath = "media/2026/12/01/energy-based-models.html";
let server, url, browser;

before(async () => {
  // The README's three steps, scripted: copy the kit (include + post), copy the built site.
  const src = path.join(work, "src");
  fs.rmSync(work, { recursive: true, force: true });
  fs.cpSync(path.join(root, "jekyll"), src, { recursive: true });
  fs.cpSync(site, path.join(src, "assets", "ebm"), { recursive: true });
  execFileSync("jekyll", ["build", "--quiet", "--disable-disk-cache", "-s", src, "-d", path.join(work, "_site")],
               { stdio: "inherit", timeout: 120000 });
  ({ server, url } = await serve(path.join(work, "_site"), 0));
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--no-first-run", "--disable-background-networking", "--use-gl=angle",
           "--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist"],
  });
});
after(async () => { await browser?.close(); server?.close(); });

async function openPost(viewport = { width: 1000, height: 900 }) {
  const context = await browser.newContext({ viewport });
  // The seed post links two pictures on other hosts; the test runs offline.
  await context.route((u) => !u.href.startsWith(url), (r) => r.abort());
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(String(e)));
  await page.goto(url + postPath);
  return page;
}

const figureState = (frame) => frame.evaluate(() => {
  const M = window.Module;
  if (!M || !M.calledRun || !M._ebm_query) return null;
  return JSON.parse(M.UTF8ToString(M._ebm_query()));
});

async function waitFigure(frame, pred, timeoutMs, what) {
  const t0 = Date.now();
  let s = null;
  while (Date.now() - t0 < timeoutMs) {
    s = await figureState(frame).catch(() => null);
    if (s && pred(s)) return s;
    await new Promise((r) => setTimeout(r, 100));
  }
  const brief = s && { visible: s.visible, frames: s.frames, updates: s.state?.updates, playing: s.state?.playing,
                     converged: s.state?.converged };
  throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(brief)}`);
}

test("Jekyll post: math renders, every figure starts, draws and fits its content", async () => {
  const page = await openPost();
  await page.waitForSelector("mjx-container", { timeout: 30000 });
  assert.ok(await page.locator("mjx-container").count() >= 8, "formulas did not render");
  assert.equal(await page.locator("h1.post-title").count(), 1, "not the minima post layout");
  const frames = page.locator("iframe[data-ebm-figure]");
  const n = await frames.count();
  assert.equal(n, 9, "the post has nine figures");
  for (let i = 0; i < n; i++) {
    const el = frames.nth(i);
    await el.scrollIntoViewIfNeeded();
    const frame = await (await el.elementHandle()).contentFrame();
    const s = await waitFigure(frame, (q) => q.frames > 3, 40000, `figure ${i} drawing`);
    assert.equal(s.embed, true);
    // embed.js sized the frame to the height the figure reported (CSS pixels). A figure still
    // fetching its digits or model is short (its progress line) and grows when they arrive.
    await page.waitForFunction((k) => Number(document.querySelectorAll("iframe[data-ebm-figure]")[k]
                                               .getAttribute("data-ebm-sized")) > 200,
                               i, { timeout: 30000 }).catch(() => {});
    const { sized, height, inner } = await el.evaluate((f) => ({
      sized: Number(f.getAttribute("data-ebm-sized")), height: f.getBoundingClientRect().height,
      inner: f.contentWindow.innerHeight }));
    assert.ok(sized > 200 && sized < 3000, `figure ${i} reported ${sized} px`);
    assert.ok(Math.abs(inner - sized) <= 2, `figure ${i}: frame viewport ${inner} px, content ${sized} px (height ${height})`);
    const shot = await el.screenshot({ path: path.join(outDir, `jekyll_figure_${i}.png`) });
    assert.ok(shot.length > 5000, "figure screenshot suspiciously small");
  }
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(outDir, "jekyll_post.png") });
  assert.deepEqual(page.errors, []);
});

test("a playing figure scrolled out of view sleeps, and resumes where it was", async () => {
  const page = await openPost({ width: 1000, height: 800 });
  // The Gibbs figure: its fantasy chains sweep for as long as it plays.
  const el = page.locator('iframe[data-ebm-figure][src*="scene=gibbs"]');
  await el.scrollIntoViewIfNeeded();
  const frame = await (await el.elementHandle()).contentFrame();
  await waitFigure(frame, (q) => q.frames > 3 && q.state.have_model, 60000, "gibbs figure with its model");
  await frame.evaluate(() => window.Module.ccall("ebm_command", "number", ["string"], ["play"]));
  const a = await waitFigure(frame, (q) => q.state.fantasy_sweeps > 0 && q.visible, 20000, "playing");
  const b = await waitFigure(frame, (q) => q.frames >= a.frames + 10, 30000, "ten more frames");
  const perFrame = (b.state.fantasy_sweeps - a.state.fantasy_sweeps) / (b.frames - a.frames);
  assert.ok(perFrame > 0, "the chains did not advance while playing");
  // Scroll far away: the figure must stop stepping and drawing.
  await page.evaluate(() => window.scrollTo(0, 0));
  const away = await waitFigure(frame, (q) => q.visible === false, 10000, "figure out of view");
  await new Promise((r) => setTimeout(r, 3000));
  const still = await figureState(frame);
  assert.equal(still.frames, away.frames, "frames advanced while out of view");
  assert.equal(still.state.fantasy_sweeps, away.state.fantasy_sweeps, "the chains stepped while out of view");
  assert.equal(still.state.playing, true, "sleeping must not pause the figure");
  // Back in view: it goes on from the same state, at its usual pace (no catch-up burst).
  await el.scrollIntoViewIfNeeded();
  const back = await waitFigure(frame, (q) => q.visible && q.state.fantasy_sweeps > still.state.fantasy_sweeps &&
                                              q.frames >= still.frames + 3, 20000, "the chains to resume");
  const gained = back.state.fantasy_sweeps - still.state.fantasy_sweeps;
  console.log(`# offscreen gibbs figure: frames ${away.frames} -> ${still.frames} and sweeps ` +
              `${away.state.fantasy_sweeps} -> ${still.state.fantasy_sweeps} in 3 s out of view; back in view ` +
              `${back.frames - still.frames} frames, ${gained} sweeps (usual ${perFrame.toFixed(1)} per frame)`);
  assert.ok(gained / (back.frames - still.frames) <= 3 * perFrame + 2,
            `burst on waking: ${gained} sweeps in ${back.frames - still.frames} frames (usual ${perFrame.toFixed(1)} per frame)`);
  assert.deepEqual(page.errors, []);
});

test("autoplay=1 starts a figure when it is first seen", async () => {
  const context = await browser.newContext({ viewport: { width: 900, height: 700 } });
  const page = await context.newPage();
  await page.goto(url + "assets/ebm/index.html?scene=hopfield&embed=1&autoplay=1&speed=5");
  await waitFigure(page.mainFrame(), (q) => q.frames > 3, 30000, "figure");
  const q = await waitFigure(page.mainFrame(), (q) => q.state.playing, 5000, "autoplay");
  assert.equal(q.visible, true);
  // Without autoplay the same figure waits for the reader.
  await page.goto(url + "assets/ebm/index.html?scene=hopfield&embed=1&speed=5");
  await waitFigure(page.mainFrame(), (q) => q.frames > 10, 30000, "figure");
  assert.equal((await figureState(page.mainFrame())).state.playing, false);
  await context.close();
});
