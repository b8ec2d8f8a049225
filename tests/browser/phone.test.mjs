// phone.test.mjs: every scene on a phone (390 x 844 CSS pixels, DPR 3, touch), as the full
// page and as an embedded figure: the registered controls lie inside the screen's width and do
// not overlap one another, and the canvas draws. Screenshots: out/phone_<scene>[_embed].png.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { start, waitFor, outDir } from "./harness.mjs";

const W = 390, H = 844;
const scenes = ["hopfield", "optimized", "capacity", "boltzmann", "toy", "rbm", "gibbs", "dbn"];
let env;
before(async () => { env = await start(); });
after(async () => { await env?.close(); });

async function openPhone(query) {
  const context = await env.browser.newContext({ viewport: { width: W, height: H }, deviceScaleFactor: 3,
                                                 isMobile: true, hasTouch: true });
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") page.errors.push(m.text()); });
  await page.goto(env.url + query);
  return page;
}

function overlaps(a, b) {
  const [ax, ay, aw, ah] = a, [bx, by, bw, bh] = b;
  return ax < bx + bw - 0.5 && bx < ax + aw - 0.5 && ay < by + bh - 0.5 && by < ay + ah - 0.5;
}

for (const embed of [false, true]) {
  for (const scene of scenes) {
    test(`phone: ${scene}${embed ? " (embedded)" : ""} fits the screen without overlapping controls`, async () => {
      const page = await openPhone(`index.html?scene=${scene}${embed ? "&embed=1" : ""}`);
      // Scenes that load MNIST redraw when it arrives; wait for a settled layout.
      const s = await waitFor(page, (q) => q.frames > 20 && Object.keys(q.widgets).length > 2, 40000, "scene drawn");
      await page.screenshot({ path: path.join(outDir, `phone_${scene}${embed ? "_embed" : ""}.png`) });
      const names = Object.keys(s.widgets);
      for (const n of names) {
        const [x, y, w, h] = s.widgets[n];
        assert.ok(x >= -0.5 && x + w <= W + 0.5, `${n} [${x}, ${x + w}] sticks out of the ${W} px screen`);
        assert.ok(y >= -0.5, `${n} starts above the screen`);
        assert.ok(w > 0 && h > 0, `${n} has no area`);
      }
      for (let i = 0; i < names.length; i++)
        for (let j = i + 1; j < names.length; j++)
          assert.ok(!overlaps(s.widgets[names[i]], s.widgets[names[j]]),
                    `${names[i]} ${JSON.stringify(s.widgets[names[i]])} overlaps ${names[j]} ${JSON.stringify(s.widgets[names[j]])}`);
      assert.deepEqual(page.errors, []);
      await page.context().close();
    });
  }
}
