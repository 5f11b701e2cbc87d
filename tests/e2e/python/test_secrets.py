"""No secret leaves keygate: after a workload through several providers with known provider keys,
virtual keys and the master key, none of them appears in keygate's log, its /metrics text, any admin
or health answer, or any answer a client got (the one-time secret of a created key aside)."""

from __future__ import annotations

import json
import time

import httpx
import openai
import pytest

import harness

MASTER = "sk-master-e2e-secret-7f3a9c"
VIRTUAL = "sk-kg-e2e-virtual-secret-51d2"
PROVIDER_KEYS = {
    "openai": "sk-proj-e2e-openai-secret-0a1b2c3d",
    "anthropic": "sk-ant-e2e-anthropic-secret-4e5f",
    "gemini": "AIza-e2e-gemini-secret-6a7b8c9d",
    "mistral": "e2e-mistral-secret-0e1f2a3b",
}
# The fake refuses it and, as OpenAI does, quotes it back (masked) in its 401 answer.
REFUSED = "bad-key-e2e-refused-secret-9z8y7x"

CONFIG = """
server: {{host: 127.0.0.1, port: 0, threads: 1}}
log: {{level: info}}
router: {{retries: 0}}
models:
  - {{name: openai-chat, provider: openai, model: fake-gpt, api_base: "{f}/v1", api_key: {openai}}}
  - {{name: claude-chat, provider: anthropic, model: claude-fake, api_base: "{f}/v1", api_key: {anthropic}}}
  - {{name: gemini-chat, provider: gemini, model: gemini-fake, api_base: "{f}/v1beta", api_key: {gemini}}}
  - {{name: mistral-chat, provider: mistral, model: mistral-fake, api_base: "{f}/mistral/v1", api_key: {mistral}}}
  - {{name: refused-chat, provider: openai, model: fake-gpt, api_base: "{f}/v1", api_key: {refused}}}
auth:
  master_key: {master}
  keys:
    - {{id: e2e-user, key: {virtual}, alias: e2e-user}}
"""

MODELS = ["openai-chat", "claude-chat", "gemini-chat", "mistral-chat"]


def secrets() -> list[str]:
    pieces = [MASTER, VIRTUAL, REFUSED, *PROVIDER_KEYS.values()]
    # Distinctive middles too: a masked or cut copy still gives a key away.
    return pieces + [p[8:20] for p in pieces] + [REFUSED[-4:]]


@pytest.fixture(scope="module")
def gateway(tmp_path_factory, fake_provider):
    work = tmp_path_factory.mktemp("secrets")
    config = work / "keygate.yaml"
    config.write_text(CONFIG.format(f=f"http://127.0.0.1:{fake_provider.port}", master=MASTER,
                                    virtual=VIRTUAL, refused=REFUSED, **PROVIDER_KEYS))
    server = harness.start("keygate", [str(harness.binary("keygate")), "--config", str(config)], work)
    harness.wait_healthy(server)
    yield server
    assert server.stop() == 0


def test_no_secret_appears_anywhere(gateway):
    seen: list[str] = []  # every answer body and header a client got
    client = openai.OpenAI(base_url=gateway.root_url + "/v1", api_key=VIRTUAL, max_retries=0,
                           timeout=15)

    for model in MODELS:
        raw = client.chat.completions.with_raw_response.create(
            model=model, messages=[{"role": "user", "content": "hello"}])
        seen += [raw.text, json.dumps(dict(raw.headers))]
        with client.chat.completions.with_streaming_response.create(
                model=model, messages=[{"role": "user", "content": "hello"}], stream=True,
                stream_options={"include_usage": True}) as stream:
            seen += ["".join(stream.iter_text()), json.dumps(dict(stream.headers))]

    with pytest.raises(openai.AuthenticationError) as refused:
        client.chat.completions.create(model="refused-chat",
                                       messages=[{"role": "user", "content": "hello"}])
    seen.append(refused.value.response.text)
    assert "[redacted]" in refused.value.response.text

    for wrong in ("sk-kg-not-a-key", MASTER[:-1]):
        answer = httpx.post(gateway.root_url + "/v1/chat/completions",
                            headers={"authorization": f"Bearer {wrong}"},
                            json={"model": "openai-chat", "messages": []}, timeout=10)
        assert answer.status_code == 401
        seen.append(answer.text)
        last_refused_id = answer.headers["x-request-id"]

    admin = {"authorization": f"Bearer {MASTER}"}
    created = httpx.post(gateway.root_url + "/admin/keys", headers=admin,
                         json={"alias": "made-here"}, timeout=10)
    assert created.status_code in (200, 201), created.text
    made = created.json()
    new_secret = made.get("key") or made.get("secret")
    assert new_secret and new_secret.startswith("sk-kg-")
    for path in ["/admin/keys", f"/admin/keys/{made['id']}", "/admin/spend?group_by=key",
                 "/admin/spend?group_by=model", "/health", "/health/ready", "/v1/models",
                 "/metrics"]:
        answer = httpx.get(gateway.root_url + path, headers=admin, timeout=10)
        # /health/ready says 503 "degraded": the refused deployment is cooling down.
        assert answer.status_code == (503 if path == "/health/ready" else 200), (path, answer.text)
        seen += [answer.text, json.dumps(dict(answer.headers))]
    metrics = seen[-2]
    assert "keygate_requests_total" in metrics

    # keygate writes its log a few milliseconds after the fact; once the last refused request's
    # line is in, so is every line before it.
    deadline = time.monotonic() + 5
    log = gateway.log_path.read_text(errors="replace")
    while (last_refused_id not in log or made["id"] not in log) and time.monotonic() < deadline:
        time.sleep(0.02)
        log = gateway.log_path.read_text(errors="replace")
    assert last_refused_id in log and made["id"] in log
    assert "e2e-user" in log, "the access log names the key by its id"
    for secret in secrets() + [new_secret, new_secret[6:20]]:
        for where, text in [("the log", log)] + [(f"answer {i}", t) for i, t in enumerate(seen)]:
            assert secret not in text, f"{secret!r} found in {where}"
