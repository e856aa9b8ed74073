#!/bin/sh
# Runs the Python tests against the ASan + UBSan build of the module (BUILD_DIR, configured with
# clang++-14 and -DE911_SANITIZE=ON or -DE911_FUZZ=ON); any sanitizer report fails the run.
#   tests/python-asan.sh BUILD_DIR [PYTEST ARGS...]   (default: every test in tests/python)
# /usr/bin/python3 is not instrumented, so the ASan runtime must be loaded before anything else:
# LD_PRELOAD of clang's shared runtime (it carries UBSan's handlers too). Leak detection is off
# because CPython deliberately never frees much of its own state (interned strings, static types,
# module objects) at exit, and LeakSanitizer would report those thousands of blocks, burying any
# real leak; the library's own leaks are caught by the unit tests, which run with detect_leaks=1.
# PYTHONMALLOC=malloc sends every Python object through malloc, so an overrun from the module into
# an interpreter object is caught too. The CLI the tests start is an instrumented executable with
# its own (static) runtime, which refuses a second one preloaded: a wrapper drops LD_PRELOAD.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:?usage: python-asan.sh BUILD_DIR [PYTEST ARGS...]}" && pwd)
shift
runtime=$(clang++-14 -print-file-name=libclang_rt.asan-x86_64.so)
[ -f "$runtime" ] || { echo "python-asan.sh: no ASan runtime at $runtime" >&2; exit 1; }
cli="$build/e911-cli-asan"
printf '#!/bin/sh\nunset LD_PRELOAD\nexec "%s" "$@"\n' "$build/cli/e911" >"$cli"
chmod +x "$cli"
export PYTHONPATH="$build/bindings/python" E911_SOURCE_DIR="$here" E911_CLI="$cli" PYTHONMALLOC=malloc
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
[ $# -gt 0 ] || set -- "$here/tests/python"
LD_PRELOAD="$runtime" /usr/bin/python3 -m pytest -q -p no:cacheprovider "$@"
