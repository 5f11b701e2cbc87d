# The scenarios (sourced by bench/run.sh). Each target is described by:
#   T_PORT[t] T_PID[t] (empty for direct) T_CHAT[t] T_STREAM[t] (model names) T_HEADERS[t] (lines)
declare -A T_PORT T_PID T_CHAT T_STREAM T_HEADERS

url() { echo "http://127.0.0.1:${T_PORT[$1]}${2:-/v1/chat/completions}"; }
headers() { [[ -n ${T_HEADERS[$1]:-} ]] && printf '%s\n' "${T_HEADERS[$1]}"; return 0; }
# failed TARGET SCENARIO: record a failed check request, with the first error line of the target's log.
failed() {
  local hint=""
  [[ -f $TMP/$1.log ]] && hint=$(grep -m1 -E 'Error|error' "$TMP/$1.log" | cut -c1-120 || true)
  result note "$1" "$2" "failed: $CHECK_ERROR${hint:+ (log: $hint)}" error
}
chat_body() { printf '{"model":"%s","messages":[{"role":"user","content":"hello there"}]%s}' "$1" "${2:+,\"stream\":true}"; }

# watch_target TARGET SECONDS: start sampling the target's RSS (not for direct: that is the fake).
watch_target() {
  RSS_OUT=$TMP/rss.$1.peak; RSS_WATCH=""
  if [[ -n ${T_PID[$1]:-} ]]; then rss_watch "${T_PID[$1]}" "$2" "$RSS_OUT"; else echo - >"$RSS_OUT"; fi
}
watched_rss() { [[ -n $RSS_WATCH ]] && { kill "$RSS_WATCH" 2>/dev/null; wait "$RSS_WATCH" 2>/dev/null; }; cat "$RSS_OUT"; }

# wrk_run TARGET SCENARIO URL BODY_FILE [HEADER...]: closed loop, wrk -t1 -c32, after a warm-up.
wrk_run() {
  local target=$1 scenario=$2 u=$3 body=$4 out="$TMP/$1-$2.wrk"
  shift 4
  check_request "$u" "$body" "$@" || { failed "$target" "$scenario"; return; }
  wrk -t1 -c32 -d"$WARMUP" -s "$HERE/chat.lua" "$u" -- "$body" "$@" >/dev/null
  watch_target "$target" $((DURATION + 5))
  wrk -t1 -c32 -d"${DURATION}s" --latency -s "$HERE/chat.lua" "$u" -- "$body" "$@" >"$out"
  result wrk "$target" "$scenario" "$out" "$(watched_rss)"
  note "done: $target/$scenario ($(grep Requests/sec "$out"))"
}

s1() {
  local t=$1; chat_body "${T_CHAT[$t]}" >"$TMP/s1-$t.json"
  local hs=(); mapfile -t hs < <(headers "$t")
  wrk_run "$t" S1 "$(url "$t")" "$TMP/s1-$t.json" "${hs[@]}"
}

# S2: OpenAI request translated to Anthropic. The baselines send the native Anthropic request.
s2() {
  local t=$1
  if [[ $TRANSLATOR != yes ]]; then
    [[ $t == keygate ]] && result note keygate S2 "n/a (no translator yet)"
    return
  fi
  if [[ $t == keygate ]]; then
    chat_body claude-bench >"$TMP/s2.json"
    wrk_run keygate S2 "$(url keygate)" "$TMP/s2.json"
  else
    echo '{"model":"fake-claude","max_tokens":64,"messages":[{"role":"user","content":"hello there"}]}' >"$TMP/s2-native.json"
    wrk_run "$t" S2 "$(url "$t" /v1/messages)" "$TMP/s2-native.json" "x-api-key: bench-key" "anthropic-version: 2023-06-01"
  fi
}

# S3: open loop at a fixed rate with vegeta; percentiles from every response.
s3() {
  local t=$1 rate=$2 u; u=$(url "$t")
  chat_body "${T_CHAT[$t]}" >"$TMP/s3-$t.json"
  { echo "POST $u"; echo "Content-Type: application/json"; echo "Authorization: Bearer bench-key"
    headers "$t"; echo "@$TMP/s3-$t.json"; } >"$TMP/s3-$t.targets"
  local attack=("$VEGETA" attack -targets="$TMP/s3-$t.targets" -rate="$rate/s" -max-body=0 -timeout=5s
    -workers=64 -max-workers=1024)
  "${attack[@]}" -duration=1s >/dev/null
  watch_target "$t" $((S3_SECONDS + 10))
  "${attack[@]}" -duration="${S3_SECONDS}s" >"$TMP/s3-$t.bin"
  "$VEGETA" encode --to csv "$TMP/s3-$t.bin" >"$TMP/s3-$t.csv"
  result vegeta "$t" S3 "$TMP/s3-$t.csv" "$rate" "$(watched_rss)"
  note "done: $t/S3 at $rate/s"
}

# S4: 100-token streams, closed loop with S4_STREAMS concurrent streams.
s4() {
  local t=$1 hs=() args=()
  mapfile -t hs < <(headers "$t")
  for h in "${hs[@]}"; do args+=(-H "$h"); done
  chat_body "${T_STREAM[$t]}" stream >"$TMP/s4-$t.json"
  check_request "$(url "$t")" "$TMP/s4-$t.json" "${hs[@]}" || { failed "$t" S4; return; }
  watch_target "$t" $((DURATION + 10))
  "$STREAMCLIENT" -url "$(url "$t")" -model "${T_STREAM[$t]}" -n "$S4_STREAMS" -duration "${DURATION}s" \
    -warmup "${WARMUP}" -min-chunks "$S4_TOKENS" "${args[@]}" >"$TMP/s4-$t.out" 2>"$TMP/s4-$t.err" || true
  result streams "$t" S4 "$TMP/s4-$t.out" "$(watched_rss)"
  note "done: $t/S4 ($(cut -d' ' -f3-5 "$TMP/s4-$t.out"))"
}

# S5: S5_STREAMS slow streams held at once through a fresh keygate (so that the earlier runs'
# high-water mark is not counted); peak RSS and RSS per stream over that keygate's idle RSS.
s5() {
  local t=keygate
  kill "$KEYGATE_PID"; wait "$KEYGATE_PID" 2>/dev/null || true
  start_keygate
  T_PORT[keygate]=$KEYGATE_PORT T_PID[keygate]=$KEYGATE_PID
  watch_target "$t" $((S5_TIMEOUT + 5))
  "$STREAMCLIENT" -url "$(url "$t")" -model gpt-bench-slow -n "$S5_STREAMS" -hold -timeout "${S5_TIMEOUT}s" \
    -min-chunks "$S5_TOKENS" >"$TMP/s5.out" 2>"$TMP/s5.err" || true
  result hold "$t" S5 "$TMP/s5.out" "$(watched_rss)" "$KEYGATE_IDLE_KB"
  note "done: $t/S5 ($(cut -d' ' -f3-6 "$TMP/s5.out"))"
  [[ -s $TMP/s5.err ]] && note "S5 client errors: $(head -c 500 "$TMP/s5.err")"
  return 0
}
