// mathjax-config.js: MathJax 3's settings for the post, a file of its own so the post runs
// under a strict Content-Security-Policy (no inline scripts).
window.MathJax = {
  tex: { inlineMath: [["$", "$"], ["\\(", "\\)"]], displayMath: [["$$", "$$"]], tags: "ams" },
  chtml: { fontURL: "mathjax/output/chtml/fonts/woff-v2" },
  options: { enableMenu: false }
};
