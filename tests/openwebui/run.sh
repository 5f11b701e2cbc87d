#!/usr/bin/env bash
# Open WebUI in front of keygate, as a household shares one: Open WebUI (pip open-webui, installed
# once per machine by install.sh) runs offline with sign-in on and ENABLE_FORWARD_USER_INFO_HEADERS,
# its OpenAI connection pointed at keygate's /v1 with one virtual key, the fake provider playing the
# model. Two users sign in (the first signs up as admin and adds the second) and chat through its
# HTTP API (drive.py); keygate's /admin/spend?group_by=end_user must show each of them. Binaries
# come from $KEYGATE_BUILD_DIR.
# Ends with "open-webui: N passed, N failed"; an install that fails is a failure, never a skip.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$HERE/../.." && pwd)"
BUILD_DIR="$(cd "${KEYGATE_BUILD_DIR:-$REPO_ROOT/build}" && pwd)" || exit 2
DIR="${KEYGATE_OPENWEBUI_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/keygate/open-webui}"
export KEYGATE_OPENWEBUI_DIR="$DIR"

fail() {
  echo "open-webui: $1"
  echo "open-webui: 0 passed, 1 failed"
  exit 1
}
bash "$HERE/install.sh" || fail "install failed"

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT

wait_port() {
  for _ in $(seq 1 200); do
    [[ -s "$1" ]] && { head -1 "$1"; return 0; }
    sleep 0.05
  done
  return 1
}

"$BUILD_DIR/fake_provider" --host 127.0.0.1 --port 0 --port-file "$work/fake.port" --threads 1 \
  >"$work/fake.log" 2>&1 &
pids+=($!)
fake=$(wait_port "$work/fake.port") || fail "the fake provider did not start"
master=sk-owui-master-0000000000000000
household=sk-owui-household-000000000000
cat >"$work/keygate.yaml" <<YAML
server: {host: 127.0.0.1, port: 0, threads: 1}
log: {level: warn}
ledger: {path: $work/ledger.db}
auth:
  master_key: $master
  keys:
    - {id: household, key: $household, alias: household}
models:
  - {name: house-model, provider: openai, model: "fake-gpt@tokens=6", api_base: "http://127.0.0.1:$fake/v1", api_key: test-key, price: {input: 1, output: 2}}
YAML
"$BUILD_DIR/keygate" --config "$work/keygate.yaml" --port-file "$work/keygate.port" \
  >"$work/keygate.log" 2>&1 &
pids+=($!)
port=$(wait_port "$work/keygate.port") || fail "keygate did not start"

webui_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$work/webui-data" "$work/home"
# Offline: no telemetry, no update check, no model downloads, no local embedding model (the RAG
# engine is an OpenAI-style API it never calls here), no Ollama.
env -i PATH="$DIR/bin:/usr/bin:/bin" HOME="$work/home" DATA_DIR="$work/webui-data" \
  WEBUI_AUTH=True WEBUI_SECRET_KEY=keygate-open-webui-test-secret-0123456789 ENABLE_SIGNUP=True \
  ENABLE_FORWARD_USER_INFO_HEADERS=True BYPASS_MODEL_ACCESS_CONTROL=True \
  ENABLE_OPENAI_API=True OPENAI_API_BASE_URL="http://127.0.0.1:$port/v1" \
  OPENAI_API_KEY="$household" ENABLE_OLLAMA_API=False \
  OFFLINE_MODE=True HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 \
  RAG_EMBEDDING_ENGINE=openai RAG_EMBEDDING_MODEL_AUTO_UPDATE=False \
  RAG_RERANKING_MODEL_AUTO_UPDATE=False WHISPER_MODEL_AUTO_UPDATE=False \
  ENABLE_VERSION_UPDATE_CHECK=False SCARF_NO_ANALYTICS=true DO_NOT_TRACK=true \
  ANONYMIZED_TELEMETRY=false ENABLE_TITLE_GENERATION=False ENABLE_TAGS_GENERATION=False \
  ENABLE_FOLLOW_UP_GENERATION=False ENABLE_AUTOCOMPLETE_GENERATION=False \
  GLOBAL_LOG_LEVEL=WARNING \
  "$DIR/bin/open-webui" serve --host 127.0.0.1 --port "$webui_port" >"$work/webui.log" 2>&1 &
webui_pid=$!
pids+=("$webui_pid")

started=$SECONDS
python3 "$HERE/drive.py" --webui "http://127.0.0.1:$webui_port" --keygate "http://127.0.0.1:$port" \
  --master-key "$master" --key-id household --model house-model --pid "$webui_pid"
rc=$?
echo "open-webui: test took $((SECONDS - started)) s"
if [[ $rc -ne 0 ]]; then
  echo "== open-webui: its log (last 40 lines)"
  tail -40 "$work/webui.log"
  echo "== open-webui: keygate's log (last 20 lines)"
  tail -20 "$work/keygate.log"
fi
exit $rc
