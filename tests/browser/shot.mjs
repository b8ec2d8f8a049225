// shot.mjs: a screenshot of the built page for people reviewing a change (not a test):
//   node tests/browser/shot.mjs "?scene=rbm" out.png [wait ms] [command]
// prints the app state (ebm_query) and any console errors.
import { start, open, waitFor } from "./harness.mjs";
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
