# Starting the fake provider, nginx and keygate (sourced by bench/run.sh).

start_fake() {
  "$BUILD/fake_provider" --host 127.0.0.1 --port 0 --port-file "$TMP/fake.port" --threads 1 >"$TMP/fake.log" 2>&1 &
  FAKE_PID=$!; PIDS+=("$FAKE_PID")
  FAKE_PORT=$(wait_up fake "$FAKE_PID" "$TMP/fake.port") || die "fake_provider did not start"
}

start_nginx() {
  NGINX_PORT=$(free_port)
  mkdir -p "$TMP/nginx"
  local user_line=""; [[ $EUID -eq 0 ]] && user_line="user $(id -un) $(id -gn);"
  sed -e "s|@TMP@|$TMP/nginx|g" -e "s|@LISTEN_PORT@|$NGINX_PORT|" -e "s|@UPSTREAM_PORT@|$FAKE_PORT|" \
    -e "s|@USER_LINE@|$user_line|" "$HERE/nginx.conf.template" >"$TMP/nginx/nginx.conf"
  nginx -p "$TMP/nginx" -e "$TMP/nginx/nginx-error.log" -c "$TMP/nginx/nginx.conf" >"$TMP/nginx.log" 2>&1 &
  NGINX_PID=$!; PIDS+=("$NGINX_PID")
  wait_up nginx "$NGINX_PID" "$NGINX_PORT" >/dev/null || die "nginx did not start"
}

# keygate_config FILE: one-thread keygate with the bench models, all pointing at the fake provider,
# with its features on as users run it: the access log (to a file) and /metrics.
keygate_config() {
  cat >"$1" <<YAML
server:
  host: 127.0.0.1
  port: 4000
  threads: 1
  limits: {max_connections: 20000}
log: {level: info, access_log: true, file: "$TMP/keygate-access.log"}
models:
  - {name: gpt-bench, provider: openai, model: fake-gpt, api_base: "http://127.0.0.1:$FAKE_PORT/v1", api_key: bench-key}
  - {name: gpt-bench-stream, provider: openai, model: "fake-gpt@tokens=$S4_TOKENS", api_base: "http://127.0.0.1:$FAKE_PORT/v1", api_key: bench-key}
  - {name: gpt-bench-slow, provider: openai, model: "fake-gpt@tokens=$S5_TOKENS,itl=1000", api_base: "http://127.0.0.1:$FAKE_PORT/v1", api_key: bench-key}
YAML
  if [[ $TRANSLATOR == yes ]]; then
    echo "  - {name: claude-bench, provider: anthropic, model: fake-claude, api_base: \"http://127.0.0.1:$FAKE_PORT/v1\", api_key: bench-key}" >>"$1"
  fi
}

# Does this keygate build know the Anthropic provider? (scenario 2 needs it)
detect_translator() {
  cat >"$TMP/anthropic-probe.yaml" <<YAML
models:
  - {name: c, provider: anthropic, model: fake-claude, api_base: "http://127.0.0.1:9/v1", api_key: k}
YAML
  if "$BUILD/keygate" --check-config "$TMP/anthropic-probe.yaml" >"$TMP/anthropic-probe.log" 2>&1; then
    TRANSLATOR=yes
  else
    TRANSLATOR=no
  fi
}

start_keygate() {
  keygate_config "$TMP/keygate.yaml"
  rm -f "$TMP/keygate.port"; [[ -f $TMP/keygate.log ]] && mv "$TMP/keygate.log" "$TMP/keygate-before.log"
  "$BUILD/keygate" --config "$TMP/keygate.yaml" --port 0 --port-file "$TMP/keygate.port" >"$TMP/keygate.log" 2>&1 &
  KEYGATE_PID=$!; PIDS+=("$KEYGATE_PID")
  KEYGATE_PORT=$(wait_up keygate "$KEYGATE_PID" "$TMP/keygate.port") || die "keygate did not start"
  sleep 0.5
  KEYGATE_IDLE_KB=$(rss_kb "$KEYGATE_PID")
}

# startup_ms: median over 5 starts of a second keygate, from exec to the first 200 from /health.
startup_ms() {
  python3 - "$BUILD/keygate" "$TMP/keygate.yaml" "$(free_port)" <<'PY'
import http.client, statistics, subprocess, sys, time
keygate, config, port = sys.argv[1], sys.argv[2], sys.argv[3]
times = []
for _ in range(5):
    start = time.monotonic()
    p = subprocess.Popen([keygate, "--config", config, "--port", port],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.monotonic() - start < 10:
            try:
                c = http.client.HTTPConnection("127.0.0.1", int(port), timeout=1)
                c.request("GET", "/health")
                if c.getresponse().status == 200:
                    times.append((time.monotonic() - start) * 1000)
                    break
            except OSError:
                time.sleep(0.001)
        else:
            sys.exit("keygate did not answer /health within 10 s")
    finally:
        p.terminate()
        p.wait(10)
print(f"{statistics.median(times):.1f}")
PY
}
