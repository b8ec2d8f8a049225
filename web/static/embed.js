// embed.js: sizes EBM Playground figures embedded in a page (iframes marked data-ebm-figure) to
// their content. Each figure posts {type: "ebm-figure-size", height} (CSS pixels) when its
// content height changes; this script sets that iframe's height. A file, not an inline script,
// so pages under a strict Content-Security-Policy can use it; loading it twice is harmless.
// Without it, an iframe keeps the height its include gave it.
(function () {
  "use strict";
  if (window.ebmEmbedInstalled) return;
  window.ebmEmbedInstalled = true;
  var MIN_PX = 160, MAX_PX = 6000;

  function figures() { return document.querySelectorAll("iframe[data-ebm-figure]"); }

  window.addEventListener("message", function (e) {
    var d = e.data;
    if (!d || d.type !== "ebm-figure-size") return;
    var h = Math.ceil(Number(d.height));
    if (!isFinite(h)) return;
    h = Math.max(MIN_PX, Math.min(MAX_PX, h));
    var list = figures();
    for (var i = 0; i < list.length; i++) {
      // Only the figure that sent the message is resized (border included: box-sizing may vary).
      if (list[i].contentWindow === e.source) {
        var cs = getComputedStyle(list[i]);
        var border = parseFloat(cs.borderTopWidth) + parseFloat(cs.borderBottomWidth);
        list[i].style.height = (h + (cs.boxSizing === "border-box" ? border : 0)) + "px";
        list[i].setAttribute("data-ebm-sized", String(h));
      }
    }
  });

  // Figures that reported before this script ran answer a request with their height.
  function ask() {
    var list = figures();
    for (var i = 0; i < list.length; i++) {
      try { list[i].contentWindow.postMessage({ type: "ebm-figure-size-request" }, "*"); } catch (err) {}
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ask);
  else ask();
  window.addEventListener("load", ask);
})();
