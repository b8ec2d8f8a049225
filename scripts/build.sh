#!/usr/bin/env bash
# Builds the page (WebAssembly) into build/web/site and, with --native, the native tree
# (engine, tests, CLI) into build/native. --san builds, with Debian's clang, AddressSanitizer +
# UBSan and libFuzzer's coverage hooks, into build/san: the doctest suite, the CLI and every
# libFuzzer target (fuzz/), one build of the engine for all of them. Assumes setup.sh has run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/env.sh"
jobs=$(nproc)
native=0; web=1; san=0
for a in "$@"; do
  case $a in
    --native) native=1 ;;
    --native-only) native=1; web=0 ;;
    --san) san=1; web=0 ;;
  esac
done
configure_native() {
  if [ ! -f "$root/build/native/build.ninja" ]; then
    cmake -S "$root" -B "$root/build/native" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  fi
}
if [ $web = 1 ]; then
  if [ ! -f "$root/build/web/build.ninja" ]; then
    emcmake cmake -S "$root" -B "$root/build/web" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DEBM_IMGUI_SRC="$IMGUI_SRC" -DEBM_SDL2_PREFIX="$SDL_WASM_PREFIX" >/dev/null
  fi
  cmake --build "$root/build/web" -j"$jobs"
  # The pretrained MNIST model shipped with the page is trained here by the native CLI
  # (about 5 s), and again whenever the CLI was rebuilt: it is derived data, never committed.
  configure_native
  cmake --build "$root/build/native" -j"$jobs" --target ebm ebm_mnist_asset
  # Shipped as the binary ebm-rbm form with 16-bit floats (0.4 MB; the JSON was 2.4 MB).
  model="$root/build/web/site/assets/rbm_mnist.bin"
  rm -f "$root/build/web/site/assets/rbm_mnist.json"  # the JSON form of older builds
  if [ ! -f "$model" ] || [ "$root/build/native/ebm" -nt "$model" ]; then
    echo "training the pretrained RBM for the page (784 x 256, PCD-1, 15 epochs)"
    "$root/build/native/ebm" rbm mnist --asset "$root/build/native/assets/mnist.bin" --hidden 256 --epochs 15 \
      --pcd --k 1 --lr 0.05 --momentum 0.5 --weight-decay 0.0001 --batch 50 --binarize threshold \
      --ais-runs 0 --seed 1 --save "$model.tmp.bin" --half >/dev/null
    mv "$model.tmp.bin" "$model"
  fi
  # The pretrained deep belief net (binary ebm-dbn, 0.6 MB): about 20 s natively.
  dbn="$root/build/web/site/assets/dbn_mnist.bin"
  if [ ! -f "$dbn" ] || [ "$root/build/native/ebm" -nt "$dbn" ]; then
    echo "training the pretrained DBN for the page (784-128-128, top [128 + 10 labels] x 256)"
    "$root/build/native/ebm" dbn mnist --asset "$root/build/native/assets/mnist.bin" --layers 128,128 --top 256 \
      --epochs 10 --top-epochs 30 --top-k 10 --seed 1 --save "$dbn.tmp.bin" >/dev/null
    mv "$dbn.tmp.bin" "$dbn"
  fi
  # gzip copies named by content hash and assets/manifest.json, now with the models.
  node "$root/scripts/pack_assets.mjs" "$root/build/web/site"
fi
if [ $native = 1 ]; then
  configure_native
  cmake --build "$root/build/native" -j"$jobs"
fi
if [ $san = 1 ]; then
  if [ ! -f "$root/build/san/build.ninja" ]; then
    # -O1: sanitizer builds compile about twice as fast as at -O3 and still run the suite quickly.
    CC=clang CXX=clang++ cmake -S "$root" -B "$root/build/san" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DCMAKE_CXX_FLAGS_RELEASE="-O1" -DCMAKE_C_FLAGS_RELEASE="-O1" -DEBM_FUZZ=ON -DEBM_NATIVE_ARCH=OFF \
      >/dev/null || { echo "sanitizer build: configure failed (clang, libclang-rt-14-dev?)"; exit 1; }
  fi
  fuzzers=()
  for f in "$root"/fuzz/fuzz_*.cpp; do fuzzers+=("$(basename "$f" .cpp)"); done
  cmake --build "$root/build/san" -j"$jobs" --target ebm_tests ebm ebm_mnist_asset "${fuzzers[@]}"
fi
