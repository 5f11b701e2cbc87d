#!/usr/bin/env bash
# Real agent clients finish tool-using tasks through keygate, with the fake provider playing the
# model (docs/fake-provider.md#agent-turns):
# - Claude Code (`claude -p`, ANTHROPIC_BASE_URL at keygate) reads a file in its working directory,
#   on an OpenAI-format and on a Gemini-format model (the Messages door, translated);
# - Codex (`codex exec`, a model provider with wire_api = "responses") runs a shell command, on an
#   Anthropic-format and on an OpenAI chat-format model (an openai_compatible deployment): the
#   Responses door, translated.
# The clients are installed once per machine into $KEYGATE_AGENTS_DIR (pinned in package.json
# beside this script) and run with no network but keygate. Binaries come from $KEYGATE_BUILD_DIR.
# Ends with "agents: N passed, N failed".
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$HERE/../.." && pwd)"
BUILD_DIR="$(cd "${KEYGATE_BUILD_DIR:-$REPO_ROOT/build}" && pwd)" || exit 2
AGENTS_DIR="${KEYGATE_AGENTS_DIR:-$HOME/.cache/keygate/agents}"
TIMEOUT_S=120

install_clients() {
  mkdir -p "$AGENTS_DIR"
  if cmp -s "$HERE/package.json" "$AGENTS_DIR/package.json" &&
    [[ -x "$AGENTS_DIR/node_modules/.bin/claude" && -x "$AGENTS_DIR/node_modules/.bin/codex" ]]; then
    return 0
  fi
  echo "== agents: installing Claude Code and Codex into $AGENTS_DIR"
  cp "$HERE/package.json" "$AGENTS_DIR/package.json"
  (cd "$AGENTS_DIR" && npm install --no-audit --no-fund --loglevel=error)
}
install_clients || { echo "agents: install failed"; exit 2; }

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
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
fake=$(wait_port "$work/fake.port") || { echo "agents: the fake provider did not start"; exit 2; }
cat >"$work/keygate.yaml" <<YAML
server: {host: 127.0.0.1, port: 0, threads: 1}
log: {level: warn}
router: {retries: 0}
ledger: {path: $work/ledger.db}
models:
  - {name: agent-openai, provider: openai, model: fake-gpt, api_base: "http://127.0.0.1:$fake/v1", api_key: test-key}
  - {name: agent-gemini, provider: gemini, model: gemini-fake, api_base: "http://127.0.0.1:$fake/v1beta", api_key: test-key}
  - {name: agent-claude, provider: anthropic, model: claude-fake, api_base: "http://127.0.0.1:$fake/v1", api_key: test-key}
  - {name: agent-chat, provider: openai_compatible, model: fake-gpt, api_base: "http://127.0.0.1:$fake/v1", api_key: test-key}
YAML
"$BUILD_DIR/keygate" --config "$work/keygate.yaml" --port-file "$work/keygate.port" \
  >"$work/keygate.log" 2>&1 &
pids+=($!)
port=$(wait_port "$work/keygate.port") || { echo "agents: keygate did not start"; exit 2; }

passed=0
failed=0
check() {  # name, output file, what the output must hold, [file that must exist with text]
  local name=$1 out=$2 expect=$3
  if grep -qF -- "$expect" "$out" && { [[ $# -lt 5 ]] || grep -qF -- "$5" "$4"; }; then
    echo "ok   $name"
    passed=$((passed + 1))
  else
    echo "FAIL $name"
    tail -n 30 "$out" | sed 's/^/     /'
    failed=$((failed + 1))
  fi
}

claude_reads_a_file() {  # model
  local dir="$work/claude-$1"
  mkdir -p "$dir/home" "$dir/project"
  echo "The secret word is pelican-$1." >"$dir/project/notes.txt"
  (cd "$dir/project" && env -i PATH="$PATH" HOME="$dir/home" \
    ANTHROPIC_BASE_URL="http://127.0.0.1:$port" ANTHROPIC_API_KEY=sk-agent-test \
    ANTHROPIC_DEFAULT_HAIKU_MODEL="$1" ANTHROPIC_SMALL_FAST_MODEL="$1" \
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS=1 \
    DISABLE_AUTOUPDATER=1 DISABLE_TELEMETRY=1 DISABLE_ERROR_REPORTING=1 \
    timeout "$TIMEOUT_S" "$AGENTS_DIR/node_modules/.bin/claude" -p --model "$1" \
    --allowedTools Read -- "Please read the file $dir/project/notes.txt and tell me what it says." \
    </dev/null >"$dir/out" 2>&1)
  check "claude code reads a file through keygate ($1)" "$dir/out" "pelican-$1"
}

codex_runs_a_command() {  # model
  local dir="$work/codex-$1"
  mkdir -p "$dir/home" "$dir/codex" "$dir/project"
  cat >"$dir/codex/config.toml" <<TOML
model = "$1"
model_provider = "keygate"

[model_providers.keygate]
name = "keygate"
base_url = "http://127.0.0.1:$port/v1"
env_key = "KEYGATE_API_KEY"
wire_api = "responses"
TOML
  (cd "$dir/project" && env -i PATH="$PATH" HOME="$dir/home" CODEX_HOME="$dir/codex" \
    KEYGATE_API_KEY=sk-agent-test \
    timeout "$TIMEOUT_S" "$AGENTS_DIR/node_modules/.bin/codex" exec --skip-git-repo-check \
    --dangerously-bypass-approvals-and-sandbox \
    "Please run the command \`echo codex-$1 > proof.txt\` and tell me how it went." \
    </dev/null >"$dir/out" 2>&1)
  check "codex runs a command through keygate ($1)" "$dir/out" "Done. The tool said:" \
    "$dir/project/proof.txt" "codex-$1"
}

claude_reads_a_file agent-openai
claude_reads_a_file agent-gemini
codex_runs_a_command agent-claude
codex_runs_a_command agent-chat
codex_runs_a_command agent-openai  # native: the fake's own Responses API

echo "agents: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
