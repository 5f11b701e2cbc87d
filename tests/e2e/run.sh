#!/usr/bin/env bash
# End-to-end suites: the official openai and anthropic SDKs (Python and Node) against keygate,
# which forwards to the fake provider. Binaries come from $KEYGATE_BUILD_DIR
# (default: <repo>/build). Run from anywhere, e.g. `bash tests/e2e/run.sh`.
set -uo pipefail

E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$E2E_DIR/../.." && pwd)"
BUILD_DIR="${KEYGATE_BUILD_DIR:-$REPO_ROOT/build}"
export KEYGATE_BUILD_DIR="$(cd "$BUILD_DIR" 2>/dev/null && pwd)" || {
  echo "e2e: build directory $BUILD_DIR does not exist" >&2
  exit 2
}
for bin in keygate fake_provider; do
  if [[ ! -x "$KEYGATE_BUILD_DIR/$bin" ]]; then
    echo "e2e: $KEYGATE_BUILD_DIR/$bin is missing; build it first" >&2
    exit 2
  fi
done

echo "== e2e: installing Python dependencies"
# A virtual environment of our own: Debian's system Python refuses pip installs (PEP 668).
VENV="$KEYGATE_BUILD_DIR/e2e-venv"
[[ -x "$VENV/bin/python3" ]] || python3 -m venv "$VENV" || exit 2
PIP_DISABLE_PIP_VERSION_CHECK=1 "$VENV/bin/python3" -m pip install -q -r "$E2E_DIR/requirements.txt" || exit 2
echo "== e2e: installing Node dependencies"
(cd "$E2E_DIR/node" && npm ci --no-audit --no-fund --loglevel=error) || exit 2

echo "== e2e: Python suite (pytest)"
(cd "$REPO_ROOT" && "$VENV/bin/python3" -m pytest -q -p no:cacheprovider tests/e2e/python)
py_rc=$?

echo "== e2e: Node suite (node --test)"
(cd "$E2E_DIR/node" && node --test --test-reporter=spec)
node_rc=$?

echo "== e2e: pytest exit $py_rc, node --test exit $node_rc"
if [[ $py_rc -ne 0 || $node_rc -ne 0 ]]; then
  exit 1
fi
