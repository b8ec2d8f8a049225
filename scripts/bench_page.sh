#!/usr/bin/env bash
# bench_page.sh: the page's frame pipeline in headless Chromium (software WebGL2, 1280x800),
# scene by scene: frame interval, C++ work per frame (step and the rest), throughput, the share
# of main-thread time in WebGL getParameter (DevTools CPU profile) and Chromium's CPU per
# frame; for the RBM scene also the engine under node with the same setting. A benchmark, not
# a test (scripts/test.sh does not run it); BENCHMARKS.md records the figures.
#
# Usage: scripts/bench_page.sh [--repeat N] [--seconds S] [--scenes hopfield,rbm] [--profile]
#                              [--site DIR]...
#   --profile   bench a build that keeps wasm function names (build/web-prof), so the profile's
#               top entries are C++ functions instead of wasm-function[N]
#   --site DIR  bench this built site instead (repeatable: sites alternate within each repeat,
#               so a before/after pair sees the same machine load)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/env.sh"
repeat=1; seconds=6; scenes=""; profile=0; sites=()
while [ $# -gt 0 ]; do
  case $1 in
    --repeat) repeat=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --scenes) scenes=$2; shift 2 ;;
    --profile) profile=1; shift ;;
    --site) sites+=("$(cd "$2" && pwd)"); shift 2 ;;
    *) echo "usage: scripts/bench_page.sh [--repeat N] [--seconds S] [--scenes a,b] [--profile] [--site DIR]..." >&2; exit 2 ;;
  esac
done

"$root/scripts/build.sh"  # the page, the wasm engine benchmark and the MNIST asset (build/web)
if [ $profile = 1 ]; then
  prof="$root/build/web-prof"
  [ -f "$prof/build.ninja" ] || emcmake cmake -S "$root" -B "$prof" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DEBM_IMGUI_SRC="$IMGUI_SRC" -DEBM_SDL2_PREFIX="$SDL_WASM_PREFIX" -DEBM_PROFILING_FUNCS=ON >/dev/null
  cmake --build "$prof" -j"$(nproc)" --target ebm_site >/dev/null
  cp "$root/build/web/site/assets/rbm_mnist.bin" "$prof/site/assets/"  # the pretrained model
  node "$root/scripts/pack_assets.mjs" "$prof/site"  # its gzip copy and the manifest
  sites+=("$prof/site")
fi
[ ${#sites[@]} -gt 0 ] || sites=("$root/build/web/site")

args=(--seconds "$seconds" --node-bench "$root/build/web/ebm_bench.js" --asset "$root/build/web/assets/mnist.bin")
[ -n "$scenes" ] && args+=(--scenes "$scenes")
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs; load average $(cut -d' ' -f1-3 /proc/loadavg);" \
     "$(/usr/bin/chromium --version 2>/dev/null | head -1); node $(node --version)"
for i in $(seq "$repeat"); do
  for site in "${sites[@]}"; do
    echo "== repeat $i"
    node "$root/scripts/bench_page.mjs" --site "$site" "${args[@]}"
  done
done
