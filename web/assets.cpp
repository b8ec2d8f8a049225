// assets.cpp: asynchronous fetches and file picks through the page (see assets.hpp). The
// JavaScript halves live here beside their C++ callbacks so the protocol reads in one place.
#include "assets.hpp"

#include <emscripten.h>

#include <cstdlib>
#include <map>

namespace web {
namespace {
std::map<std::string, Asset> g_assets;
}  // namespace
}  // namespace web

// clang-format off
// The transport (gzip copies, Cache Storage, Web Locks, raw fallback) is web/asset_loader.js;
// the decoded bytes are written straight into the asset's buffer, reserved here at full size.
EM_JS(void, js_fetch_asset, (const char* id_c, const char* url_c), {
  const url = UTF8ToString(url_c);
  const idPtr = allocateUTF8(UTF8ToString(id_c));
  ebmLoadAsset(url, {
    progress: (loaded, total) => _ebm_asset_progress(idPtr, loaded, total),
    alloc: (size) => _ebm_asset_reserve(idPtr, size)
  }).then((size) => { _ebm_asset_commit(idPtr, size); _free(idPtr); }, (e) => {
    const m = allocateUTF8(e && e.message ? e.message : "could not load " + url);
    _ebm_asset_failed(idPtr, m); _free(m); _free(idPtr);
  });
});
EM_JS(void, js_pick_file, (const char* id_c, const char* accept_c), {
  const id = UTF8ToString(id_c);
  const input = document.createElement("input");
  input.type = "file"; input.accept = UTF8ToString(accept_c);
  input.onchange = () => {
    const f = input.files && input.files[0];
    if (!f) return;
    const fail = (msg) => {
      const idPtr = allocateUTF8(id), m = allocateUTF8(msg);
      _ebm_asset_failed(idPtr, m); _free(m); _free(idPtr);
    };
    // Model files are a few MB; anything far larger is not one (and would exhaust memory).
    if (f.size > 256 * 1024 * 1024) { fail(f.name + " is " + Math.round(f.size / 1048576) + " MB, too large for a model file"); return; }
    f.arrayBuffer().then((buf) => {
      const bytes = new Uint8Array(buf);
      const idPtr = allocateUTF8(id), namePtr = allocateUTF8(f.name);
      const ptr = _malloc(Math.max(1, bytes.length));
      if (!ptr) { _free(idPtr); _free(namePtr); fail(f.name + " does not fit in memory"); return; }
      HEAPU8.set(bytes, ptr);
      _ebm_asset_loaded(idPtr, ptr, bytes.length, namePtr);
      _free(ptr); _free(idPtr); _free(namePtr);
    }).catch((e) => fail("could not read " + f.name + ": " + (e && e.message ? e.message : e)));
  };
  input.click();
});
EM_JS(void, js_download_text, (const char* name_c, const char* text_c), {
  const blob = new Blob([UTF8ToString(text_c)], { type: "application/json" });
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob); a.download = UTF8ToString(name_c);
  document.body.appendChild(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
});
// clang-format on

extern "C" {
EMSCRIPTEN_KEEPALIVE void ebm_asset_progress(const char* id, double loaded, double total) {
  web::Asset& a = web::g_assets[id];
  a.loaded = loaded;
  a.total = total;
}
EMSCRIPTEN_KEEPALIVE void ebm_asset_loaded(const char* id, const uint8_t* data, int size, const char* name) {
  web::Asset& a = web::g_assets[id];
  a.bytes.assign(data, data + size);
  a.loaded = a.total = size;
  a.name = name ? name : "";
  a.error.clear();
  a.status = web::AssetStatus::Ready;
  ++a.generation;
}
// Sizes the asset's buffer for a download of size bytes; returns where to write them (null when
// the size is implausible).
EMSCRIPTEN_KEEPALIVE uint8_t* ebm_asset_reserve(const char* id, double size) {
  if (!(size >= 0 && size <= web::kAssetMaxBytes)) return nullptr;
  web::Asset& a = web::g_assets[id];
  a.bytes.clear();
  a.bytes.shrink_to_fit();
  a.bytes.resize(static_cast<size_t>(size) > 0 ? static_cast<size_t>(size) : 1);
  return a.bytes.data();
}
// The reserved buffer holds the file's size bytes.
EMSCRIPTEN_KEEPALIVE void ebm_asset_commit(const char* id, double size) {
  web::Asset& a = web::g_assets[id];
  a.bytes.resize(static_cast<size_t>(size));
  a.loaded = a.total = size;
  a.name.clear();
  a.error.clear();
  a.status = web::AssetStatus::Ready;
  ++a.generation;
}
EMSCRIPTEN_KEEPALIVE void ebm_asset_failed(const char* id, const char* message) {
  web::Asset& a = web::g_assets[id];
  a.status = web::AssetStatus::Failed;
  a.error = message;
  ++a.generation;  // a failure is news too: whoever waits on this asset reports it
}
}

namespace web {

const Asset& asset_fetch(const std::string& id, const std::string& url) {
  Asset& a = g_assets[id];
  if (a.status == AssetStatus::Idle || a.status == AssetStatus::Failed) {
    a.status = AssetStatus::Loading;
    a.loaded = a.total = 0;
    js_fetch_asset(id.c_str(), url.c_str());
  }
  return a;
}

void asset_pick_file(const std::string& id, const std::string& accept) { js_pick_file(id.c_str(), accept.c_str()); }

const Asset& asset_get(const std::string& id) { return g_assets[id]; }

std::vector<uint8_t> asset_take(const std::string& id) {
  Asset& a = g_assets[id];
  std::vector<uint8_t> out = std::move(a.bytes);
  a.bytes = {};
  if (a.status == AssetStatus::Ready) a.status = AssetStatus::Idle;
  return out;
}

void asset_release(const std::string& id) {
  Asset& a = g_assets[id];
  a.bytes.clear();
  a.bytes.shrink_to_fit();
  if (a.status == AssetStatus::Ready) a.status = AssetStatus::Idle;  // a later fetch loads it again
}

void download_text(const std::string& filename, const std::string& text) {
  js_download_text(filename.c_str(), text.c_str());
}

}  // namespace web
