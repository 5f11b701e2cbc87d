#!/usr/bin/env bash
# Builds the whole tree with clang, AddressSanitizer and UndefinedBehaviorSanitizer in a second
# build directory and runs the unit and integration tests against it. Any report fails the run.
# The same build holds the libFuzzer targets (its code carries fuzzer coverage instrumentation),
# which scripts/fuzz.sh runs; their regression inputs run here as tests.
set -uo pipefail
cd "$(dirname "$0")/.."
build_dir=${KEYGATE_ASAN_BUILD_DIR:-build-asan}
export CCACHE_BASEDIR=$PWD
export CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
flags="-O1 -g1 -fsanitize=address,undefined,fuzzer-no-link -fno-omit-frame-pointer"
# clang 14 cannot emit -fsanitize=function's prologue data for split coroutine functions ("Cannot
# represent a difference across sections"); every other UBSan check stays on.
flags+=" -fno-sanitize-recover=undefined -fno-sanitize=function"
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Sanitize -DKEYGATE_FUZZ=ON \
  -DCMAKE_CXX_COMPILER="${KEYGATE_CLANG:-clang++-14}" -DCMAKE_CXX_FLAGS="$flags" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null || exit 1
cmake --build "$build_dir" -j "${KEYGATE_JOBS:-$(nproc)}" || exit 1
export ASAN_OPTIONS=abort_on_error=1:detect_leaks=1:halt_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# Instrumented binaries run several times slower: wall-clock upper bounds in tests stretch.
export KEYGATE_TEST_TIME_SCALE=${KEYGATE_TEST_TIME_SCALE:-3}
# Unit tests run two at a time; integration tests are RUN_SERIAL (tests/CMakeLists.txt), alone.
# The ledger writer's throughput runs (LedgerBench) measure nothing when instrumented: their
# checks run in the uninstrumented ctest, and the writer's code here in the Ledger* suites.
cd "$build_dir" && ctest --output-on-failure -j2 --timeout 180 -E '^LedgerBench\.'
