#!/usr/bin/env bash
# Runs every libFuzzer target for a bounded time, two at a time, from seed corpora made of the
# golden fixtures, the example configs and a few HTTP requests (tests/fuzz/make_seeds.py), plus
# every past finding in tests/fuzz/regressions/. Needs the sanitizer build, which
# scripts/test-sanitizers.sh makes. A crash, a sanitizer report, a leak or an input that takes
# over 10 s fails the run; the input is left in <build>/fuzz-findings/<target>/ and belongs in
# tests/fuzz/regressions/<target>/ once fixed (docs/fuzzing.md).
#   scripts/fuzz.sh [SECONDS_PER_TARGET]   (default 60)
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
build_dir=${KEYGATE_ASAN_BUILD_DIR:-build-asan}
targets=(sse_splitter event_stream stream_translators request_translators response_translators config
  http_request door_requests door_streams)
for target in "${targets[@]}"; do
  [ -x "$build_dir/${target}_fuzz" ] || { echo "fuzz: $build_dir/${target}_fuzz is missing"; exit 2; }
done
work=$build_dir/fuzz-work
rm -rf "$work/seeds" "$build_dir/fuzz-findings"
python3 tests/fuzz/make_seeds.py . "$work/seeds" || exit 2

run_target() {
  local target=$1 corpus=$work/corpus/$1 findings=$build_dir/fuzz-findings/$1
  mkdir -p "$corpus" "$findings"
  # The first directory collects what the run learns; the others are read only.
  "$build_dir/${target}_fuzz" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$findings/" \
    "$corpus" "$work/seeds/$target" "tests/fuzz/regressions/$target" >"$work/$target.log" 2>&1
  local rc=$? runs
  runs=$(grep -oP 'stat::number_of_executed_units:\s*\K\d+' "$work/$target.log" | tail -1)
  if [ $rc -eq 0 ]; then
    echo "fuzz: $target: ${runs:-?} runs in ${seconds}s, no finding"
  else
    echo "fuzz: $target: FINDING (exit $rc) after ${runs:-?} runs; input in $findings/"
    grep -m1 -A25 -E '==[0-9]+==ERROR|runtime error|deadly signal|ERROR: libFuzzer' \
      "$work/$target.log"
  fi
  return $rc
}
export -f run_target
export seconds build_dir work
printf '%s\n' "${targets[@]}" | xargs -P 2 -I{} bash -c 'run_target {}'
