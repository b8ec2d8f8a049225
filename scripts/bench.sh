#!/usr/bin/env bash
# bench.sh: RBM training throughput in one run: the engine natively (one thread), the same
# source as WebAssembly under node, and scikit-learn's BernoulliRBM on the same digits
# (BENCHMARKS.md records the figures). Builds its own trees, build/bench-native and
# build/bench-wasm (no page, no ImGui needed). Pins everything to one CPU (EBM_BENCH_CPU,
# default 1) so the single-thread figures are comparable; run it on an otherwise idle machine.
#
# Usage: scripts/bench.sh [--repeat N]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/env.sh"
repeat=1
while [ $# -gt 0 ]; do
  case $1 in
    --repeat) repeat=$2; shift 2 ;;
    *) echo "usage: scripts/bench.sh [--repeat N]" >&2; exit 2 ;;
  esac
done
cpu=${EBM_BENCH_CPU:-1}
jobs=$(nproc)
native="$root/build/bench-native"
wasm="$root/build/bench-wasm"

# scikit-learn and an optimized BLAS (Debian's numpy uses reference BLAS without
# libopenblas0-pthread: 6 GFLOP/s instead of OpenBLAS's speed, PERF_NOTES).
if ! /usr/bin/python3 -c "import sklearn" 2>/dev/null || ! dpkg -s libopenblas0-pthread >/dev/null 2>&1; then
  echo "bench: installing python3-sklearn libopenblas0-pthread" >&2
  apt-get install -y python3-sklearn libopenblas0-pthread >/dev/null
fi

[ -f "$native/build.ninja" ] || cmake -S "$root" -B "$native" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$native" -j"$jobs" --target ebm_bench ebm_mnist_asset >/dev/null
[ -f "$wasm/build.ninja" ] || emcmake cmake -S "$root" -B "$wasm" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$wasm" -j"$jobs" --target ebm_bench >/dev/null
asset="$native/assets/mnist.bin"

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs; pinned to CPU $cpu;" \
     "load average $(cut -d' ' -f1-3 /proc/loadavg); node $(node --version); $(g++ --version | head -1)"
for i in $(seq "$repeat"); do
  taskset -c "$cpu" "$native/ebm_bench" --asset "$asset"
  taskset -c "$cpu" node --no-experimental-fetch "$wasm/ebm_bench.js" --asset "$asset"
  OPENBLAS_NUM_THREADS=1 taskset -c "$cpu" /usr/bin/python3 "$root/scripts/bench_sklearn.py" --asset "$asset"
done
