// pack_assets.mjs: writes the gzip copies of the site's big files under names that carry a hash
// of their content, and assets/manifest.json, which the page reads (web/asset_loader.js) to
// fetch them: compressed whatever the host does, and cacheable for good since a name never
// changes content. Run by the build (the ebm_site target and scripts/build.sh) after any of
// the files changes; cheap when nothing did. Build-time tool only.
//
// Usage: node scripts/pack_assets.mjs <site dir>
//
// manifest.json: { "<path in the site>": { "url": "<gzip copy, relative to the site>",
//                  "size": raw bytes, "gz": gzip bytes, "sha256": hex of the raw file }, ... }
// for each of the files below that exists. Older copies of the same file are deleted.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

export const packed = ["ebm.wasm", "assets/mnist.bin", "assets/rbm_mnist.bin", "assets/dbn_mnist.bin"];

/** Packs the files of `site`; returns the manifest it wrote. */
export function pack(site) {
  const manifest = {};
  for (const rel of packed) {
    const file = path.join(site, rel);
    if (!fs.existsSync(file)) continue;
    const raw = fs.readFileSync(file);
    const sha = createHash("sha256").update(raw).digest("hex");
    const ext = path.extname(rel);                      // ".bin"
    const stem = path.basename(rel, ext);               // "mnist"
    const dir = path.dirname(rel);                      // "assets" or "."
    const name = `${stem}.${sha.slice(0, 8)}${ext}.gz`; // "mnist.3f2a9c1d.bin.gz"
    const out = path.join(site, dir, name);
    if (!fs.existsSync(out)) {
      const tmp = out + ".tmp";
      fs.writeFileSync(tmp, zlib.gzipSync(raw, { level: 9 }));
      fs.renameSync(tmp, out);
    }
    // Copies of older contents of this file (same stem and extension, another hash) go.
    const stale = new RegExp(`^${stem.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\.[0-9a-f]{8}\\${ext}\\.gz$`);
    for (const f of fs.readdirSync(path.join(site, dir)))
      if (stale.test(f) && f !== name) fs.rmSync(path.join(site, dir, f));
    const url = dir === "." ? name : `${dir}/${name}`;
    manifest[rel] = { url, size: raw.length, gz: fs.statSync(out).size, sha256: sha };
  }
  fs.mkdirSync(path.join(site, "assets"), { recursive: true });
  const text = JSON.stringify(manifest, null, 1) + "\n";
  const target = path.join(site, "assets", "manifest.json");
  if (!fs.existsSync(target) || fs.readFileSync(target, "utf8") !== text) fs.writeFileSync(target, text);
  return manifest;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const site = process.argv[2];
  if (!site || !fs.existsSync(site)) {
    console.error("usage: node scripts/pack_assets.mjs <site dir>");
    process.exit(2);
  }
  const m = pack(site);
  for (const [k, e] of Object.entries(m))
    console.log(`pack_assets: ${k} ${(e.size / 1e6).toFixed(2)} MB -> ${e.url} ${(e.gz / 1e6).toFixed(2)} MB`);
}
