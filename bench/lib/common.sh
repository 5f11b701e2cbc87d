# Helpers shared by bench/run.sh and bench/lib/*.sh (sourced, not run).
# Expects HERE, ROOT, BUILD and TMP to be set.

PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  # KEEP_TMP=1 keeps the scratch directory (logs, profiles) for a look afterwards.
  if [[ -n ${KEEP_TMP:-} ]]; then note "kept $TMP"; else rm -rf "$TMP"; fi
}

die() { echo "error: $*" >&2; exit 1; }
note() { echo "bench: $*" >&2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
result() { python3 "$HERE/report.py" "$1" "$TMP/results.jsonl" "${@:2}"; }

# wait_up NAME PID PORT_FILE|PORT [SECONDS]: wait until the port file is written (if given) and the
# port accepts connections; prints the port. Returns 1 (after printing the log tail) on failure.
wait_up() {
  local name=$1 pid=$2 port=$3 tries=$(( ${4:-10} * 10 ))
  for _ in $(seq "$tries"); do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 20 "$TMP/$name.log" >&2; note "$name exited during startup"; return 1
    fi
    if [[ -f $port ]]; then [[ -s $port ]] && port=$(cat "$port") || { sleep 0.1; continue; }; fi
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && { echo "$port"; return 0; }
    sleep 0.1
  done
  note "$name did not start listening"; return 1
}

descendants() { local c; echo "$1"; for c in $(pgrep -P "$1"); do descendants "$c"; done; }

# rss_kb PID: VmRSS of the process and its descendants, in kB.
rss_kb() {
  local total=0 pid rss
  for pid in $(descendants "$1"); do
    rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null) || rss=0
    total=$((total + ${rss:-0}))
  done
  echo "$total"
}

# rss_watch PID SECONDS OUT: in the background, sample rss_kb every 0.2 s for at most SECONDS and
# keep the peak in OUT. Sets RSS_WATCH to the sampler's pid.
rss_watch() {
  local pid=$1 seconds=$2 out=$3
  echo 0 >"$out"
  ( peak=0; end=$((SECONDS + seconds))
    while ((SECONDS < end)) && kill -0 "$pid" 2>/dev/null; do
      r=$(rss_kb "$pid"); ((r > peak)) && { peak=$r; echo "$peak" >"$out"; }
      sleep 0.2
    done ) &
  RSS_WATCH=$!; PIDS+=("$RSS_WATCH")
}

# alive NAME PID: fail the run if a process we depend on died.
alive() { kill -0 "$2" 2>/dev/null || die "$1 (pid $2) died; log: $(tail -n 5 "$TMP/$1.log" 2>/dev/null)"; }

# check_request URL BODY_FILE [HEADER...]: one request must answer 200; else print why and return 1.
check_request() {
  local url=$1 body=$2 code args=()
  shift 2
  for h in "$@"; do args+=(-H "$h"); done
  code=$(curl -s -m 30 -o "$TMP/check.body" -w '%{http_code}' -H 'Content-Type: application/json' \
    -H 'Authorization: Bearer bench-key' "${args[@]}" --data-binary "@$body" "$url") || code="curl failed"
  [[ $code == 200 ]] && return 0
  CHECK_ERROR="got $code: $(head -c 200 "$TMP/check.body" | tr '\n' ' ')"
  note "$url: $CHECK_ERROR"
  return 1
}

# Tools that the harness installs or builds itself.
ensure_vegeta() {
  VEGETA=$(command -v vegeta || echo "$(go env GOPATH)/bin/vegeta")
  [[ -x $VEGETA ]] && return
  note "installing vegeta (go install)"
  # Pinned: builds with the Go of Debian 12 (1.19) as well as newer ones.
  go install github.com/tsenart/vegeta/v12@v12.8.4 || die "could not install vegeta"
}

build_streamclient() {
  STREAMCLIENT=$TMP/streamclient
  (cd "$HERE/streamclient" && go build -o "$STREAMCLIENT" .) || die "could not build bench/streamclient"
}
