#!/usr/bin/env bash
# Runs clang-tidy (.clang-tidy) on the given files, or on every source file. It needs a compile
# database without GCC's precompiled header, so it configures one of its own (nothing is built).
set -euo pipefail
cd "$(dirname "$0")/.."
db=build-tidy
cmake -S . -B "$db" -G Ninja -DCMAKE_DISABLE_PRECOMPILE_HEADERS=ON -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
  >/dev/null
files=("$@")
[ ${#files[@]} -eq 0 ] && mapfile -t files < <(git ls-files '*.cpp')
clang-tidy -p "$db" --quiet --extra-arg=-Wno-unknown-warning-option "${files[@]}"
