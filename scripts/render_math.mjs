// render_math.mjs: typesets a page's TeX ($...$, $$...$$, \(...\)) at build time with MathJax 3
// (npm, the same package the page used to load at run time) into inline SVG, and drops the
// page's MathJax scripts: the reader downloads no 1.2 MB script and no fonts, the formulas are
// there at first paint, and the page needs no inline script (strict CSP). Build-time tool only.
//
// Usage: node scripts/render_math.mjs <in.html> <out.html>
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error("usage: node scripts/render_math.mjs <in.html> <out.html>");
  process.exit(2);
}
const require = createRequire(fileURLToPath(import.meta.url));
let html = fs.readFileSync(input, "utf8");
// The run-time MathJax (its configuration and its script) is not needed any more.
html = html.replace(/<script>\s*window\.MathJax\s*=[\s\S]*?<\/script>\s*/g, "")
           .replace(/<script[^>]*src="[^"]*mathjax\/[^"]*"[^>]*><\/script>\s*/g, "");

const MathJax = await require("mathjax").init({
  loader: { load: ["input/tex", "output/svg"] },
  tex: { inlineMath: [["$", "$"], ["\\(", "\\)"]], displayMath: [["$$", "$$"]], tags: "ams" },
  svg: { fontCache: "global" },  // each glyph's path once per page, shared by all formulas
  startup: { document: html },
});
await MathJax.startup.promise;
const adaptor = MathJax.startup.adaptor;
const doc = MathJax.startup.document;
const maths = [...doc.math];
const count = maths.length;
const errors = maths.filter((m) => /data-mjx-error|merror/.test(adaptor.outerHTML(m.typesetRoot))).length;
if (errors) {
  console.error(`render_math: ${errors} formula(s) in ${input} have TeX errors`);
  process.exit(1);
}
const out = (adaptor.doctype(doc.document) || "<!doctype html>") + "\n" + adaptor.outerHTML(adaptor.root(doc.document)) + "\n";
fs.mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
fs.writeFileSync(output, out);
console.log(`render_math: ${count} formulas typeset, ${input} -> ${output} (${(out.length / 1e3).toFixed(0)} kB)`);
