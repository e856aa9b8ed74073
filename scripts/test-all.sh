#!/bin/sh
# Every check CI runs, in one script (README command 2 and .ci/run):
#   1. Release build + every test (C++ unit, Python, install + find_package consumer, generator);
#   2. ASan + UBSan build (clang, any report fatal) of the library, CLI, unit tests and Python
#      module; the unit tests and the Python tests run in it (both drive the CLI too);
#   3. fuzz smoke: every libFuzzer harness for a bounded time (60 s each when CI=true, 10 s
#      otherwise; E911_FUZZ_SECONDS overrides), failing on a crash, timeout or out-of-memory.
# E911_SKIP_SANITIZE=1 stops after step 1.
set -eu
cd "$(dirname "$0")/.."
jobs=${E911_JOBS:-2}
start=$(date +%s)
step() { echo "== $* ($(($(date +%s) - start)) s)"; }

step "Release build and tests"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure

if [ "${E911_SKIP_SANITIZE:-0}" = 1 ]; then step "done (sanitizers skipped)"; exit 0; fi

step "ASan + UBSan build (build-asan)"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 \
  -DE911_FUZZ=ON -DE911_BUILD_PYTHON=ON -DPYTHON_EXECUTABLE=/usr/bin/python3
cmake --build build-asan -j"$jobs" --target e911_cli e911_tests _e911 \
  fuzz_load_yaml fuzz_load_json fuzz_pipeline fuzz_pattern fuzz_call_log fuzz_import

step "Unit tests under ASan + UBSan"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
  LSAN_OPTIONS=suppressions="$PWD/tests/fuzz/lsan.supp" \
  build-asan/tests/e911_tests --reporter compact

step "Python tests under ASan + UBSan"
tests/python-asan.sh build-asan

step "Fuzz smoke"
tests/fuzz/run.sh build-asan "${E911_FUZZ_SECONDS:-}"

step "all checks passed"
