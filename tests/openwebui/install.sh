#!/usr/bin/env bash
# Installs Open WebUI (pinned in requirements.txt beside this script) into a virtual environment
# kept across runs, $KEYGATE_OPENWEBUI_DIR (default ~/.cache/keygate/open-webui): over a gigabyte,
# so it is installed once per machine and skipped while the pin is unchanged and it imports.
# Prints the seconds the install took, or that it was already there. Exits non-zero on failure.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DIR="${KEYGATE_OPENWEBUI_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/keygate/open-webui}"
# Open WebUI wants Python 3.11 or 3.12.
PYTHON="${KEYGATE_OPENWEBUI_PYTHON:-}"
if [[ -z "$PYTHON" ]]; then
  for candidate in python3.11 python3.12 python3; do
    if command -v "$candidate" >/dev/null &&
      "$candidate" -c 'import sys; sys.exit(0 if (3, 11) <= sys.version_info[:2] <= (3, 12) else 1)'; then
      PYTHON=$candidate
      break
    fi
  done
fi
[[ -n "$PYTHON" ]] || { echo "open-webui: no Python 3.11 or 3.12 to install it with" >&2; exit 2; }

if cmp -s "$HERE/requirements.txt" "$DIR/requirements.txt" && [[ -x "$DIR/bin/open-webui" ]] &&
  "$DIR/bin/python" -c 'import open_webui' 2>/dev/null; then
  echo "open-webui: already installed in $DIR"
  exit 0
fi

started=$SECONDS
echo "open-webui: installing into $DIR (once per machine; over a gigabyte)"
rm -rf "$DIR"
mkdir -p "$(dirname "$DIR")"
"$PYTHON" -m venv "$DIR" || exit 2
export PIP_DISABLE_PIP_VERSION_CHECK=1
"$DIR/bin/python" -m pip install -q --upgrade pip || exit 2
"$DIR/bin/python" -m pip install -q -r "$HERE/requirements.txt" || exit 2
"$DIR/bin/python" -c 'import open_webui' || exit 2
# The stamp last: an install cut short is started over next time.
cp "$HERE/requirements.txt" "$DIR/requirements.txt"
echo "open-webui: installed in $((SECONDS - started)) s"
