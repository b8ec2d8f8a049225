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
count_node_tests() { # label logfile
  local p f
  p=$(grep -E '^# pass ' "$2" | awk '{print $3}'); f=$(grep -E '^# fail ' "$2" | awk '{print $3}')
  [[ $p =~ ^[0-9]+$ ]] || p=0; [[ $f =~ ^[0-9]+$ ]] || f=1
  pass=$((pass + p)); fail=$((fail + f)); lines+=("$1: $p passed, $f failed")
}
run_node_tests() { # label logfile files...
  local label=$1 log=$2; shift 2
  node --test --test-concurrency=1 "$@" 2>&1 | tee "$log" | grep -E '^(not )?ok|^# (tests|pass|fail) |^# page|error:'
  count_node_tests "$label" "$log"
}
echo "== CLI (native ebm reproduces the seed runs)"
run_node_tests "cli" build/logs/cli.log tests/cli.test.mjs tests/apt_deb_src.test.mjs tests/serve.test.mjs

# The sanitizer stage (clang build of the doctest suite, the CLI and the fuzz targets; the suite
# and the CLI tests under AddressSanitizer + UBSan; each fuzz target for EBM_FUZZ_SECONDS) runs
# in the background at the lowest CPU priority while the browser tests run: it takes the CPU
# time they leave idle (they mostly wait on frames), so it adds little to the total. Its results
# are printed and counted after the browser tests.
san_stage() {
  local t_san t_fuzz
  renice -n 19 -p "$BASHPID" >/dev/null 2>&1 || true  # before any child starts: they inherit it
  t_san=$(date +%s)
  if ! "$root/scripts/build.sh" --san > build/logs/san_build.log 2>&1; then
    tail -30 build/logs/san_build.log; echo "sanitizer build failed"; return 1
  fi
  echo "sanitizer build (doctest, CLI and fuzz targets): $(( $(date +%s) - t_san )) s"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ./build/san/ebm_tests --no-colors=true > build/logs/asan.log 2>&1
  tail -n 3 build/logs/asan.log
  EBM_CLI="$root/build/san/ebm" EBM_CLI_SANITIZED=1 ASAN_OPTIONS=detect_leaks=1 \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    node --test --test-concurrency=1 tests/cli.test.mjs > build/logs/cli_asan.log 2>&1
  grep -E '^not ok|^# (pass|fail|skipped) ' build/logs/cli_asan.log
  echo "sanitizer suite: $(( $(date +%s) - t_san )) s (build included)"
  t_fuzz=$(date +%s)
  # At the lowest priority an input can wait seconds for a CPU: a hang here is 60 s of wall time
  # (the 10-minute runs use 10 s).
  EBM_FUZZ_TIMEOUT=60 "$root/scripts/fuzz.sh" "${EBM_FUZZ_SECONDS:-20}" > build/logs/fuzz.log 2>&1
  tail -n 8 build/logs/fuzz.log
  echo "fuzz: $(( $(date +%s) - t_fuzz )) s"
}
rm -f build/logs/asan.log build/logs/cli_asan.log build/logs/fuzz.log
san_stage > build/logs/san_stage.log 2>&1 &
san_pid=$!
echo "== browser tests (Chromium via playwright-core)"
run_node_tests "browser" build/logs/browser.log tests/browser/
echo "screenshots: tests/browser/out/"
echo "== sanitizers (ASan + UBSan, clang, build/san) and fuzzing (scripts/fuzz.sh; 10-minute runs: README)"
t_wait=$(date +%s)
wait "$san_pid"
echo "(waited $(( $(date +%s) - t_wait )) s for the sanitizer stage after the browser tests)"
cat build/logs/san_stage.log
count_doctest "doctest asan" build/logs/asan.log
count_node_tests "cli asan" build/logs/cli_asan.log
fp=$(sed -nE 's/^fuzz: ([0-9]+) passed, ([0-9]+) failed.*/\1/p' build/logs/fuzz.log)
ff=$(sed -nE 's/^fuzz: ([0-9]+) passed, ([0-9]+) failed.*/\2/p' build/logs/fuzz.log)
[[ $fp =~ ^[0-9]+$ ]] || fp=0; [[ $ff =~ ^[0-9]+$ ]] || ff=1
pass=$((pass + fp)); fail=$((fail + ff)); lines+=("fuzz: $fp passed, $ff failed")
echo
for l in "${lines[@]}"; do echo "  $l"; done
echo "total time: $(( $(date +%s) - t0 )) s"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
