// asset_loader.js: how the page's files travel (linked into ebm.js with --pre-js; no eval, no
// inline script). The build (scripts/pack_assets.mjs) writes assets/manifest.json mapping each
// shipped file ("ebm.wasm", "assets/mnist.bin", ...) to a gzip copy whose name carries a hash
// of its content ("assets/mnist.3f2a9c1d.bin.gz"), with its raw and gzip sizes. Here:
//  - the copies are decoded with the browser's DecompressionStream, so a host that does not
//    compress still sends gzip bytes;
//  - a hashed name never changes content, so it is kept for good in Cache Storage; a Web Lock
//    per file (shared by the figures of one page, which are same-origin iframes) makes the
//    first figure download it while the others wait, then read it from the cache;
//  - without DecompressionStream, or a manifest entry, the raw file is fetched as before;
//    without Cache Storage or Web Locks (plain http, private modes), a plain fetch.
// ebm.wasm comes the same way through Module.instantiateWasm (streaming compilation from the
// decoded stream); web/assets.cpp fetches data files through ebmLoadAsset.

var ebmAssetCacheName = "ebm-assets-v1";
var ebmManifestPromise = null;

/** The build's manifest ({} when missing or unreadable: every file is then fetched raw). */
function ebmManifest() {
  if (!ebmManifestPromise) {
    ebmManifestPromise = fetch(ebmSiteUrl("assets/manifest.json"), { cache: "no-cache" })
      .then(function (r) { return r.ok ? r.json() : {}; })
      .then(function (m) { ebmForgetStale(m); return m; })
      .catch(function () { return {}; });
  }
  return ebmManifestPromise;
}

/** A path of the built site (where ebm.js lives) as an absolute URL. */
function ebmSiteUrl(path) { return new URL(locateFile(path), location.href).href; }

function ebmCanCache() {
  return typeof caches === "object" && typeof navigator === "object" && !!navigator.locks &&
         typeof isSecureContext === "boolean" && isSecureContext;
}

function ebmCanGunzip() { return typeof DecompressionStream === "function"; }

/** Downloads url whole, reporting progress(loaded bytes); resolves to a Uint8Array. */
async function ebmDownload(url, expected, progress) {
  const res = await fetch(url);
  if (!res.ok) throw new Error("could not load " + url + " (HTTP " + res.status + ")");
  const total = Number(res.headers.get("content-length")) || expected || 0;
  const reader = res.body.getReader();
  let buf = new Uint8Array(total || 65536), loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (loaded + value.length > buf.length) {  // size unknown or wrong: grow
      const bigger = new Uint8Array(Math.max(buf.length * 2, loaded + value.length));
      bigger.set(buf.subarray(0, loaded));
      buf = bigger;
    }
    buf.set(value, loaded);
    loaded += value.length;
    if (progress) progress(loaded, total);
  }
  return loaded === buf.length ? buf : buf.slice(0, loaded);
}

/** The bytes of an immutable (content-hashed) url, downloaded once per origin: under the Web
 *  Lock named after it, read Cache Storage, else download and store. Any failure of the cache
 *  itself falls back to a plain download; a failed download is an error. */
async function ebmOnce(url, expected, progress) {
  if (!ebmCanCache()) return ebmDownload(ebmSiteUrl(url), expected, progress);
  const abs = ebmSiteUrl(url);
  let cache = null;
  try { cache = await caches.open(ebmAssetCacheName); } catch (e) { cache = null; }
  if (!cache) return ebmDownload(abs, expected, progress);
  let ran = false;
  try {
    return await navigator.locks.request("ebm-asset " + abs, async function () {
      ran = true;
      return ebmCachedOrDownload(cache, abs, expected, progress);
    });
  } catch (e) {
    if (ran) throw e;  // the download failed
    return ebmDownload(abs, expected, progress);  // the lock itself was refused
  }
}

/** Inside the lock: the cached copy, else a download that is then cached. */
async function ebmCachedOrDownload(cache, abs, expected, progress) {
  try {
    const hit = await cache.match(abs);
    if (hit) {
      const bytes = new Uint8Array(await hit.arrayBuffer());
      if (progress) progress(bytes.length, bytes.length);
      return bytes;
    }
  } catch (e) { /* an unreadable entry: download it again */ }
  const bytes = await ebmDownload(abs, expected, progress);
  try {
    await cache.put(abs, new Response(bytes, { headers: { "content-type": "application/gzip" } }));
  } catch (e) { /* quota or private mode: the figure still has its bytes */ }
  return bytes;
}

/** A stream of the decoded bytes of gzip data. A host that labels .gz files with
 *  Content-Encoding: gzip has the browser decode them already: such bytes pass as they are. */
function ebmGunzip(bytes) {
  const stream = new Blob([bytes]).stream();
  const gzip = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  return gzip ? stream.pipeThrough(new DecompressionStream("gzip")) : stream;
}

