#!/usr/bin/env bash
# Installs everything, builds, and runs the whole test suite: unit and integration tests (CTest),
# the end-to-end suites with the official SDKs, real agent clients (Claude Code and Codex through
# keygate, tests/agents/run.sh), Open WebUI in front of keygate with two signed-in users
# (tests/openwebui/run.sh), the console's unit tests and browser tests (Playwright in Chromium) against the
# binary, the CTest suites again under ASan and UBSan, each libFuzzer target
# for 20 seconds, the concurrent integration tests under ThreadSanitizer, a short
# benchmark run so it never rots, the PostgreSQL ledger benchmark, and a 90-second soak.
# Ends with one summary line: "keygate tests: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
export KEYGATE_BUILD_DIR=${KEYGATE_BUILD_DIR:-$root/build}
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
# Where the time goes, printed before the summary line: "phase seconds" per line.
phase_start=$SECONDS
phase_done() {
  echo "$1 $((SECONDS - phase_start))" >>"$logs/times"
  phase_start=$SECONDS
}

scripts/install-deps.sh --with-test-tools || { echo "install failed"; exit 1; }
# Open WebUI (over a gigabyte) once per machine into a reused folder; a failed install fails the
# Open WebUI phase below, which tries it again, rather than the whole run.
bash tests/openwebui/install.sh || echo "open-webui install failed; its phase will fail"
phase_done "install"
scripts/build.sh || { echo "build failed"; exit 1; }
phase_done "build"

echo "== unit and integration tests (ctest)"
# install-deps installed PostgreSQL: the shared-ledger tests must run, not skip.
export KEYGATE_REQUIRE_POSTGRES=1
(cd "$KEYGATE_BUILD_DIR" && ctest --output-on-failure -j2 --timeout 120) 2>&1 | tee "$logs/ctest"
ctest_rc=${PIPESTATUS[0]}
phase_done "ctest"

echo "== end-to-end tests (official SDKs)"
bash tests/e2e/run.sh 2>&1 | tee "$logs/e2e"
e2e_rc=${PIPESTATUS[0]}
phase_done "end-to-end"

echo "== real agent clients (Claude Code, Codex) through keygate"
bash tests/agents/run.sh 2>&1 | tee "$logs/agents"
agents_rc=${PIPESTATUS[0]}
phase_done "agent clients"

echo "== Open WebUI through keygate (two signed-in users, spend by end user)"
bash tests/openwebui/run.sh 2>&1 | tee "$logs/openwebui"
openwebui_rc=${PIPESTATUS[0]}
phase_done "open webui"

echo "== the console's unit tests (Vitest) and its formatting"
(cd console && NO_COLOR=1 npx --no-install vitest run && npx --no-install prettier --check . >/dev/null) 2>&1 |
  tee "$logs/console-unit"
console_unit_rc=${PIPESTATUS[0]}
phase_done "console unit tests"

echo "== the console in a browser (Playwright, Chromium) against keygate"
bash tests/e2e/console/run.sh 2>&1 | tee "$logs/console"
console_rc=${PIPESTATUS[0]}
phase_done "console browser tests"

echo "== unit and integration tests under AddressSanitizer and UndefinedBehaviorSanitizer"
scripts/test-sanitizers.sh 2>&1 | tee "$logs/asan"
asan_rc=${PIPESTATUS[0]}
phase_done "sanitizers (build and ctest)"

echo "== fuzzing (libFuzzer, each target for ${KEYGATE_FUZZ_SECONDS:-20} s)"
scripts/fuzz.sh "${KEYGATE_FUZZ_SECONDS:-20}" 2>&1 | tee "$logs/fuzz"
fuzz_rc=${PIPESTATUS[0]}
phase_done "fuzzing"

echo "== concurrent integration tests under ThreadSanitizer"
scripts/test-thread-sanitizer.sh 2>&1 | tee "$logs/tsan"
tsan_rc=${PIPESTATUS[0]}
phase_done "thread sanitizer (build and ctest)"

echo "== benchmark smoke run"
bash bench/run.sh --short 2>&1 | tee "$logs/bench"
bench_rc=${PIPESTATUS[0]}
phase_done "benchmark smoke run"

echo "== PostgreSQL ledger benchmark (a spend query over a million rows within 200 ms p95)"
bash bench/ledger_pg.sh 2>&1 | tee "$logs/ledger_pg"
ledger_pg_rc=${PIPESTATUS[0]}
phase_done "PostgreSQL ledger benchmark"

echo "== soak (90 seconds of mixed load; RSS and descriptors must stay flat)"
bash bench/soak.sh 90 2>&1 | tee "$logs/soak"
soak_rc=${PIPESTATUS[0]}
phase_done "soak"

