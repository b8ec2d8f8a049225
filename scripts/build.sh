#!/usr/bin/env bash
# Builds the page (WebAssembly) into build/web/site and, with --native, the native tree
# (engine, tests, CLI) into build/native. Assumes scripts/setup.sh has run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/env.sh"
jobs=$(nproc)
native=0; web=1
for a in "$@"; do
  case $a in
    --native) native=1 ;;
    --native-only) native=1; web=0 ;;
  esac
done
if [ $web = 1 ]; then
  if [ ! -f "$root/build/web/build.ninja" ]; then
    emcmake cmake -S "$root" -B "$root/build/web" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DEBM_IMGUI_SRC="$IMGUI_SRC" -DEBM_SDL2_PREFIX="$SDL_WASM_PREFIX" >/dev/null
  fi
  cmake --build "$root/build/web" -j"$jobs"
fi
if [ $native = 1 ]; then
  if [ ! -f "$root/build/native/build.ninja" ]; then
    cmake -S "$root" -B "$root/build/native" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  fi
  cmake --build "$root/build/native" -j"$jobs"
fi