/** Deletes cached copies of this site's files that the current manifest no longer names
 *  (older builds), once per page, by whichever figure gets the lock. */
function ebmForgetStale(manifest) {
  if (!ebmCanCache()) return;
  const base = ebmSiteUrl("");
  const keep = new Set();
  for (const k in manifest) keep.add(ebmSiteUrl(manifest[k].url));
  if (keep.size === 0) return;
  navigator.locks.request("ebm-asset-cleanup " + base, { ifAvailable: true }, async function (lock) {
    if (!lock) return;
    try {
      const cache = await caches.open(ebmAssetCacheName);
      for (const req of await cache.keys())
        if (req.url.startsWith(base) && !keep.has(req.url)) await cache.delete(req);
    } catch (e) { /* nothing to clean, or no access */ }
  }).catch(function () {});
}

/** Resolves once the page is within a screen of being seen. A figure embedded in a post
 *  (an iframe) fetches its data only then: the reader who never scrolls down downloads none of
 *  it, and the first figure is not slowed by the data of figures further down. The page on its
 *  own (not framed), or a browser without IntersectionObserver, resolves at once. */
var ebmNearPromise = null;
function ebmNearViewport() {
  if (!ebmNearPromise) {
    ebmNearPromise = new Promise(function (resolve) {
      let framed = false;
      try { framed = window.top !== window; } catch (e) { framed = true; }
      if (!framed || typeof IntersectionObserver !== "function") { resolve(); return; }
      const io = new IntersectionObserver(function (entries) {
        for (const e of entries)
          if (e.isIntersecting) { io.disconnect(); resolve(); return; }
      }, { rootMargin: "100% 0px 100% 0px" });
      io.observe(document.documentElement);
    });
  }
  return ebmNearPromise;
}

/** Loads the shipped file `path` ("assets/mnist.bin") into the WebAssembly heap. hooks:
 *  progress(loaded, total) during the download, alloc(size) -> heap pointer for size bytes
 *  (0 when it does not fit). Resolves to the size written at that pointer. */
async function ebmLoadAsset(path, hooks) {
  await ebmNearViewport();
  const m = await ebmManifest();
  const e = m[path];
  if (e && ebmCanGunzip()) {
    const gz = await ebmOnce(e.url, e.gz, hooks.progress);
    const ptr = hooks.alloc(e.size);
    if (!ptr) throw new Error(path + " (" + Math.round(e.size / 1048576) + " MB) does not fit in memory");
    const reader = ebmGunzip(gz).getReader();
    let off = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (off + value.length > e.size) throw new Error(path + " is larger than the manifest says; reload the page");
      HEAPU8.set(value, ptr + off);  // HEAPU8 is re-read each time: the heap may have grown
      off += value.length;
    }
    if (off !== e.size) throw new Error(path + " is shorter than the manifest says; reload the page");
    return off;
  }
  const bytes = await ebmDownload(ebmSiteUrl(path), 0, hooks.progress);
  const ptr = hooks.alloc(bytes.length);
  if (!ptr) throw new Error(path + " (" + Math.round(bytes.length / 1048576) + " MB) does not fit in memory");
  HEAPU8.set(bytes, ptr);
  return bytes.length;
}

// ebm.wasm: the gzip copy, decoded while it compiles; the raw file when that is not possible.
if (!Module["instantiateWasm"]) {
  Module["instantiateWasm"] = function (imports, receive) {
    const compile = function (response) {
      return WebAssembly.instantiateStreaming ? WebAssembly.instantiateStreaming(response, imports)
        : Promise.resolve(response).then(function (r) { return r.arrayBuffer(); })
            .then(function (b) { return WebAssembly.instantiate(b, imports); });
    };
    const rawUrl = ebmSiteUrl("ebm.wasm");
    // A host that serves .wasm without its MIME type defeats streaming: compile from the bytes.
    const raw = function () {
      return compile(fetch(rawUrl)).catch(function () {
        return fetch(rawUrl).then(function (r) {
          if (!r.ok) throw new Error("could not load " + rawUrl + " (HTTP " + r.status + ")");
          return r.arrayBuffer();
        }).then(function (b) { return WebAssembly.instantiate(b, imports); });
      });
    };
    ebmManifest().then(function (m) {
      const e = m["ebm.wasm"];
      if (!e || !ebmCanGunzip()) return raw();
      return ebmOnce(e.url, e.gz, null).then(function (gz) {
        return compile(new Response(ebmGunzip(gz), { headers: { "content-type": "application/wasm" } }));
      }).catch(raw);  // a stale or damaged copy: the raw file beside ebm.js
    }).then(function (out) { receive(out.instance, out.module); }, function (err) {
      abort("could not load the WebAssembly engine: " + (err && err.message ? err.message : err));
    });
    return {};  // the exports arrive through receive
  };
}
