// serve.test.mjs: the demo command's server on a busy machine. With its port taken it says so
// in one line and serves on the next free port (no EADDRINUSE stack trace); it answers a
// revalidation with 304 and never leaves the site's folder.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "../scripts/serve.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const site = path.join(root, "build", "web", "site");

// Runs `node scripts/serve.mjs site port` until it prints its URL; resolves to {child, out}.
function runServer(port) {
  const child = spawn(process.execPath, [path.join(root, "scripts", "serve.mjs"), site, String(port)]);
  let out = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill(); reject(new Error("no URL within 10 s: " + out)); }, 10000);
    const take = (d) => {
      out += d;
      if (/served at http/.test(out)) { clearTimeout(timer); resolve({ child, out }); }
    };
    child.stdout.on("data", take);
    child.stderr.on("data", take);
    child.on("exit", (code) => { clearTimeout(timer); reject(new Error(`exited ${code}: ${out}`)); });
  });
}

test("a taken port: one line saying so, then the URL of the next free port", async () => {
  const first = await serve(site, 0);
  const port = first.server.address().port;
  try {
    const { child, out } = await runServer(port);
    child.kill();
    assert.match(out, new RegExp(`port ${port} is in use; serving on ${port + 1} instead`));
    assert.match(out, new RegExp(`http://127\\.0\\.0\\.1:${port + 1}/`));
    assert.doesNotMatch(out, /EADDRINUSE|at Server|node:internal/);
  } finally {
    first.server.close();
  }
});

test("revalidation answers 304; paths outside the site are refused", async () => {
  const s = await serve(site, 0);
  try {
    const r1 = await fetch(s.url + "index.html");
    assert.equal(r1.status, 200);
    const r2 = await fetch(s.url + "index.html", { headers: { "if-none-match": r1.headers.get("etag") } });
    assert.equal(r2.status, 304);
    const r3 = await fetch(s.url + "%2e%2e/%2e%2e/README.md");
    assert.ok(r3.status === 403 || r3.status === 404, `got ${r3.status}`);
  } finally {
    s.server.close();
  }
});
