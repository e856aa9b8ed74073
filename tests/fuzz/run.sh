#!/bin/sh
# Runs every libFuzzer harness for a bounded time, seeded with tests/fuzz/corpus/<harness> (the
# seeds stay as they are; new inputs go to a scratch corpus). Fails on a crash, a sanitizer
# report, a timeout (one input slower than 10 s), an out-of-memory (2 GB) or a leak.
#   tests/fuzz/run.sh BUILD_DIR [SECONDS_PER_HARNESS] [HARNESS...]
# Default time: 60 s per harness when CI=true, 10 s otherwise. BUILD_DIR was configured with
# -DE911_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++-14. Crash inputs are kept in BUILD_DIR/fuzz-artifacts.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:?usage: run.sh BUILD_DIR [SECONDS] [HARNESS...]}" && pwd)
shift
secs=${1:-}
[ $# -gt 0 ] && shift
if [ -z "$secs" ]; then
  if [ "${CI:-}" = true ]; then secs=60; else secs=10; fi
fi
harnesses=${*:-load_yaml load_json pipeline pattern call_log import}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
artifacts="$build/fuzz-artifacts"
mkdir -p "$artifacts"
status=0
# Leaks inside dependencies that libe911 cannot fix, each with its reason in the file.
export LSAN_OPTIONS="suppressions=$here/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
for h in $harnesses; do
  bin="$build/tests/fuzz/fuzz_$h"
  mkdir -p "$work/$h"
  set -- -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/$h-"
  [ -f "$here/dict/$h.dict" ] && set -- "$@" -dict="$here/dict/$h.dict"
  if "$bin" "$@" "$work/$h" "$here/corpus/$h" >"$work/$h.log" 2>&1; then result=ok; else result=FAILED; status=1; fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$h.log")
  corpus=$(( $(ls "$work/$h" | wc -l) + $(ls "$here/corpus/$h" | wc -l) ))
  echo "fuzz_$h: $result, ${runs:-?} executions in ${secs}s, corpus $corpus inputs"
  if [ "$result" = FAILED ]; then
    tail -60 "$work/$h.log"
    echo "fuzz_$h: the failing input is in $artifacts"
  fi
done
exit $status
