#!/usr/bin/env bash
# Soak: mixed load through keygate for a long time (every provider on the fake provider, streams
# and whole answers, injected faults, clients hanging up mid-stream) while keygate's RSS and open
# descriptors are sampled every second. After the warm-up both must stay flat: the median of the
# last tenth of the run may exceed the median of the first tenth after warm-up by at most 5%
# (descriptors: 5% or 2, whichever is larger).
# Usage: bench/soak.sh [SECONDS]   (default 1800; CI runs 120)
set -euo pipefail

SECONDS_TOTAL=${1:-1800}
CONCURRENCY=${SOAK_CONCURRENCY:-24}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
BUILD=$(cd "$ROOT" && realpath -m "${KEYGATE_BUILD_DIR:-build}")
TMP=$(mktemp -d /tmp/keygate-soak.XXXXXX)
source "$HERE/lib/common.sh"
trap cleanup EXIT

"$BUILD/fake_provider" --host 127.0.0.1 --port 0 --port-file "$TMP/fake.port" --threads 1 >"$TMP/fake.log" 2>&1 &
FAKE_PID=$!; PIDS+=("$FAKE_PID")
FAKE_PORT=$(wait_up fake "$FAKE_PID" "$TMP/fake.port") || die "fake_provider did not start"
F="http://127.0.0.1:$FAKE_PORT"

cat >"$TMP/keygate.yaml" <<YAML
server: {host: 127.0.0.1, port: 4000, threads: 2}
log: {level: warn}
router: {retries: 1}
models:
  - {name: gpt, provider: openai, model: "fake-gpt@tokens=12", api_base: "$F/v1", api_key: soak-key}
  - {name: gpt-stream, provider: openai, model: "fake-gpt@tokens=30,itl=2", api_base: "$F/v1", api_key: soak-key}
  - {name: claude, provider: anthropic, model: "claude-fake@tokens=20", api_base: "$F/v1", api_key: soak-key}
  - {name: gemini, provider: gemini, model: "gemini-fake@tokens=20", api_base: "$F/v1beta", api_key: soak-key}
  - {name: mistral, provider: mistral, model: "mistral-fake@tokens=20", api_base: "$F/mistral/v1", api_key: soak-key}
  - {name: ollama, provider: ollama, model: "llama3.2@tokens=20", api_base: "$F"}
  - {name: embed, provider: openai, model: fake-embed, api_base: "$F/v1", api_key: soak-key}
  - {name: gpt-midreset, provider: openai, model: "fake-gpt@reset=mid_stream,tokens=6", api_base: "$F/v1", api_key: soak-key}
  - {name: gpt-500, provider: openai, model: "fake-gpt@status=500", api_base: "$F/v1", api_key: soak-key}
  - {name: gpt-429, provider: openai, model: "fake-gpt@status=429", api_base: "$F/v1", api_key: soak-key}
  - name: gpt-fallback
    retries: 0
    fallbacks: [gpt]
    deployments:
      - {name: broken, provider: openai, model: "fake-gpt@status=503", api_base: "$F/v1", api_key: soak-key}
YAML
"$BUILD/keygate" --config "$TMP/keygate.yaml" --port 0 --port-file "$TMP/keygate.port" >"$TMP/keygate.log" 2>&1 &
KEYGATE_PID=$!; PIDS+=("$KEYGATE_PID")
KEYGATE_PORT=$(wait_up keygate "$KEYGATE_PID" "$TMP/keygate.port") || die "keygate did not start"

# A failing deployment cools down: meanwhile its model answers 503 (no healthy deployment).
CASES='[
 {"model":"gpt","kind":"chat","expect":[200]}, {"model":"gpt-stream","kind":"stream","expect":[200]},
 {"model":"claude","kind":"chat","expect":[200]}, {"model":"claude","kind":"stream","expect":[200]},
 {"model":"gemini","kind":"chat","expect":[200]}, {"model":"gemini","kind":"stream","expect":[200]},
 {"model":"mistral","kind":"chat","expect":[200]}, {"model":"mistral","kind":"stream","expect":[200]},
 {"model":"ollama","kind":"chat","expect":[200]}, {"model":"ollama","kind":"stream","expect":[200]},
 {"model":"embed","kind":"embed","expect":[200]}, {"model":"gpt-midreset","kind":"stream","expect":[200,503]},
 {"model":"gpt-500","kind":"chat","expect":[500,503]}, {"model":"gpt-429","kind":"chat","expect":[429,503]},
 {"model":"gpt-fallback","kind":"chat","expect":[200]}]'

echo "soak: ${SECONDS_TOTAL}s of mixed load, $CONCURRENCY clients, keygate pid $KEYGATE_PID"
python3 "$HERE/soak_load.py" "$KEYGATE_PORT" "$SECONDS_TOTAL" "$CONCURRENCY" "$CASES" >"$TMP/load.json" &
LOAD_PID=$!
: >"$TMP/samples"
while kill -0 "$LOAD_PID" 2>/dev/null; do
  alive keygate "$KEYGATE_PID"
  echo "$(rss_kb "$KEYGATE_PID") $(ls "/proc/$KEYGATE_PID/fd" | wc -l)" >>"$TMP/samples"
  sleep 1
done
wait "$LOAD_PID" || die "the load generator failed"
alive keygate "$KEYGATE_PID"

python3 - "$TMP/samples" "$TMP/load.json" <<'PY'
import json, statistics, sys
samples = [tuple(map(int, line.split())) for line in open(sys.argv[1]) if line.strip()]
counts = json.load(open(sys.argv[2]))
n = len(samples)
warm = max(10, n // 5)  # the first fifth (at least 10 s) is warm-up
window = max(5, n // 10)
first, last = samples[warm:warm + window], samples[-window:]
ok = n >= warm + 2 * window
rows = []
for i, name in ((0, "RSS kB"), (1, "open fds")):
    a = statistics.median(s[i] for s in first) if ok else 0
    b = statistics.median(s[i] for s in last) if ok else 0
    allowed = a * 1.05 if i == 0 else max(a * 1.05, a + 2)
    flat = ok and b <= allowed
    ok = ok and flat
    rows.append(f"{name}: after warm-up {a:.0f}, at the end {b:.0f}, "
                f"min {min(s[i] for s in samples)}, max {max(s[i] for s in samples)} -> "
                f"{'flat' if flat else 'GROWING'}")
bad = {k: v for k, v in counts.items() if k.startswith(("unexpected", "transport_error"))}
print(f"soak: {n} samples; requests {counts.get('requests', 0)} "
      f"({counts.get('hang_ups', 0)} hung up mid-stream on purpose)")
print("\n".join("soak: " + r for r in rows))
if bad:
    print("soak: unexpected outcomes:", json.dumps(bad))
sys.exit(0 if ok and not bad and counts.get("requests", 0) > 0 else 1)
PY
