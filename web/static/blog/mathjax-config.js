// mathjax-config.js: MathJax 3 settings for the blog post ($...$ inline, $$...$$ display), in
// a file so pages under a strict Content-Security-Policy can load it. Fonts are found beside
// this file (mathjax/...), wherever the post lives.
(function () {
  "use strict";
  var me = document.currentScript && document.currentScript.src;
  var base = me ? me.replace(/[^/]*$/, "") : "";
  window.MathJax = {
    tex: { inlineMath: [["$", "$"], ["\\(", "\\)"]], displayMath: [["$$", "$$"], ["\\[", "\\]"]], tags: "ams" },
    chtml: { fontURL: base + "mathjax/output/chtml/fonts/woff-v2" },
    options: { enableMenu: false }
  };
})();
