// links.test.mjs: for every scene, settings changed through the real controls survive "Copy link":
// the copied text is a full URL, and opening it in a fresh page gives the same settings, field by
// field, read through ebm_query(). An embedded figure's "Open full page" keeps the state too.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { start, open, waitFor, clickWidget } from "./harness.mjs";

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

// Per scene: the query it starts from, when its controls are up, and the controls to click (a click
// on a slider jumps it to the middle of its range; on a checkbox it toggles).
const kCases = [
  { scene: "hopfield", clicks: ["blank", "noise", "patterns", "speed"] },
  { scene: "hopfield", label: "hopfield (dense rule)", start: "&rule=dense", clicks: ["degree", "noise"] },
  { scene: "hopfield", label: "hopfield (modern rule)", start: "&rule=modern", clicks: ["beta", "noise"] },
  { scene: "optimized", clicks: ["lr", "steps", "epochs", "speed"] },
  { scene: "capacity", clicks: ["n", "trials", "noise", "max_alpha"] },
  { scene: "capacity", label: "capacity (dense rules)", start: "&rules=hebbian,dense,exp", clicks: ["degree", "beta", "log", "max_alpha"] },
  { scene: "boltzmann", start: "&data=parity", clicks: ["restricted", "hidden", "lr", "anneal", "speed"] },
  { scene: "toy", clicks: ["pcd", "k", "lr", "speed"] },
  { scene: "rbm", clicks: ["hidden", "k", "lr", "momentum", "batch"] },
  { scene: "gibbs", ready: (s) => s.state.started, clicks: ["noise_start", "digit", "speed"] },
  { scene: "dbn", ready: (s) => s.state.has_model, clicks: ["layer1", "epochs", "lr", "chains", "speed"] },
];

for (const c of kCases) {
  test(`${c.label ?? c.scene}: settings changed through the controls survive Copy link into a fresh page`, async () => {
    const page = await open(env.browser, env.url, `?scene=${c.scene}${c.start ?? ""}`);
    const ready = (s) => s.frames > 3 && c.clicks.every((k) => s.widgets[k]) && (!c.ready || c.ready(s));
    const s0 = await waitFor(page, ready, 60000, `${c.scene} controls`);
    for (const key of c.clicks) {
      await clickWidget(page, key);
      await page.waitForTimeout(150);  // a frame or two between clicks, as a hand gives
    }
    const changed = (s) => c.clicks.every((k) => JSON.stringify(s.state.settings[k]) !== JSON.stringify(s0.state.settings[k]));
    await waitFor(page, changed, 10000, `every clicked setting of ${c.scene} to change`).catch(async (e) => {
      const s1 = await waitFor(page, () => true);
      const same = c.clicks.filter((k) => JSON.stringify(s1.state.settings[k]) === JSON.stringify(s0.state.settings[k]));
      throw new Error(`${c.scene}: unchanged after a click: ${same.join(", ")}`);
    });
    await clickWidget(page, "copy_link");
    const link = await page.waitForFunction(() => window.ebmLastCopiedLink).then((h) => h.jsonValue());
    const s = await waitFor(page, () => true);  // the state the link was taken from
    assert.ok(link.startsWith(env.url + "/?") || link.startsWith(env.url + "?"), `a full URL: ${link}`);
    assert.ok(link.includes(`scene=${c.scene}`), link);
    assert.ok(!link.includes("embed="), link);

    const fresh = await open(env.browser, link, "");
    const f = await waitFor(fresh, (st) => st.frames > 3 && st.scene === c.scene && (!c.ready || c.ready(st)),
                            60000, `the linked ${c.scene} page`);
    assert.deepEqual(f.notices, []);
    for (const key of Object.keys(s.state.settings)) {
      assert.deepEqual(f.state.settings[key], s.state.settings[key], `${c.scene}: setting ${key}`);
    }
    assert.deepEqual(Object.keys(f.state.settings).sort(), Object.keys(s.state.settings).sort());
    assert.equal("?" + f.link, new URL(link).search);
    assert.deepEqual(page.errors, []);
    assert.deepEqual(fresh.errors, []);
    await page.context().close();
    await fresh.context().close();
  });
}

test("an embedded figure opens the full page at the same state", async () => {
  const page = await open(env.browser, env.url, "?scene=hopfield&embed=1&noise=30&rule=storkey", { width: 640, height: 420 });
  await waitFor(page, (s) => s.frames > 3 && s.widgets.open_full, 30000, "the embed's Open full page");
  await page.evaluate(() => { window.open = () => null; });  // keep the new tab out of the headless run
  await clickWidget(page, "open_full");
  const link = await page.waitForFunction(() => window.ebmLastOpenedLink).then((h) => h.jsonValue());
  const q = new URL(link).searchParams;
  assert.equal(q.get("embed"), null);
  assert.equal(q.get("noise"), "30");
  assert.equal(q.get("rule"), "storkey");
  assert.deepEqual(page.errors, []);
});
