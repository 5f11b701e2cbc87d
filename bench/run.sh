#!/usr/bin/env bash
# Benchmarks keygate against the fake provider called directly, through nginx and (with --peers)
# through LiteLLM's proxy and Portkey's gateway. Scenarios: see bench/README.md.
# Usage: bench/run.sh [--short] [--peers|--no-peers]
#   (binaries from ${KEYGATE_BUILD_DIR:-build}, relative to the repo root)
set -euo pipefail

SHORT=no PEERS=""
for arg in "$@"; do
  case $arg in
    --short) SHORT=yes ;;
    --peers) PEERS=yes ;;
    --no-peers) PEERS=no ;;
    *) echo "usage: $0 [--short] [--peers|--no-peers]" >&2; exit 2 ;;
  esac
done
if [[ $SHORT == yes ]]; then
  DURATION=2 WARMUP=1s S3_SECONDS=2 S5_STREAMS=500 S5_TOKENS=5 PEERS=${PEERS:-no}
else
  DURATION=10 WARMUP=2s S3_SECONDS=10 S5_STREAMS=10000 S5_TOKENS=60 PEERS=${PEERS:-yes}
fi
S4_TOKENS=100 S4_STREAMS=8
S5_TIMEOUT=$((S5_TOKENS + 60))   # one token a second, plus time to open every stream

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
BUILD=$(cd "$ROOT" && realpath -m "${KEYGATE_BUILD_DIR:-build}")
for bin in "$BUILD/fake_provider" "$BUILD/keygate"; do
  [[ -x $bin ]] || { echo "error: $bin not found; build the project first" >&2; exit 1; }
done
for tool in wrk nginx python3 curl go; do
  command -v "$tool" >/dev/null || { echo "error: $tool not installed (apt-get install -y wrk nginx-light curl; Go from go.dev)" >&2; exit 1; }
done
[[ $PEERS == no ]] || for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "error: --peers needs $tool" >&2; exit 1; }
done

TMP=$(mktemp -d /tmp/keygate-bench.XXXXXX)
source "$HERE/lib/common.sh"
source "$HERE/lib/targets.sh"
source "$HERE/lib/scenarios.sh"
source "$HERE/lib/peers.sh"
trap cleanup EXIT

# Each S5 stream holds two descriptors in keygate (client and upstream); children inherit this.
# Where the hard limit is lower (a container without CAP_SYS_RESOURCE), S5 uses fewer streams.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
S5_MAX=$(( ($(ulimit -n) - 100) / 2 / 50 * 50 )) S5_CAP=""
if ((S5_STREAMS > S5_MAX)); then
  S5_CAP=" (not $S5_STREAMS: ulimit -n is $(ulimit -n) here)"; S5_STREAMS=$S5_MAX
  note "S5 runs $S5_STREAMS streams$S5_CAP"
fi

ensure_vegeta
build_streamclient
detect_translator
start_fake
start_nginx
start_keygate
T_PORT[direct]=$FAKE_PORT T_CHAT[direct]=fake-gpt T_STREAM[direct]="fake-gpt@tokens=$S4_TOKENS"
T_PORT[nginx]=$NGINX_PORT T_PID[nginx]=$NGINX_PID T_CHAT[nginx]=fake-gpt T_STREAM[nginx]="fake-gpt@tokens=$S4_TOKENS"
T_PORT[keygate]=$KEYGATE_PORT T_PID[keygate]=$KEYGATE_PID T_CHAT[keygate]=gpt-bench T_STREAM[keygate]=gpt-bench-stream
CORE=(direct nginx keygate)

result footprint keygate "idle_rss_kb=$KEYGATE_IDLE_KB" "startup_ms=$(startup_ms)"

for t in "${CORE[@]}"; do s1 "$t"; done
for t in "${CORE[@]}"; do s2 "$t"; done
S3_RATE=$(result get keygate S1 throughput)
S3_RATE=$(( ${S3_RATE%.*} * ${S3_PERCENT:-50} / 100 ))   # S3_PERCENT: share of keygate's S1 rate
((S3_RATE > 0)) || die "no keygate throughput from S1 to set the S3 rate"
for t in "${CORE[@]}"; do s3 "$t" "$S3_RATE"; done
for t in "${CORE[@]}"; do s4 "$t"; done
s5
for t in "${CORE[@]}"; do [[ -z ${T_PID[$t]:-} ]] || alive "$t" "${T_PID[$t]}"; done
alive fake "$FAKE_PID"

if [[ $PEERS == yes ]]; then
  run_peer litellm
  run_peer portkey
fi

echo
echo "S1/S2 wrk -t1 -c32 -d${DURATION}s; S3 vegeta at $S3_RATE/s for ${S3_SECONDS}s; S4 $S4_STREAMS concurrent" \
  "$S4_TOKENS-token streams for ${DURATION}s; S5 $S5_STREAMS streams$S5_CAP of $S5_TOKENS tokens at 1 token/s"
echo
targets=(); [[ $SHORT == yes ]] || targets=(--targets)
report_rc=0
python3 "$HERE/report.py" table "$TMP/results.jsonl" "${targets[@]}" || report_rc=$?

# S4's second target, heap allocations per forwarded chunk on the passthrough path (heaptrack).
if ! command -v heaptrack >/dev/null; then
  note "heaptrack is not installed: allocations per chunk not measured"
  exit "$report_rc"
fi
alloc_args=(20 500); [[ $SHORT == yes ]] && alloc_args=(4 100)
alloc_line=$(bash "$HERE/alloc_per_chunk.sh" "${alloc_args[@]}") || die "allocation count failed"
echo "$alloc_line"
if [[ $SHORT == no ]]; then
  per_chunk=${alloc_line##*: }
  if python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) < 0.05 else 1)" "$per_chunk"; then
    echo "- S4 no heap allocation per forwarded chunk: met ($per_chunk per chunk)"
  else
    echo "- S4 no heap allocation per forwarded chunk: NOT MET ($per_chunk per chunk)"
    ((report_rc != 0)) || report_rc=3
  fi
fi
exit "$report_rc"
