#!/usr/bin/env bash
# Benchmarks keygate against the fake provider called directly and through nginx.
# Usage: bench/run.sh [--short]     (binaries from ${KEYGATE_BUILD_DIR:-build}, relative to the repo root)
set -euo pipefail

DURATION=10s WARMUP=2s
if [[ ${1:-} == --short ]]; then DURATION=2s WARMUP=1s; elif [[ $# -gt 0 ]]; then
  echo "usage: $0 [--short]" >&2; exit 2
fi
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
BUILD=$(cd "$ROOT" && realpath -m "${KEYGATE_BUILD_DIR:-build}")
for bin in "$BUILD/fake_provider" "$BUILD/keygate"; do
  [[ -x $bin ]] || { echo "error: $bin not found; build the project first" >&2; exit 1; }
done
for tool in wrk nginx python3 curl; do
  command -v "$tool" >/dev/null || { echo "error: $tool not installed (apt-get install -y wrk nginx-light curl)" >&2; exit 1; }
done

TMP=$(mktemp -d /tmp/keygate-bench.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$TMP"
}
trap cleanup EXIT

die() { echo "error: $*" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# wait_up NAME PID PORT_FILE|PORT: wait until the port file is written (if given) and the port accepts connections.
wait_up() {
  local name=$1 pid=$2 port=$3
  for _ in $(seq 100); do
    kill -0 "$pid" 2>/dev/null || { tail -n 20 "$TMP/$name.log" >&2; die "$name exited during startup"; }
    if [[ -f $port ]]; then [[ -s $port ]] && port=$(cat "$port") || { sleep 0.1; continue; }; fi
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && { echo "$port"; return; }
    sleep 0.1
  done
  die "$name did not start listening"
}

# rss_kb PID: VmRSS of the process and its children, in kB.
rss_kb() {
  local total=0 pid
  for pid in "$1" $(pgrep -P "$1"); do
    total=$((total + $(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status")))
  done
  echo "$total"
}

"$BUILD/fake_provider" --host 127.0.0.1 --port 0 --port-file "$TMP/fake.port" --threads 1 >"$TMP/fake.log" 2>&1 &
FAKE_PID=$!; PIDS+=("$FAKE_PID")
FAKE_PORT=$(wait_up fake "$FAKE_PID" "$TMP/fake.port")

NGINX_PORT=$(free_port)
mkdir -p "$TMP/nginx"
user_line=""; [[ $EUID -eq 0 ]] && user_line="user $(id -un) $(id -gn);"
sed -e "s|@TMP@|$TMP/nginx|g" -e "s|@LISTEN_PORT@|$NGINX_PORT|" -e "s|@UPSTREAM_PORT@|$FAKE_PORT|" \
  -e "s|@USER_LINE@|$user_line|" "$HERE/nginx.conf.template" >"$TMP/nginx/nginx.conf"
nginx -p "$TMP/nginx" -e "$TMP/nginx/nginx-error.log" -c "$TMP/nginx/nginx.conf" >"$TMP/nginx.log" 2>&1 &
NGINX_PID=$!; PIDS+=("$NGINX_PID")
wait_up nginx "$NGINX_PID" "$NGINX_PORT" >/dev/null

cat >"$TMP/keygate.yaml" <<YAML
server: {host: 127.0.0.1, port: 4000, threads: 1}
log: {level: warn}
models:
  - name: gpt-bench
    provider: openai
    model: fake-gpt
    api_base: http://127.0.0.1:$FAKE_PORT/v1
    api_key: bench-key
  - name: gpt-bench-stream
    provider: openai
    model: fake-gpt@tokens=20
    api_base: http://127.0.0.1:$FAKE_PORT/v1
    api_key: bench-key
YAML
"$BUILD/keygate" --config "$TMP/keygate.yaml" --port 0 --port-file "$TMP/keygate.port" >"$TMP/keygate.log" 2>&1 &
KEYGATE_PID=$!; PIDS+=("$KEYGATE_PID")
KEYGATE_PORT=$(wait_up keygate "$KEYGATE_PID" "$TMP/keygate.port")

# run TARGET SCENARIO PORT MODEL [stream]: check one request, warm up, measure, record.
run() {
  local target=$1 scenario=$2 port=$3 model=$4 stream=${5:-}
  local url="http://127.0.0.1:$port/v1/chat/completions" out="$TMP/$target-$scenario.wrk"
  local body="{\"model\":\"$model\",\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]${stream:+,\"stream\":true}}"
  local code
  code=$(curl -s -o "$TMP/check.body" -w '%{http_code}' -H 'Content-Type: application/json' \
    -H 'Authorization: Bearer bench-key' -d "$body" "$url") || code="curl failed"
  [[ $code == 200 ]] || { head -c 500 "$TMP/check.body" >&2; echo >&2; die "$target/$scenario: check request got $code"; }
  wrk -t1 -c32 -d"$WARMUP" -s "$HERE/chat.lua" "$url" -- "$model" $stream >/dev/null
  wrk -t1 -c32 -d"$DURATION" --latency -s "$HERE/chat.lua" "$url" -- "$model" $stream >"$out"
  local rss=-
  case $target in
    nginx) rss=$(rss_kb "$NGINX_PID") ;;
    keygate) rss=$(rss_kb "$KEYGATE_PID") ;;
  esac
  for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null || die "process $pid died during $target/$scenario"; done
  python3 "$HERE/report.py" add "$TMP/results.jsonl" "$target" "$scenario" "$out" "$rss"
  echo "done: $target/$scenario ($(grep Requests/sec "$out"))" >&2
}

for scenario in chat stream; do
  if [[ $scenario == chat ]]; then fake_model=fake-gpt kg_model=gpt-bench stream=""
  else fake_model=fake-gpt@tokens=20 kg_model=gpt-bench-stream stream=stream; fi
  run direct "$scenario" "$FAKE_PORT" "$fake_model" $stream
  run nginx "$scenario" "$NGINX_PORT" "$fake_model" $stream
  run keygate "$scenario" "$KEYGATE_PORT" "$kg_model" $stream
done

echo
echo "wrk -t1 -c32 -d$DURATION; chat = non-stream, stream = 20-token SSE stream (latency of the whole stream)"
echo
python3 "$HERE/report.py" table "$TMP/results.jsonl"
