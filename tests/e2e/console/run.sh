#!/usr/bin/env bash
# The console's browser tests (console/e2e, Playwright) against the real keygate binary and the
# fake provider, in Debian's Chromium. Binaries come from $KEYGATE_BUILD_DIR (default
# <repo>/build). Prints Playwright's summary ("N passed", "N skipped", "N failed").
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$HERE/../../.." && pwd)"
BUILD_DIR="${KEYGATE_BUILD_DIR:-$REPO_ROOT/build}"
for bin in keygate fake_provider; do
  if [[ ! -x "$BUILD_DIR/$bin" ]]; then
    echo "console e2e: $BUILD_DIR/$bin is missing; build it first" >&2
    exit 2
  fi
done
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ ! -x "$CHROMIUM_PATH" ]]; then
  echo "console e2e: no Chromium at $CHROMIUM_PATH (scripts/install-deps.sh --with-test-tools)" >&2
  exit 2
fi

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT

# Waits for a port file's first line; prints it.
wait_port() {
  local file=$1
  for _ in $(seq 1 200); do
    if [[ -s "$file" ]]; then head -1 "$file"; return 0; fi
    sleep 0.05
  done
  return 1
}

"$BUILD_DIR/fake_provider" --port 0 --port-file "$work/fake.port" >"$work/fake.log" 2>&1 &
pids+=($!)
fake_port=$(wait_port "$work/fake.port") || { echo "console e2e: the fake did not start"; exit 2; }
sed "s|FAKE|http://127.0.0.1:$fake_port/v1|" "$HERE/keygate.console.yaml" >"$work/keygate.yaml"
"$BUILD_DIR/keygate" --config "$work/keygate.yaml" --port-file "$work/keygate.port" \
  >"$work/keygate.log" 2>&1 &
pids+=($!)
port=$(wait_port "$work/keygate.port") || {
  echo "console e2e: keygate did not start"; cat "$work/keygate.log"; exit 2
}

# More failed requests than the requests page loads at once (100), so its spec can page through
# errors: the first finds nothing listening, the rest find the deployment cooling down.
for _ in $(seq 1 120); do
  curl -s -o /dev/null "http://127.0.0.1:$port/v1/chat/completions" \
    -H "Authorization: Bearer sk-e2e-master-000000000000000" -H "Content-Type: application/json" \
    -d '{"model": "unreachable", "messages": [{"role": "user", "content": "hi"}]}'
done

# One answer and two replays of it from the response cache: the spend page's savings.
for _ in 1 2 3; do
  curl -s -o /dev/null "http://127.0.0.1:$port/v1/chat/completions" \
    -H "Authorization: Bearer sk-e2e-master-000000000000000" -H "Content-Type: application/json" \
    -d '{"model": "remembered", "temperature": 0, "messages": [{"role": "user", "content": "hi"}]}'
done

cd "$REPO_ROOT/console" || exit 2
if [[ ! -d node_modules ]]; then
  npm ci --no-audit --no-fund --loglevel=error || exit 2
fi
export KEYGATE_URL="http://127.0.0.1:$port"
export KEYGATE_KEY="sk-e2e-user-00000000000000000"
export KEYGATE_SPENT_KEY="sk-e2e-spent-0000000000000000"
export KEYGATE_MASTER_KEY="sk-e2e-master-000000000000000"
export KEYGATE_OTHER_KEY_ID="e2e-spent"
export KEYGATE_MODEL="gpt-4.1-mini"
export KEYGATE_FAILING_MODEL="unreachable"
# The running configuration file: the config spec breaks it and puts it back.
export KEYGATE_CONFIG_FILE="$work/keygate.yaml"
# Every spec, the admin pages' (e2e/admin-*) included; name some as arguments to run only those.
specs=("$@")
if [[ ${#specs[@]} -eq 0 ]]; then
  specs=(e2e/*.spec.ts)
fi
npx --no-install playwright test --reporter=list "${specs[@]}"
rc=$?
if [[ $rc -ne 0 ]]; then
  echo "== console e2e: keygate's log (last 40 lines)"
  tail -40 "$work/keygate.log"
fi
exit $rc
