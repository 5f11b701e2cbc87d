#!/usr/bin/env bash
# What each always-on feature costs on S1's route (OpenAI passthrough, non-stream): nginx, then
# keygate as users run it and with the ledger and/or the access log switched off, one after the
# other against the same fake provider. For each keygate it prints requests/s, the ratio to nginx,
# and from `perf stat` on keygate's process: CPU microseconds and context switches per request.
# The product is measured with everything on (bench/run.sh); this only shows where the gap goes.
# Usage: bench/feature_cost.sh [SECONDS]   (default 10 s per target, after 2 s of warm-up)
set -euo pipefail
DURATION=${1:-10} RATE=${2:-5000}
S4_TOKENS=100 S5_TOKENS=5 TRANSLATOR=no
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
BUILD=$(cd "$ROOT" && realpath -m "${KEYGATE_BUILD_DIR:-build}")
for tool in wrk nginx perf vegeta; do command -v $tool >/dev/null || { echo "error: $tool not installed" >&2; exit 1; }; done
TMP=$(mktemp -d /tmp/keygate-feature-cost.XXXXXX)
source "$HERE/lib/common.sh"
source "$HERE/lib/targets.sh"
trap cleanup EXIT

start_fake
start_nginx
chat_json() { printf '{"model":"%s","messages":[{"role":"user","content":"hello there"}]}' "$1"; }

# load URL BODY_FILE [PID]: warm-up, then the measured run; prints "requests/s cpu_us/req cs/req".
load() {
  local u=$1 body=$2 pid=${3:-} out="$TMP/wrk.out" stat="$TMP/perf.out"
  wrk -t1 -c32 -d2s -s "$HERE/chat.lua" "$u" -- "$body" >/dev/null
  if [[ -n $pid ]]; then
    perf stat -x, -e task-clock,context-switches -p "$pid" -o "$stat" -- sleep "$DURATION" &
    local perf_pid=$!
  fi
  wrk -t1 -c32 -d"${DURATION}s" -s "$HERE/chat.lua" "$u" -- "$body" | grep '^BENCH' >"$out"
  [[ -n $pid ]] && wait "$perf_pid"
  local requests errors
  requests=$(grep -oP 'requests=\K\d+' "$out"); errors=$(grep -oP 'status_errors=\K\d+' "$out")
  [[ $errors -eq 0 ]] || die "$u answered $errors errors"
  if [[ -n $pid ]]; then
    local cpu_ms switches
    cpu_ms=$(awk -F, '$3 == "task-clock" {print $1}' "$stat")
    switches=$(awk -F, '$3 == "context-switches" {print $1}' "$stat")
    awk -v r="$requests" -v d="$DURATION" -v c="$cpu_ms" -v s="$switches" \
      'BEGIN { printf "%.0f %.1f %.2f\n", r / d, c * 1000 / r, s / r }'
  else
    awk -v r="$requests" -v d="$DURATION" 'BEGIN { printf "%.0f - -\n", r / d }'
  fi
}

# open_loop URL BODY_FILE: "p50_us p99_us" of DURATION seconds at RATE/s, after 1 s of warm-up.
open_loop() {
  { echo "POST $1"; echo "Content-Type: application/json"; echo "Authorization: Bearer bench-key"
    echo "@$2"; } >"$TMP/targets"
  local attack=(vegeta attack -targets="$TMP/targets" -rate="$RATE/s" -timeout=5s -workers=64)
  "${attack[@]}" -duration=1s >/dev/null
  "${attack[@]}" -duration="${DURATION}s" | vegeta report -type=json >"$TMP/vegeta.json"
  python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); l = r["latencies"]
if r["success"] < 1: sys.exit("errors: %s" % r.get("errors"))
print("%.0f %.0f" % (l["50th"] / 1000, l["99th"] / 1000))' "$TMP/vegeta.json"
}

chat_json fake-gpt >"$TMP/direct.json"
nginx_worker=$(pgrep -P "$NGINX_PID" | head -1)
read -r nginx_rps nginx_cpu nginx_switches < <(
  load "http://127.0.0.1:$NGINX_PORT/v1/chat/completions" "$TMP/direct.json" "$nginx_worker")
read -r nginx_p50 nginx_p99 < <(open_loop "http://127.0.0.1:$NGINX_PORT/v1/chat/completions" "$TMP/direct.json")
printf '| target | requests/s | ÷ nginx | CPU µs/request | context switches/request | p50 / p99 µs at %s/s |\n' "$RATE"
printf '| --- | ---: | ---: | ---: | ---: | ---: |\n'
printf '| nginx (reference) | %s | 1.00 | %s | %s | %s / %s |\n' "$nginx_rps" "$nginx_cpu" \
  "$nginx_switches" "$nginx_p50" "$nginx_p99"

chat_json gpt-bench >"$TMP/keygate.json"
for variant in "as users run it" "ledger off" "access log off" "ledger and access log off"; do
  keygate_config "$TMP/keygate.yaml"
  case $variant in
    "ledger off") echo "ledger: false" >>"$TMP/keygate.yaml" ;;
    "access log off") sed -i 's/access_log: true/access_log: false/' "$TMP/keygate.yaml" ;;
    "ledger and access log off")
      echo "ledger: false" >>"$TMP/keygate.yaml"
      sed -i 's/access_log: true/access_log: false/' "$TMP/keygate.yaml" ;;
  esac
  rm -f "$TMP/keygate.port" "$TMP"/keygate-ledger.db*
  "$BUILD/keygate" --config "$TMP/keygate.yaml" --port 0 --port-file "$TMP/keygate.port" >"$TMP/keygate.log" 2>&1 &
  pid=$!; PIDS+=("$pid")
  port=$(wait_up keygate "$pid" "$TMP/keygate.port") || die "keygate did not start"
  read -r rps cpu switches < <(load "http://127.0.0.1:$port/v1/chat/completions" "$TMP/keygate.json" "$pid")
  read -r p50 p99 < <(open_loop "http://127.0.0.1:$port/v1/chat/completions" "$TMP/keygate.json")
  kill -INT "$pid"; wait "$pid" 2>/dev/null || true
  printf '| keygate, %s | %s | %s | %s | %s | %s / %s |\n' "$variant" "$rps" \
    "$(awk -v a="$rps" -v b="$nginx_rps" 'BEGIN { printf "%.2f", a / b }')" "$cpu" "$switches" \
    "$p50" "$p99"
done
