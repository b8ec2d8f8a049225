#!/usr/bin/env bash
# The README's second command (and CI's): installs what is missing, builds everything, then
# runs every test: the doctest suite natively and as WebAssembly under node, the CLI tests, the
# doctest suite and CLI tests again under AddressSanitizer + UBSan, a short libFuzzer run per
# fuzz target, and the browser tests (Playwright + Chromium). Ends with one line
# "N passed, N failed".
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
"$root/scripts/setup.sh" || exit 1
source "$root/scripts/env.sh"
t0=$(date +%s)
"$root/scripts/build.sh" --native || { echo "build failed"; exit 1; }
echo "build: $(( $(date +%s) - t0 )) s"

pass=0; fail=0; lines=()
count_doctest() { # label logfile
  local l; l=$(grep -E '^\[doctest\] test cases:' "$2" | tail -n1)
  local p f; p=$(sed -E 's/.*\| *([0-9]+) passed.*/\1/' <<<"$l"); f=$(sed -E 's/.*\| *([0-9]+) failed.*/\1/' <<<"$l")
  [[ $p =~ ^[0-9]+$ ]] || p=0; [[ $f =~ ^[0-9]+$ ]] || f=1
  pass=$((pass + p)); fail=$((fail + f)); lines+=("$1: $p passed, $f failed")
}
mkdir -p build/logs
echo "== doctest (native)"
./build/native/ebm_tests --no-colors=true 2>&1 | tee build/logs/native.log | tail -n 4
count_doctest "doctest native" build/logs/native.log
echo "== doctest (WebAssembly under node)"
node --no-experimental-fetch build/web/ebm_tests.js --no-colors=true 2>&1 | tee build/logs/wasm.log | tail -n 4
count_doctest "doctest wasm" build/logs/wasm.log
run_node_tests() { # label logfile files...
  local label=$1 log=$2; shift 2
  node --test --test-concurrency=1 "$@" 2>&1 | tee "$log" | grep -E '^(not )?ok|^# (tests|pass|fail) |^# page|error:'
  local p f
  p=$(grep -E '^# pass ' "$log" | awk '{print $3}'); f=$(grep -E '^# fail ' "$log" | awk '{print $3}')
  [[ $p =~ ^[0-9]+$ ]] || p=0; [[ $f =~ ^[0-9]+$ ]] || f=1
  pass=$((pass + p)); fail=$((fail + f)); lines+=("$label: $p passed, $f failed")
}
echo "== CLI (native ebm reproduces the seed runs)"
run_node_tests "cli" build/logs/cli.log tests/cli.test.mjs tests/apt_deb_src.test.mjs tests/serve.test.mjs
echo "== sanitizers: doctest and CLI tests under AddressSanitizer + UBSan (clang, build/san)"
t_asan=$(date +%s)
"$root/scripts/build.sh" --san > build/logs/san_build.log 2>&1 || { tail -30 build/logs/san_build.log; echo "sanitizer build failed"; exit 1; }
echo "sanitizer build (doctest, CLI and fuzz targets): $(( $(date +%s) - t_asan )) s"
# The few slowest cases (seconds natively, minutes under ASan) run natively only; see README.
asan_skip="$(cat "$root/tests/asan_skip.txt" | grep -v '^#' | paste -sd, -)"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ./build/san/ebm_tests --no-colors=true -tce="$asan_skip" 2>&1 | tee build/logs/asan.log | tail -n 4
count_doctest "doctest asan" build/logs/asan.log
EBM_CLI="$root/build/san/ebm" EBM_CLI_SANITIZED=1 ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  run_node_tests "cli asan" build/logs/cli_asan.log tests/cli.test.mjs
echo "sanitizer suite: $(( $(date +%s) - t_asan )) s (build included)"
echo "== fuzzing: every libFuzzer target for ${EBM_FUZZ_SECONDS:-20} s (scripts/fuzz.sh; 10-minute runs: README)"
t_fuzz=$(date +%s)
"$root/scripts/fuzz.sh" "${EBM_FUZZ_SECONDS:-20}" 2>&1 | tee build/logs/fuzz.log | tail -n 8
fp=$(sed -nE 's/^fuzz: ([0-9]+) passed, ([0-9]+) failed.*/\1/p' build/logs/fuzz.log)
ff=$(sed -nE 's/^fuzz: ([0-9]+) passed, ([0-9]+) failed.*/\2/p' build/logs/fuzz.log)
[[ $fp =~ ^[0-9]+$ ]] || fp=0; [[ $ff =~ ^[0-9]+$ ]] || ff=1
pass=$((pass + fp)); fail=$((fail + ff)); lines+=("fuzz: $fp passed, $ff failed")
echo "fuzz suite: $(( $(date +%s) - t_fuzz )) s (build included)"
echo "== browser tests (Chromium via playwright-core)"
run_node_tests "browser" build/logs/browser.log tests/browser/
echo "screenshots: tests/browser/out/"
echo
for l in "${lines[@]}"; do echo "  $l"; done
echo "total time: $(( $(date +%s) - t0 )) s"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
