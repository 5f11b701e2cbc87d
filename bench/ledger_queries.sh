#!/usr/bin/env bash
# The admin API on a big ledger: fills a temporary ledger (keygate's own schema, made by keygate
# itself) with ROWS requests over the last 30 days, starts keygate on it and times, over RUNS calls
# each, a page of requests (with and without filters) and a month of daily spend. Prints p50 and
# p95 per query; exits 1 when a p95 passes LIMIT_MS (default 200). Binaries come from
# $KEYGATE_BUILD_DIR (default <repo>/build).
#   bench/ledger_queries.sh [ROWS]        (default 1000000)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$HERE/.." && pwd)"
BUILD_DIR="${KEYGATE_BUILD_DIR:-$REPO_ROOT/build}"
ROWS="${1:-1000000}"
RUNS="${RUNS:-60}"
LIMIT_MS="${LIMIT_MS:-200}"
[[ -x "$BUILD_DIR/keygate" ]] || { echo "ledger bench: build $BUILD_DIR/keygate first" >&2; exit 2; }

work=$(mktemp -d)
pid=""
cleanup() {
  if [[ -n "$pid" ]]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

master="sk-bench-master-0000000000000"
cat >"$work/keygate.yaml" <<YAML
server: {host: 127.0.0.1, port: 0, threads: 2}
log: {level: warn, access_log: false}
auth: {master_key: $master}
ledger: {path: $work/ledger.db}
models:
  - {name: gpt-4o, provider: mock}
YAML

start_keygate() {
  rm -f "$work/port"
  "$BUILD_DIR/keygate" --config "$work/keygate.yaml" --port-file "$work/port" \
    >"$work/keygate.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 400); do [[ -s "$work/port" ]] && break; sleep 0.05; done
  [[ -s "$work/port" ]] || { echo "ledger bench: keygate did not start" >&2; cat "$work/keygate.log"; exit 2; }
}
stop_keygate() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }

# keygate makes the schema (every migration, indexes and triggers); the rows go in through SQL.
start_keygate
stop_keygate
echo "filling $ROWS rows..."
python3 "$HERE/lib/fill_ledger.py" "$work/ledger.db" "$ROWS"
start_keygate
port=$(head -1 "$work/port")
python3 "$HERE/lib/time_admin_queries.py" "$port" "$master" "$RUNS" "$LIMIT_MS"
