#!/usr/bin/env bash
# fuzz.sh: builds the libFuzzer targets (fuzz/fuzz_<name>.cpp; Debian's clang with
# -fsanitize=fuzzer,address,undefined) into build/san (scripts/build.sh --san) and runs each for
# a while, starting from its committed seed corpus fuzz/corpus/<target>/ and a working corpus
# build/san/corpus/<target>/ (grown by earlier runs, not committed). Findings (crash-*,
# timeout-* = hangs, leak-*, oom-*) land in build/san/artifacts/<target>/; replay one with
# build/san/<target> <file>.
#   scripts/fuzz.sh [seconds per target = 30] [target ...]     (default: every target)
# Prints per target: executions, exec/s, coverage (cov: edges, ft: features), corpus and
# findings; the last line is "fuzz: N passed, M failed" (a target passes with no finding).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/env.sh"
seconds=${1:-30}
shift || true
bdir="$root/build/san"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in "$root"/fuzz/fuzz_*.cpp; do targets+=("$(basename "$f" .cpp)"); done
fi
"$root/scripts/build.sh" --san >"$root/build/san-build.log" 2>&1 \
  || { tail -30 "$root/build/san-build.log"; echo "fuzz: build failed"; exit 1; }
pass=0; fail=0
printf '%-14s %10s %8s %6s %6s %6s  %s\n' target execs exec/s cov ft corpus findings
for t in "${targets[@]}"; do
  mkdir -p "$bdir/corpus/$t" "$bdir/artifacts/$t"
  log="$bdir/$t.log"
  touch "$bdir/artifacts/$t/.run"  # findings are the artifacts newer than this
  # -close_fd_mask=1: the targets' own output (the CLI's messages) is dropped; libFuzzer and the
  # sanitizers still report. -timeout: an input running longer than 10 s (EBM_FUZZ_TIMEOUT) is a hang.
  "$bdir/$t" -max_total_time="$seconds" -timeout="${EBM_FUZZ_TIMEOUT:-10}" -rss_limit_mb=2048 -print_final_stats=1 -close_fd_mask=1 \
    -artifact_prefix="$bdir/artifacts/$t/" "$bdir/corpus/$t" "$root/fuzz/corpus/$t" >"$log" 2>&1
  rc=$?
  execs=$(grep -E '^stat::number_of_executed_units:' "$log" | awk '{print $2}')
  rate=$(grep -E '^stat::average_exec_per_sec:' "$log" | awk '{print $2}')
  last=$(grep -E '^#[0-9]+' "$log" | tail -n1)
  cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$last"); ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$last")
  corp=$(sed -nE 's/.* corp: ([0-9]+)\/.*/\1/p' <<<"$last")
  found=$(find "$bdir/artifacts/$t" -newer "$bdir/artifacts/$t/.run" -type f -printf '%f\n' 2>/dev/null \
          | grep -E '^(crash|timeout|leak|oom)-' | tr '\n' ' ')
  if [ $rc -ne 0 ] || [ -n "$found" ]; then
    fail=$((fail + 1))
    grep -E 'ERROR|SUMMARY|FUZZ_CHECK|EBM_ASSERT|runtime error' "$log" | head -5
  else
    pass=$((pass + 1))
  fi
  printf '%-14s %10s %8s %6s %6s %6s  %s\n' "$t" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "${found:-none}"
done
echo "fuzz: $pass passed, $fail failed (${seconds} s per target)"
[ $fail = 0 ]
