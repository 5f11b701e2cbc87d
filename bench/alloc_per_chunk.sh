#!/usr/bin/env bash
# Heap allocations per forwarded stream chunk on the OpenAI passthrough path, counted by heaptrack.
# keygate (one thread, access log and metrics on) runs under heaptrack twice: once serving STREAMS
# streams of 10 tokens, once the same streams with 10 + EXTRA tokens. The fake provider waits 1 ms
# between tokens, so each token is its own upstream read and its own write to the client. Whatever
# a request costs once (parsing, routing, the ledger, the access line) is the same in both runs;
# the difference, divided by the extra chunks, is what one forwarded chunk allocates.
# Usage: bench/alloc_per_chunk.sh [STREAMS] [EXTRA]   (default 20 streams, 500 extra tokens)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
BUILD=$(cd "$ROOT" && realpath -m "${KEYGATE_BUILD_DIR:-build}")
TMP=$(mktemp -d)
STREAMS=${1:-20}
EXTRA=${2:-500}
source "$HERE/lib/common.sh"
trap cleanup EXIT
command -v heaptrack >/dev/null || die "heaptrack is missing (apt-get install -y heaptrack)"

"$BUILD/fake_provider" --host 127.0.0.1 --port 0 --port-file "$TMP/fake.port" --threads 1 \
  >"$TMP/fake.log" 2>&1 &
FAKE_PID=$!; PIDS+=("$FAKE_PID")
FAKE_PORT=$(wait_up fake "$FAKE_PID" "$TMP/fake.port") || die "fake_provider did not start"

# allocations TOKENS: allocation calls of one keygate run that serves STREAMS streams of TOKENS.
allocations() {
  local tokens=$1 out="$TMP/run-$1"
  mkdir -p "$out"
  cat >"$out/keygate.yaml" <<YAML
server: {host: 127.0.0.1, port: 4000, threads: 1}
log: {level: info, access_log: true, file: "$out/access.log"}
ledger: {path: "$out/ledger.db"}
models:
  - {name: s, provider: openai, model: "fake-gpt@tokens=$tokens,itl=1", api_base: "http://127.0.0.1:$FAKE_PORT/v1", api_key: bench-key}
YAML
  heaptrack -o "$out/heaptrack" "$BUILD/keygate" --config "$out/keygate.yaml" --port 0 \
    --port-file "$out/keygate.port" >"$out/keygate.log" 2>&1 &
  local pid=$!
  local port; port=$(wait_up "run-$tokens/keygate" "$pid" "$out/keygate.port" 30) || die "keygate did not start"
  python3 - "$port" "$STREAMS" "$tokens" <<'PY' || die "streams failed"
import http.client, json, sys, threading
port, streams, tokens = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
body = json.dumps({"model": "s", "stream": True, "messages": [{"role": "user", "content": "hi"}]})
errors = []
def one():
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    c.request("POST", "/v1/chat/completions", body, {"content-type": "application/json"})
    r = c.getresponse()
    text = r.read().decode()
    chunks = text.count('"chat.completion.chunk"')
    if r.status != 200 or "data: [DONE]" not in text or chunks < tokens:
        errors.append((r.status, chunks))
for batch in range(0, streams, 10):  # ten at a time, like a busy client
    threads = [threading.Thread(target=one) for _ in range(min(10, streams - batch))]
    for t in threads: t.start()
    for t in threads: t.join()
sys.exit(f"bad streams: {errors[:3]}" if errors else 0)
PY
  local kg; kg=$(pgrep -P "$pid" -f "$BUILD/keygate" || true)
  kill -TERM "${kg:-$pid}"; wait "$pid" || true
  local data; data=$(ls "$out"/heaptrack*.zst "$out"/heaptrack*.gz 2>/dev/null | head -1)
  [[ -n $data ]] || die "heaptrack wrote no data"
  heaptrack_print -f "$data" 2>/dev/null | grep -oP 'calls to allocation functions: \K\d+'
}

base=$(allocations 10)
more=$(allocations $((10 + EXTRA)))
chunks=$((STREAMS * EXTRA))
python3 - "$base" "$more" "$chunks" "$STREAMS" <<'PY'
import sys
base, more, chunks, streams = (int(x) for x in sys.argv[1:])
print(f"alloc per chunk: {streams} streams of 10 tokens: {base} allocation calls; "
      f"with {chunks} more chunks: {more}; per extra chunk: {(more - base) / chunks:.3f}")
PY
