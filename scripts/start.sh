#!/usr/bin/env bash
# Installs the dependencies, builds, and starts keygate on 127.0.0.1:4000 with config.example.yaml.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
# Only the binary: the tests and the fake provider are scripts/test.sh's to build.
scripts/build.sh --target keygate
exec "${KEYGATE_BUILD_DIR:-build}/keygate" --config "${KEYGATE_CONFIG:-config.example.yaml}"
