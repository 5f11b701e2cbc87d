#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests and benchmarks of the shared ledger, as the tests
# start a real redis-server: a cluster made with initdb in DIR, listening on 127.0.0.1:PORT with
# trust authentication for the superuser `keygate` and a database `keygate`.
#   postgres-test-server.sh available          exit 0 when the server programs are installed
#   postgres-test-server.sh start DIR PORT     initdb (first time) and start; waits until it answers
#   postgres-test-server.sh stop DIR           fast shutdown (waits)
#   postgres-test-server.sh kill DIR           SIGKILL the postmaster (a crash)
# initdb and postgres refuse to run as root: as root, the cluster belongs to the `postgres` user
# (Debian's package makes it) or to `nobody`. PG_FSYNC=on keeps fsync (benchmarks); tests turn it off.
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
[ -n "$bin" ] && [ -x "$bin/initdb" ] || { echo "postgresql server programs not installed" >&2; exit 77; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    local user=postgres
    id -u postgres >/dev/null 2>&1 || user=nobody
    runuser -u "$user" -- "$@"
  else
    "$@"
  fi
}

cmd=${1:-}
case "$cmd" in
  available) exit 0 ;;
  start)
    dir=$2 port=$3
    if [ "$(id -u)" -eq 0 ]; then
      user=postgres
      id -u postgres >/dev/null 2>&1 || user=nobody
      chown "$user" "$dir"
    fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      # initdb once per machine and version into a template, copied for each server after: a
      # fresh cluster in a fraction of initdb's time.
      template=${TMPDIR:-/tmp}/keygate-pg-template-$(basename "$(dirname "$bin")")-$(id -u)
      (
        flock 9
        if [ ! -f "$template/done" ]; then
          rm -rf "$template" && mkdir -p "$template"
          owner=$(id -un)
          if [ "$(id -u)" -eq 0 ]; then owner=postgres; id -u postgres >/dev/null 2>&1 || owner=nobody; fi
          chown "$owner" "$template"
          as_owner "$bin/initdb" -D "$template/data" -U keygate --auth=trust -E UTF8 \
            --locale=C.UTF-8 >"$template.log" 2>&1 || { cat "$template.log" >&2; exit 1; }
          touch "$template/done"
        fi
      ) 9>"$template.lock" || exit 1
      cp -a "$template/data" "$dir/data"
    fi
    fsync=off
    [ "${PG_FSYNC:-off}" = on ] && fsync=on
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=$fsync -c max_connections=50" \
      >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    if ! "$bin/psql" -h 127.0.0.1 -p "$port" -U keygate -d postgres -Atqc \
      "SELECT 1 FROM pg_database WHERE datname = 'keygate'" | grep -q 1; then
      "$bin/createdb" -h 127.0.0.1 -p "$port" -U keygate keygate
    fi
    ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$2/data" -w -t 30 -m fast stop >/dev/null
    ;;
  kill)
    pid=$(head -1 "$2/data/postmaster.pid")
    kill -9 "$pid"
    ;;
  *)
    echo "usage: $0 available | start DIR PORT | stop DIR | kill DIR" >&2
    exit 2
    ;;
esac
