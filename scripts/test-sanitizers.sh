#!/usr/bin/env bash
# Builds the whole tree with AddressSanitizer and UndefinedBehaviorSanitizer in a second build
# directory and runs the unit and integration tests against it. Any report fails the run.
set -uo pipefail
cd "$(dirname "$0")/.."
build_dir=${KEYGATE_ASAN_BUILD_DIR:-build-asan}
export CCACHE_BASEDIR=$PWD
export CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
flags="-O1 -g1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
# -Werror stays with the release build: GCC 12 warns falsely about coroutine frames under -O2 with
# sanitizers (mismatched-new-delete).
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Sanitize -DKEYGATE_WERROR=OFF \
  -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
cmake --build "$build_dir" -j "${KEYGATE_JOBS:-$(nproc)}" || exit 1
export ASAN_OPTIONS=abort_on_error=1:detect_leaks=1:halt_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# Instrumented binaries run several times slower: wall-clock upper bounds in tests stretch.
export KEYGATE_TEST_TIME_SCALE=${KEYGATE_TEST_TIME_SCALE:-3}
cd "$build_dir" && ctest --output-on-failure -j1 --timeout 180
