#!/usr/bin/env bash
# Instructions per request on keygate's S1 path (OpenAI passthrough, non-stream, with the access log
# and metrics on, as bench/run.sh runs it), counted by callgrind. An instruction count does not
# depend on what else the machine runs, so the effect of a change shows in one repeatable number.
# Prints the count per request and the functions that spend the most; the raw profile stays in
# ${KEYGATE_BUILD_DIR:-build}/profile/ for callgrind_annotate or kcachegrind.
# Usage: bench/profile.sh [SECONDS] [MODEL]   (default 10 s of load on gpt-bench)
# LEDGER=off leaves the ledger out, to count the request path alone (its writer's batching varies).
set -euo pipefail
SECONDS_OF_LOAD=${1:-10} MODEL=${2:-gpt-bench}
S4_TOKENS=100 S5_TOKENS=5 TRANSLATOR=yes
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
BUILD=$(cd "$ROOT" && realpath -m "${KEYGATE_BUILD_DIR:-build}")
command -v valgrind >/dev/null || { echo "error: valgrind not installed" >&2; exit 1; }
TMP=$(mktemp -d /tmp/keygate-profile.XXXXXX)
source "$HERE/lib/common.sh"
source "$HERE/lib/targets.sh"
trap cleanup EXIT
OUT=$BUILD/profile
mkdir -p "$OUT"

start_fake
keygate_config "$TMP/keygate.yaml"
[[ ${LEDGER:-on} == off ]] && echo "ledger: false" >>"$TMP/keygate.yaml"
valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$OUT/callgrind.out" \
  "$BUILD/keygate" --config "$TMP/keygate.yaml" --port 0 --port-file "$TMP/keygate.port" \
  >"$TMP/keygate.log" 2>&1 &
KEYGATE_PID=$!; PIDS+=("$KEYGATE_PID")
PORT=$(wait_up keygate "$KEYGATE_PID" "$TMP/keygate.port" 60) || die "keygate did not start"
printf '{"model":"%s","messages":[{"role":"user","content":"hello there"}]}' "$MODEL" >"$TMP/body.json"
url="http://127.0.0.1:$PORT/v1/chat/completions"
wrk -t1 -c8 -d3s -s "$HERE/chat.lua" "$url" -- "$TMP/body.json" >/dev/null  # warm-up: pool, caches
callgrind_control -i on "$KEYGATE_PID" >/dev/null 2>&1
line=$(wrk -t1 -c8 -d"${SECONDS_OF_LOAD}s" -s "$HERE/chat.lua" "$url" -- "$TMP/body.json" | grep '^BENCH')
callgrind_control -i off "$KEYGATE_PID" >/dev/null 2>&1
kill -INT "$KEYGATE_PID"; wait "$KEYGATE_PID" 2>/dev/null || true
requests=$(grep -oP 'requests=\K\d+' <<<"$line")
errors=$(grep -oP 'status_errors=\K\d+' <<<"$line")
[[ ${requests:-0} -gt 0 && ${errors:-1} -eq 0 ]] || die "the load failed: $line"
total=$(grep -hoP '^(summary|totals): \K\d+' "$OUT"/callgrind.out* | sort -n | tail -1)
echo "profile: $requests requests, $total instructions: $((total / requests)) per request"
callgrind_annotate --threshold=80 "$OUT"/callgrind.out* 2>/dev/null | sed -n '/^Ir/,$p' | head -45
