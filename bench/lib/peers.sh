# Other gateways, installed under $BUILD on first use (sourced by bench/run.sh).
# start_litellm / start_portkey set the T_* entries and return 0, or set PEER_ERROR and return 1.
LITELLM_VENV=$BUILD/bench-venv
PORTKEY_DIR=$BUILD/bench-portkey
PORTKEY_VERSION=1.15.2

# wait_http NAME PID URL SECONDS: poll URL until it answers 200; prints the ms since START_NS, or
# why not (and returns 1).
wait_http() {
  local name=$1 pid=$2 u=$3 end=$((SECONDS + $4))
  while ((SECONDS < end)); do
    kill -0 "$pid" 2>/dev/null || { echo "$name exited: $(grep -v '^\s*$' "$TMP/$name.log" | tail -n 1 | cut -c1-160)"; return 1; }
    if [[ $(curl -s -m 2 -o /dev/null -w '%{http_code}' "$u") == 200 ]]; then
      echo $(( ($(date +%s%N) - START_NS) / 1000000 )); return 0
    fi
    sleep 0.05
  done
  echo "$name did not answer $u within $4 s"; return 1
}

start_litellm() {
  if [[ ! -x $LITELLM_VENV/bin/litellm ]]; then
    note "installing litellm[proxy] into $LITELLM_VENV"
    { python3 -m venv "$LITELLM_VENV" && "$LITELLM_VENV/bin/pip" install -q 'litellm[proxy]'; } >"$TMP/litellm-install.log" 2>&1 \
      || { PEER_ERROR="pip install litellm[proxy] failed: $(tail -n 1 "$TMP/litellm-install.log" | cut -c1-160)"; return 1; }
  fi
  local port; port=$(free_port)
  local api="api_base: http://127.0.0.1:$FAKE_PORT/v1, api_key: bench-key"
  cat >"$TMP/litellm.yaml" <<YAML
model_list:
  - {model_name: gpt-bench, litellm_params: {model: openai/fake-gpt, $api}}
  - {model_name: gpt-bench-stream, litellm_params: {model: "openai/fake-gpt@tokens=$S4_TOKENS", $api}}
litellm_settings: {telemetry: false}
YAML
  START_NS=$(date +%s%N)
  # No master key: like keygate on loopback, requests need no key.
  LITELLM_DANGEROUSLY_PERMIT_WEAK_OR_UNSET_MASTER_KEY=true LITELLM_LOG=ERROR \
    "$LITELLM_VENV/bin/litellm" --config "$TMP/litellm.yaml" --host 127.0.0.1 --port "$port" --num_workers 1 \
    >"$TMP/litellm.log" 2>&1 &
  local pid=$!; PIDS+=("$pid")
  local ms; ms=$(wait_http litellm "$pid" "http://127.0.0.1:$port/health/liveliness" 180) || { PEER_ERROR=$ms; return 1; }
  T_PORT[litellm]=$port T_PID[litellm]=$pid T_CHAT[litellm]=gpt-bench T_STREAM[litellm]=gpt-bench-stream
  sleep 1
  result footprint litellm "idle_rss_kb=$(rss_kb "$pid")" "startup_ms=$ms"
}

start_portkey() {
  if [[ ! -f $PORTKEY_DIR/node_modules/@portkey-ai/gateway/build/start-server.js ]]; then
    note "installing @portkey-ai/gateway@$PORTKEY_VERSION into $PORTKEY_DIR"
    mkdir -p "$PORTKEY_DIR"
    echo "{\"private\": true, \"dependencies\": {\"@portkey-ai/gateway\": \"$PORTKEY_VERSION\"}}" >"$PORTKEY_DIR/package.json"
    (cd "$PORTKEY_DIR" && npm install --no-audit --no-fund) >"$TMP/portkey-install.log" 2>&1 \
      || { PEER_ERROR="npm install @portkey-ai/gateway failed: $(tail -n 1 "$TMP/portkey-install.log" | cut -c1-160)"; return 1; }
  fi
  local port; port=$(free_port)
  START_NS=$(date +%s%N)
  # The gateway has no listen-address option: loopback.cjs pins it to 127.0.0.1.
  (cd "$PORTKEY_DIR" && NODE_ENV=production exec node --require "$HERE/lib/loopback.cjs" \
    node_modules/@portkey-ai/gateway/build/start-server.js --port="$port" --headless) >"$TMP/portkey.log" 2>&1 &
  local pid=$!; PIDS+=("$pid")
  local ms; ms=$(wait_http portkey "$pid" "http://127.0.0.1:$port/" 60) || { PEER_ERROR=$ms; return 1; }
  T_PORT[portkey]=$port T_PID[portkey]=$pid T_CHAT[portkey]=fake-gpt T_STREAM[portkey]="fake-gpt@tokens=$S4_TOKENS"
  T_HEADERS[portkey]=$(printf 'x-portkey-provider: openai\nx-portkey-custom-host: http://127.0.0.1:%s/v1' "$FAKE_PORT")
  sleep 1
  result footprint portkey "idle_rss_kb=$(rss_kb "$pid")" "startup_ms=$ms"
}

# run_peer NAME: start it, then S1, S4 and S3 (at keygate's rate); a peer that fails is reported, not fatal.
run_peer() {
  local name=$1
  PEER_ERROR=""
  if ! "start_$name"; then
    note "$name not run: $PEER_ERROR"
    result note "$name" all "not run: $PEER_ERROR"
    return
  fi
  s1 "$name"; s4 "$name"; s3 "$name" "$S3_RATE"
  kill "${T_PID[$name]}" 2>/dev/null; wait "${T_PID[$name]}" 2>/dev/null || true
}
