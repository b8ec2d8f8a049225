// serve.mjs: a small static file server for the built site (build/web/site), bound to
// 127.0.0.1. Used by the demo command and the browser tests; not a production server. Like
// the plainest static hosts (Python's http.server) it never compresses; like them it sends
// Last-Modified and an ETag and answers a revalidation with 304 Not Modified.
// usage: node scripts/serve.mjs [dir] [port]   (port 0 picks a free one; prints the URL)
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

/** Starts serving dir on 127.0.0.1:port; resolves to {server, url}. */
export function serve(dir, port = 0) {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    let rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (rel.endsWith("/")) rel += "index.html";
    const file = path.join(root, path.normalize(rel));
    if (!file.startsWith(root)) { res.writeHead(403).end("forbidden"); return; }
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) { res.writeHead(404, { "content-type": "text/plain" }).end("not found"); return; }
      const etag = `"${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}"`;
      const modified = new Date(Math.floor(st.mtimeMs / 1000) * 1000);
      const headers = { "cache-control": "no-cache", etag, "last-modified": modified.toUTCString() };
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
  return new Promise((resolve) => {
    server.listen(port, "127.0.0.1", () => {
      resolve({ server, url: `http://127.0.0.1:${server.address().port}/` });
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] || path.join(here, "..", "build", "web", "site");
  const port = Number(process.argv[3] ?? 8080);
  const { url } = await serve(dir, port);
  console.log(`EBM Playground is served at ${url}  (Ctrl+C to stop)`);
}
