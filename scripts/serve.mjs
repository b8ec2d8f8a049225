// serve.mjs: a small static file server for the built site (build/web/site), bound to
// 127.0.0.1. Used by the demo command and the browser tests; not a production server. Like
// the plainest static hosts (Python's http.server) it never compresses; like them it sends
// Last-Modified and an ETag and answers a revalidation with 304 Not Modified.
// usage: node scripts/serve.mjs [dir] [port] [--csp]
//   port 0 picks a free one; a taken port moves on to the next free one (said in one line);
//   --csp sends the strict Content-Security-Policy below with every response (EBM_CSP overrides
//   the policy text), as a security-minded host or blog theme would.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const types = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript",
  ".wasm": "application/wasm", ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png",
  ".bin": "application/octet-stream", ".css": "text/css", ".md": "text/markdown; charset=utf-8",
  ".gz": "application/gzip", ".woff": "font/woff", ".woff2": "font/woff2",
};

/** The policy the page and the blog post must work under (issue 10). */
export const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'";

/** Starts serving dir on 127.0.0.1:port; resolves to {server, url}. opts.csp: a policy to send. */
export function serve(dir, port = 0, opts = {}) {
  const root = path.resolve(dir);
  const extra = opts.csp ? { "content-security-policy": opts.csp } : {};
  const server = http.createServer((req, res) => {
    let rel;
    try { rel = decodeURIComponent(new URL(req.url, "http://x").pathname); } catch { res.writeHead(400).end("bad request"); return; }
    if (rel.endsWith("/")) rel += "index.html";
    const file = path.join(root, path.normalize(rel));
    if (!file.startsWith(root)) { res.writeHead(403).end("forbidden"); return; }
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) { res.writeHead(404, { "content-type": "text/plain", ...extra }).end("not found"); return; }
      const etag = `"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
      const modified = new Date(Math.floor(st.mtimeMs / 1000) * 1000);
      const headers = { "cache-control": "no-cache", etag, "last-modified": modified.toUTCString(), ...extra };
      const since = Date.parse(req.headers["if-modified-since"] || "");
      if (req.headers["if-none-match"] === etag ||
          (!req.headers["if-none-match"] && !Number.isNaN(since) && modified.getTime() <= since)) {
        res.writeHead(304, headers).end();
        return;
      }
      res.writeHead(200, { ...headers, "content-type": types[path.extname(file)] || "application/octet-stream",
                           "content-length": st.size });
      fs.createReadStream(file).pipe(res);
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve({ server, url: `http://127.0.0.1:${server.address().port}/` });
    });
  });
}

/** serve() on port or, when it is taken, the next free one of the following 50. */
export async function serveFirstFree(dir, port, opts = {}) {
  for (let p = port; p <= port + 50; ++p) {
    try {
      const r = await serve(dir, p, opts);
      if (p !== port) console.log(`port ${port} is in use; serving on ${p} instead`);
      return r;
    } catch (e) {
      if (e.code !== "EADDRINUSE" || port === 0) throw e;
    }
  }
  throw new Error(`ports ${port} to ${port + 50} are all in use; set EBM_PORT to a free port`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2).filter((a) => a !== "--csp");
  const csp = process.argv.includes("--csp") ? (process.env.EBM_CSP || STRICT_CSP) : "";
  const dir = args[0] || path.join(here, "..", "build", "web", "site");
  const port = Number(args[1] ?? 8080);
  try {
    const { url } = await serveFirstFree(dir, port, { csp });
    console.log(`EBM Playground is served at ${url}${csp ? "  (with a strict Content-Security-Policy)" : ""}  (Ctrl+C to stop)`);
  } catch (e) {
    console.error(`serve.mjs: ${e.message}`);
    process.exit(1);
  }
}
