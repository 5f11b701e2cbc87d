#!/usr/bin/env bash
# The PostgreSQL ledger's figures (docs/ledger.md, "Measured"): rows written per second (plain and
# durable appends), the spool's write and replay rates, and spend queries over a million rows,
# whose p95 must stay within 200 ms (the one figure asserted). Runs the PostgresLedgerBench tests
# of the unit test binary against a throwaway PostgreSQL with fsync on.
# Usage: bench/ledger_pg.sh   (after scripts/build.sh; KEYGATE_BUILD_DIR as there)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${KEYGATE_BUILD_DIR:-$PWD/build}
binary=$build/tests/unit_tests
[ -x "$binary" ] || { echo "ledger_pg.sh: build first ($binary missing)" >&2; exit 1; }
scripts/postgres-test-server.sh available ||
  { echo "ledger_pg.sh: PostgreSQL is not installed (scripts/install-deps.sh --with-test-tools)" >&2; exit 1; }
KEYGATE_PG_BENCH=1 PG_FSYNC=on KEYGATE_REQUIRE_POSTGRES=1 \
  "$binary" --gtest_filter='PostgresLedgerBench.*' 2>&1 |
  grep -v '^\[ *\(RUN\|OK\) *\]\|^Running main\|^Note:\|^$'
