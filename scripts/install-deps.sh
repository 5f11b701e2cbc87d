#!/usr/bin/env bash
# Installs everything keygate needs to build, run and test, from Debian bookworm packages.
# Idempotent: packages already present are skipped by apt.
#   --with-test-tools  also the tools the test suites and benchmarks use
#   --runtime          only what the built binary needs to run (the Docker image's runtime stage)
#   --print            list the packages it would consider, one a line, and install nothing
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsimdjson-dev libyaml-cpp-dev libssl-dev prometheus-cpp-dev
  libsqlite3-dev libhiredis-dev libpq-dev libgtest-dev libgmock-dev libbenchmark-dev
  ca-certificates curl
  # The web console's front end is built into the binary (KEYGATE_CONSOLE, docs/console.md):
  # Node.js 18.19 or newer and npm; bookworm's nodejs is 18.19.
  nodejs npm
)
# clang-14: the sanitizer and libFuzzer build (scripts/test-sanitizers.sh, scripts/fuzz.sh).
# postgresql: the server the shared-ledger tests start in a temporary directory.
# prometheus: promtool and the server the Grafana dashboard test scrapes keygate with.
# heaptrack: the benchmark's allocations per forwarded stream chunk (bench/alloc_per_chunk.sh).
# chromium: the console's browser tests (tests/e2e/console/run.sh), Debian's build, never
# Playwright's own download.
test_packages=(wrk nginx-light redis-server postgresql openssl python3 python3-venv golang-go
  prometheus systemd clang-14 libclang-rt-14-dev heaptrack chromium)
# The shared libraries the keygate binary links (ldd build/keygate), plus CA certificates for
# upstream TLS and curl for health checks.
runtime_packages=(
  libboost-json1.81.0 libboost-container1.81.0 libboost-url1.81.0
  libsimdjson14 libyaml-cpp0.7 libssl3 libprometheus-cpp-core1.0
  libsqlite3-0 libhiredis0.14 libpq5
  ca-certificates curl
)

want=("${packages[@]}")
print_only=false
for arg in "$@"; do
  case "$arg" in
    --with-test-tools) want+=("${test_packages[@]}") ;;
    --runtime) want=("${runtime_packages[@]}") ;;
    --print) print_only=true ;;
    *) echo "install-deps.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done
if $print_only; then
  printf '%s\n' "${want[@]}"
  exit 0
fi

missing=()
for p in "${want[@]}"; do
  # Tools that came with the machine (python3, node) need no Debian package.
  case "$p" in
    python3) command -v python3 >/dev/null && continue ;;
    python3-venv) python3 -m venv --help >/dev/null 2>&1 && continue ;;
    nodejs|npm) command -v node >/dev/null && command -v npm >/dev/null && continue ;;
    golang-go) command -v go >/dev/null && continue ;;  # the benchmark's load tools
  esac
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
