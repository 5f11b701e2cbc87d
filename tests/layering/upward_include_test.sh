#!/usr/bin/env bash
# The build gives each layer an include root that links only the folders it may see
# (CMakeLists.txt, keygate_layer). This checks that the roots do what they promise: a header of the
# engine compiles from the engine's root, and the same include from the configuration layer's root
# fails for want of the file.
#   upward_include_test.sh COMPILER LAYER_ROOTS SOURCE
set -uo pipefail
compiler=$1 roots=$2 source=$3
compile() { "$compiler" -std=c++20 -fsyntax-only -I"$roots/$1" -x c++ "$source" 2>&1; }
if ! out=$(compile engine); then
  echo "the engine's own root cannot compile its header:"; echo "$out"; exit 1
fi
if out=$(compile config); then
  echo "the configuration layer's root compiled an include of the engine"; exit 1
fi
# GCC says "No such file or directory", Clang "file not found".
if ! grep -Eq "gateway/engine/routing_table.hpp(: No such file|' file not found)" <<<"$out"; then
  echo "the upward include failed for another reason than a missing file:"; echo "$out"; exit 1
fi
echo "ok: an upward include does not compile"
