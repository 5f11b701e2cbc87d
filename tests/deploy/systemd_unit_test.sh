#!/usr/bin/env bash
# deploy/systemd/keygate.service passes `systemd-analyze verify`, pointed at the built binary.
# Usage: systemd_unit_test.sh REPO_ROOT KEYGATE_BINARY. Exit 77 (skipped) without systemd-analyze.
set -euo pipefail
repo=$1 binary=$2
command -v systemd-analyze >/dev/null || { echo "systemd-analyze not installed: skipped"; exit 77; }
dir=$(mktemp -d /tmp/keygate-unit-XXXXXX)
trap 'rm -rf "$dir"' EXIT
sed "s|/usr/local/bin/keygate|$binary|g" "$repo/deploy/systemd/keygate.service" >"$dir/keygate.service"
output=$(systemd-analyze verify "$dir/keygate.service" 2>&1) || { echo "$output"; exit 1; }
# verify reports some problems as warnings with a zero exit: any line naming the unit fails too.
if grep -q "keygate.service" <<<"$output"; then echo "$output"; exit 1; fi
for setting in NoNewPrivileges=yes ProtectSystem=strict StateDirectory=keygate \
  'ExecReload=/bin/kill -HUP $MAINPID'; do
  grep -qxF "$setting" "$dir/keygate.service" || { echo "missing: $setting"; exit 1; }
done
echo "keygate.service verified"
