#!/usr/bin/env bash
# Configures and builds keygate (Release by default) into ${KEYGATE_BUILD_DIR:-build}: everything,
# or only the targets named with --target (scripts/start.sh builds just the binary).
#   scripts/build.sh [--target T ...] [-DCMAKE_OPTION=VALUE ...]
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${KEYGATE_BUILD_DIR:-build}
export CCACHE_BASEDIR=$PWD
export CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache}
jobs=${KEYGATE_JOBS:-$(nproc)}
targets=() options=()
while [ $# -gt 0 ]; do
  case "$1" in
    --target) targets+=(--target "$2"); shift 2 ;;
    *) options+=("$1"); shift ;;
  esac
done
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="${KEYGATE_BUILD_TYPE:-Release}" \
  -DKEYGATE_WERROR="${KEYGATE_WERROR:-ON}" "${options[@]}" >/dev/null
cmake --build "$build_dir" -j "$jobs" "${targets[@]}"
