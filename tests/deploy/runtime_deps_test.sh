#!/usr/bin/env bash
# `scripts/install-deps.sh --runtime` names a package for every shared library the keygate
# binary links directly, so the Docker image's runtime stage can run it; the base image has the
# C and C++ runtimes. Usage: runtime_deps_test.sh REPO_ROOT KEYGATE_BINARY.
set -euo pipefail
repo=$1 binary=$2
bash -n "$repo/scripts/install-deps.sh"
listed=$("$repo/scripts/install-deps.sh" --runtime --print)
grep -qx curl <<<"$listed" || { echo "curl (the image's HEALTHCHECK) is not listed"; exit 1; }
# libpq is not linked but loaded when a PostgreSQL ledger connects (gateway/storage/libpq_api.hpp).
grep -qx libpq5 <<<"$listed" || { echo "libpq5 (loaded for a PostgreSQL ledger) is not listed"; exit 1; }
base="libc6 libstdc++6 libgcc-s1"
missing=0
# Whole outputs captured first: a pipe cut short by `exit` or `head` would fail under pipefail.
cache=$(ldconfig -p)
for lib in $(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
  # A sanitizer build links the sanitizers' runtimes; no image ships that build.
  case $lib in libasan.so* | libubsan.so* | libtsan.so* | liblsan.so*) continue ;; esac
  path=$(awk -v lib="$lib" '$1 == lib && /x86-64|x86_64|AArch64/ {print $NF}' <<<"$cache")
  path=${path%%$'\n'*}
  [ -n "$path" ] || { echo "cannot find $lib"; missing=1; continue; }
  owner=$(dpkg -S "$(readlink -f "$path")" 2>/dev/null || dpkg -S "$path" 2>/dev/null || true)
  package=${owner%%:*}
  [ -n "$package" ] || { echo "no package owns $path"; missing=1; continue; }
  case " $base " in *" $package "*) continue ;; esac
  grep -qx "$package" <<<"$listed" || { echo "$lib comes from $package, not in --runtime"; missing=1; }
done
[ $missing -eq 0 ] && echo "every linked library has its runtime package"
exit $missing
