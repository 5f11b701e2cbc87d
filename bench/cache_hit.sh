#!/usr/bin/env bash
# The response cache's hit path against the passthrough (docs/caching.md): the same chat request
# through keygate to the fake provider, once to a group without a cache (every request goes
# upstream) and once to a group with one (every request after the first is a hit). Prints
# requests per second and latency percentiles of both; the hit path should be at least as fast.
# Usage: bench/cache_hit.sh [SECONDS]   (default 5; wrk, one thread, 32 connections)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
BUILD=$(cd "$ROOT" && realpath -m "${KEYGATE_BUILD_DIR:-build}")
TMP=$(mktemp -d)
DURATION=${1:-5}
source "$HERE/lib/common.sh"
trap cleanup EXIT
command -v wrk >/dev/null || die "wrk is missing (apt-get install -y wrk)"

"$BUILD/fake_provider" --host 127.0.0.1 --port 0 --port-file "$TMP/fake.port" --threads 1 \
  >"$TMP/fake.log" 2>&1 &
FAKE_PID=$!; PIDS+=("$FAKE_PID")
FAKE_PORT=$(wait_up fake "$FAKE_PID" "$TMP/fake.port") || die "fake_provider did not start"

cat >"$TMP/keygate.yaml" <<YAML
server: {host: 127.0.0.1, port: 4000, threads: 1}
log: {level: warn, access_log: false}
ledger: {path: "$TMP/ledger.db"}
auth:
  keys:
    - {id: bench, key: bench-key}
models:
  - {name: passthrough, provider: openai, model: fake-gpt, api_base: "http://127.0.0.1:$FAKE_PORT/v1", api_key: k}
  - {name: cached, provider: openai, model: fake-gpt, api_base: "http://127.0.0.1:$FAKE_PORT/v1", api_key: k, cache: true}
YAML
"$BUILD/keygate" --config "$TMP/keygate.yaml" --port 0 --port-file "$TMP/keygate.port" \
  >"$TMP/keygate.log" 2>&1 &
KG_PID=$!; PIDS+=("$KG_PID")
PORT=$(wait_up keygate "$KG_PID" "$TMP/keygate.port" 30) || die "keygate did not start"

run() {
  local model=$1 body="$TMP/$1.json"
  printf '{"model":"%s","temperature":0,"messages":[{"role":"user","content":"say hello now"}]}' \
    "$model" >"$body"
  wrk -t1 -c32 -d1s -s "$HERE/chat.lua" "http://127.0.0.1:$PORT/v1/chat/completions" -- "$body" \
    >/dev/null
  wrk -t1 -c32 -d"${DURATION}s" -s "$HERE/chat.lua" "http://127.0.0.1:$PORT/v1/chat/completions" \
    -- "$body" | grep '^BENCH' | python3 -c '
import sys
f = dict(kv.split("=") for kv in sys.stdin.read().split()[1:])
rps = int(f["requests"]) / (int(f["duration_us"]) / 1e6)
errors = sum(int(f[k]) for k in ("status_errors", "connect_errors", "read_errors", "write_errors", "timeouts"))
p50, p99 = int(f["p50_us"]) / 1000, int(f["p99_us"]) / 1000
print("%-12s %9.0f req/s  p50 %6.2f ms  p99 %6.2f ms  errors %d" % (sys.argv[1], rps, p50, p99, errors))' "$model"
}

run passthrough
run cached
hits=$(curl -s "http://127.0.0.1:$PORT/metrics" | awk '/^keygate_cache_lookups_total.*result="hit"/ {print $2}')
note "cache hits counted: ${hits:-0}"
