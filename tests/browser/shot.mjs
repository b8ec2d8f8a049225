// ad-hoc screenshot helper: node /tmp/shot.mjs "<query>" out.png [waitms] [command]
import { start, open, waitFor } from "/work/lead/tests/browser/harness.mjs";
const [q, out, wait = "1500", cmd] = process.argv.slice(2);
const env = await start();
const page = await open(env.browser, env.url, q);
await waitFor(page, (s) => s.frames > 3, 30000, "frames");
if (cmd) await page.evaluate((c) => window.Module._ebm_command(window.Module.allocateUTF8(c)), cmd);
await page.waitForTimeout(Number(wait));
const s = await waitFor(page, (s) => true);
console.log(JSON.stringify(s).slice(0, 1500));
console.log("errors:", page.errors);
await page.screenshot({ path: out });
await env.close();
