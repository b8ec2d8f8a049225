// boot.js: the page's loader, kept out of index.html so the page runs under a strict
// Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval': no inline scripts or handlers).
// It shows progress until the first frame, says in words what went wrong if WebAssembly, WebGL2
// or loading fails, and loads ebm.js (which fetches ebm.wasm).
(function () {
  "use strict";
  // Right-click belongs to the figures (was an inline oncontextmenu handler).
  document.getElementById("canvas").addEventListener("contextmenu", function (e) { e.preventDefault(); });
  const overlay = document.getElementById("overlay");
  const card = document.getElementById("card");
  const progress = document.getElementById("progress");
  const status = document.getElementById("status");
  let failed = false;

  function fatal(title, detail) {
    failed = true;
    card.className = "card error";
    card.innerHTML = "";
    const h = document.createElement("h1"); h.textContent = title; card.appendChild(h);
    const p = document.createElement("div"); p.textContent = detail; card.appendChild(p);
    overlay.classList.remove("hidden");
  }
  window.ebmPageFatal = function (msg) { fatal("The playground could not start", msg); };
  window.ebmPageReady = function () { if (!failed) overlay.classList.add("hidden"); };
  // The app sets ebmUnsaved while a trained model is not saved: ask before leaving.
  window.addEventListener("beforeunload", function (e) {
    if (window.ebmUnsaved) { e.preventDefault(); e.returnValue = ""; }
  });

  if (typeof WebAssembly !== "object") {
    fatal("WebAssembly is not available", "This browser cannot run WebAssembly. Please use a current Chrome, Firefox, Safari or Edge.");
    return;
  }
  const probe = document.createElement("canvas");
  if (!probe.getContext("webgl2")) {
    fatal("WebGL2 is not available", "The live figures draw with WebGL2, which this browser or its settings disable. Enable hardware acceleration or try another browser.");
    return;
  }
  const canvas = document.getElementById("canvas");
  // A lost WebGL context is handled by the app (web/gl_context.cpp): it pauses, says so over
  // the canvas, and rebuilds its GL objects when the browser restores the context.

  window.Module = {
    canvas: canvas,
    print: function (t) { console.log(t); },
    printErr: function (t) { console.warn(t); },
    setStatus: function (t) {
      if (!t) return;
      const m = t.match(/\((\d+(\.\d+)?)\/(\d+)\)/);
      if (m) progress.style.width = (100 * parseFloat(m[1]) / parseFloat(m[3])).toFixed(0) + "%";
      status.textContent = t.replace(/\(.*\)/, "").trim().toLowerCase() || "starting";
    },
    monitorRunDependencies: function (left) { if (left === 0) { progress.style.width = "100%"; status.textContent = "starting"; } },
    onAbort: function (what) {
      const text = String(what);
      if (/Content Security Policy|Content-Security-Policy/i.test(text))
        fatal("WebAssembly is blocked by this site's Content-Security-Policy",
              "The page's policy does not allow WebAssembly to compile. The site's owner can allow it by adding " +
              "'wasm-unsafe-eval' to script-src (nothing else is needed: the page uses no inline scripts or eval). " +
              "Browser's words: " + text);
      else fatal("The simulation stopped", "The engine aborted: " + text + ". Reload the page; if it happens again, please report it.");
    }
  };
  const script = document.createElement("script");
  script.src = "ebm.js";
  script.async = true;
  script.onerror = function () { fatal("Loading failed", "Could not load ebm.js. Check your connection and reload; the page must be served over http(s), not opened as a file."); };
  document.body.appendChild(script);
  setTimeout(function () {
    if (!failed && !overlay.classList.contains("hidden"))
      status.textContent = "still loading... (slow connection or a blocked .wasm file)";
  }, 15000);
})();
