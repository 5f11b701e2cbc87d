#!/usr/bin/env bash
# Builds keygate, the fake provider and the integration tests with ThreadSanitizer (clang) in a
# third build directory and runs the integration tests whose keygate serves on several threads at
# once: balancing and the connection pool, limits (local and Redis), metrics, the access log and
# the ledger, cancellation and reload, the front doors, and the console's sessions and database
# threads. Any race report fails the run: keygate and the fake exit with status 66 and the test
# that started them fails.
set -uo pipefail
cd "$(dirname "$0")/.."
build_dir=${KEYGATE_TSAN_BUILD_DIR:-build-tsan}
export CCACHE_BASEDIR=$PWD
export CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=ThreadSanitize \
  -DCMAKE_CXX_COMPILER="${KEYGATE_CLANG:-clang++-14}" \
  -DCMAKE_CXX_FLAGS="-O1 -g1 -fsanitize=thread -fno-omit-frame-pointer" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=thread" >/dev/null || exit 1
cmake --build "$build_dir" -j "${KEYGATE_JOBS:-$(nproc)}" \
  --target keygate fake_provider integration_tests || exit 1
export TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1"
export KEYGATE_TEST_TIME_SCALE=${KEYGATE_TEST_TIME_SCALE:-6}
suites='^(Balancing|Passthrough|Limits|SharedLimits|RedisUnreachable|Metrics|MetricsPort'
suites+='|Access|LedgerDurability|Cancellation|Reload|Cooldown|Abuse|Shutdown|Routing/FaultMatrix'
# The front doors: stored responses written and read from both workers, native and translated
# attempts in one request, token counts beside model requests.
suites+='|MessagesDoor|ResponsesDoor|DoorConcerns'
# The endpoints beyond chat: uploads sent from the client's buffer, audio streamed back raw.
suites+='|Endpoints|EndpointsWithKeys'
# The console: its database threads resume workers' coroutines, sessions are shared by workers.
suites+='|ConsoleSession|ConsoleLedgerFigures|ConsoleIsolation|ConsoleImport'
# The admin API's live tail (the feed is written by every worker and read by each watcher's own)
# and the response cache (identical requests on different workers wait for one upstream call).
suites+='|AdminLive|ResponseCache)\.'
cd "$build_dir" && ctest --output-on-failure -j1 --timeout 180 -R "$suites"