# Counts from each runner's own summary.
ct_total=$(grep -oP 'tests passed, \d+ tests failed out of \K\d+' "$logs/ctest" | tail -1)
ct_failed=$(grep -oP 'tests passed, \K\d+(?= tests failed)' "$logs/ctest" | tail -1)
py_passed=$(grep -oP '\d+(?= passed)' "$logs/e2e" | head -1)
py_failed=$(grep -oP '\d+(?= failed)' "$logs/e2e" | head -1)
py_errors=$(grep -oP '\d+(?= error)' "$logs/e2e" | head -1)
node_passed=$(grep -oP '(^|\s)pass \K\d+$' "$logs/e2e" | tail -1)
node_failed=$(grep -oP '(^|\s)fail \K\d+$' "$logs/e2e" | tail -1)
ag_passed=$(grep -oP '^agents: \K\d+(?= passed)' "$logs/agents" | tail -1)
ag_failed=$(grep -oP '^agents: \d+ passed, \K\d+(?= failed)' "$logs/agents" | tail -1)
ow_passed=$(grep -oP '^open-webui: \K\d+(?= passed)' "$logs/openwebui" | tail -1)
ow_failed=$(grep -oP '^open-webui: \d+ passed, \K\d+(?= failed)' "$logs/openwebui" | tail -1)
# Vitest ends with "Tests  N failed | N passed (N)" or "Tests  N passed (N)".
# Colours stripped, should any get through.
sed -i 's/\x1b\[[0-9;]*m//g' "$logs/console-unit"
vt_passed=$(grep -oP '^\s+Tests\s+(\d+ failed \| )?\K\d+(?= passed)' "$logs/console-unit" | tail -1)
vt_failed=$(grep -oP '^\s+Tests\s+\K\d+(?= failed)' "$logs/console-unit" | tail -1)
# Playwright's list reporter ends with "  N passed (..)", "  N skipped", "  N failed".
pw_passed=$(grep -oP '^\s+\K\d+(?= passed)' "$logs/console" | tail -1)
pw_failed=$(grep -oP '^\s+\K\d+(?= failed)' "$logs/console" | tail -1)
as_total=$(grep -oP 'tests passed, \d+ tests failed out of \K\d+' "$logs/asan" | tail -1)
as_failed=$(grep -oP 'tests passed, \K\d+(?= tests failed)' "$logs/asan" | tail -1)
ts_total=$(grep -oP 'tests passed, \d+ tests failed out of \K\d+' "$logs/tsan" | tail -1)
ts_failed=$(grep -oP 'tests passed, \K\d+(?= tests failed)' "$logs/tsan" | tail -1)
passed=$(( ${ct_total:-0} - ${ct_failed:-0} + ${py_passed:-0} + ${node_passed:-0} + ${pw_passed:-0} ))
passed=$(( passed + ${as_total:-0} - ${as_failed:-0} + ${ts_total:-0} - ${ts_failed:-0} ))
passed=$(( passed + ${ag_passed:-0} + ${vt_passed:-0} + ${ow_passed:-0} ))
failed=$(( ${ct_failed:-0} + ${py_failed:-0} + ${py_errors:-0} + ${node_failed:-0} + ${as_failed:-0} ))
failed=$(( failed + ${pw_failed:-0} + ${vt_failed:-0} ))
[ "$console_unit_rc" -ne 0 ] && [ "${vt_failed:-0}" -eq 0 ] && failed=$((failed + 1)) &&
  echo "console unit tests or formatting failed"
failed=$(( failed + ${ts_failed:-0} + ${ag_failed:-0} + ${ow_failed:-0} ))
[ "$openwebui_rc" -ne 0 ] && [ "${ow_failed:-0}" -eq 0 ] && failed=$((failed + 1)) &&
  echo "open webui run failed"
[ "$agents_rc" -ne 0 ] && [ "${ag_failed:-0}" -eq 0 ] && failed=$((failed + 1)) && echo "agent clients run failed"
[ "$asan_rc" -ne 0 ] && [ "${as_failed:-0}" -eq 0 ] && failed=$((failed + 1)) && echo "sanitizer run failed"
[ "$tsan_rc" -ne 0 ] && [ "${ts_failed:-0}" -eq 0 ] && failed=$((failed + 1)) && echo "thread sanitizer run failed"
[ "$fuzz_rc" -ne 0 ] && failed=$((failed + 1)) && echo "fuzzing found a problem"
[ "$bench_rc" -ne 0 ] && failed=$((failed + 1)) && echo "benchmark smoke run failed"
[ "$soak_rc" -ne 0 ] && failed=$((failed + 1)) && echo "soak run failed"
[ "$ledger_pg_rc" -ne 0 ] && failed=$((failed + 1)) && echo "PostgreSQL ledger benchmark failed"
[ "$ctest_rc" -ne 0 ] && [ "${ct_failed:-0}" -eq 0 ] && failed=$((failed + 1))
[ "$console_rc" -ne 0 ] && [ "${pw_failed:-0}" -eq 0 ] && failed=$((failed + 1)) && echo "console browser tests failed"
[ "$e2e_rc" -ne 0 ] && [ $(( ${py_failed:-0} + ${py_errors:-0} + ${node_failed:-0} )) -eq 0 ] && failed=$((failed + 1))

# The names of what failed, so that the end of the log alone says where to look.
{
  for log in ctest asan tsan; do
    sed -n '/The following tests FAILED:/,/^Errors while running/p' "$logs/$log" | grep -P '^\s+\d+ - ' |
      sed "s/^\s*/$log: /"
  done
  grep -P '^(FAILED|ERROR) ' "$logs/e2e" | sed 's/^/pytest: /'
  grep -P '^\s*not ok \d+ - ' "$logs/e2e" | sed 's/^\s*/node: /'
  grep -P '^FAIL ' "$logs/agents" | sed 's/^/agents: /'
  grep -P '^(FAIL|open-webui: .*fail)' "$logs/openwebui" | grep -v '0 failed' | sed 's/^/open webui: /'
  grep -P '^\s*(FAIL|×) ' "$logs/console-unit" | sed 's/^\s*/vitest: /'
  sed -n '/^\s\+[0-9]\+ failed$/,/^\s\+[0-9]\+ \(passed\|skipped\|flaky\)/p' "$logs/console" |
    grep -P '^\s+\[' | sed 's/^\s*/playwright: /'
  grep -P '^fuzz: .*FINDING' "$logs/fuzz"
} | sort -u >"$logs/failures"
if [ -s "$logs/failures" ]; then
  echo
  echo "== what failed"
  sed 's/^/  /' "$logs/failures"
fi

echo
echo "== time per phase (seconds)"
awk '{t = $NF; $NF = ""; printf "  %-40s %5d\n", $0, t}' "$logs/times"
echo "keygate tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
