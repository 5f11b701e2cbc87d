"""A Vertex AI deployment behind keygate, through the official openai SDK: keygate signs the
service account's assertion, trades it at the fake's /token and calls Gemini and Claude on Vertex
with the token (docs/vertex.md)."""

from __future__ import annotations

from pathlib import Path

import openai
import pytest

import harness
from harness import MESSAGES, expected_text
from vertex_account import PROJECT, make_service_account, revoke_tokens, vertex_state


def vertex_config(fake_port: int, key_file: Path) -> str:
    entries = []
    for name, model, location in [("vertex-gemini", "gemini-fake@tokens=4", "us-central1"),
                                  ("vertex-claude", "claude-fake@tokens=3", "us-east5")]:
        entries.append(
            f"  - name: {name}\n    provider: vertex\n    model: \"{model}\"\n    project: {PROJECT}\n"
            f"    location: {location}\n    api_base: http://127.0.0.1:{fake_port}\n"
            f"    credentials_file: {key_file}\n")
    return ("server:\n  host: 127.0.0.1\n  port: 0\n  threads: 2\nlog:\n  level: info\n"
            "router:\n  retries: 0\nmodels:\n" + "".join(entries))


@pytest.fixture(scope="module")
def work_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("keygate-vertex")


@pytest.fixture(scope="module")
def account(fake_provider, work_dir) -> tuple[dict, Path]:
    return make_service_account(fake_provider, work_dir, "gateway-e2e@test-project.iam")


@pytest.fixture(scope="module")
def vertex_gateway(fake_provider, work_dir, account):
    _, key_file = account
    config = work_dir / "keygate.yaml"
    config.write_text(vertex_config(fake_provider.port, key_file))
    server = harness.start("keygate", [str(harness.binary("keygate")), "--config", str(config), "--port", "0"],
                           work_dir)
    harness.wait_healthy(server)
    yield server
    assert server.stop() == 0


@pytest.fixture(scope="module")
def vertex_client(vertex_gateway) -> openai.OpenAI:
    c = openai.OpenAI(base_url=vertex_gateway.root_url + "/v1", api_key="anything", max_retries=0, timeout=15)
    yield c
    c.close()


def test_gemini_on_vertex(vertex_client, fake_provider):
    resp = vertex_client.chat.completions.create(model="vertex-gemini", messages=MESSAGES)
    assert resp.choices[0].message.content == expected_text(4)
    assert vertex_state(fake_provider)["last_path"] == (
        f"/v1/projects/{PROJECT}/locations/us-central1/publishers/google/models/gemini-fake@tokens=4:generateContent")


def test_claude_on_vertex_streamed(vertex_client, fake_provider):
    stream = vertex_client.chat.completions.create(model="vertex-claude", messages=MESSAGES, stream=True)
    text = "".join(chunk.choices[0].delta.content or "" for chunk in stream if chunk.choices)
    assert text == expected_text(3)
    assert vertex_state(fake_provider)["last_path"].endswith(":streamRawPredict")


def test_revoked_token_names_the_deployment_then_recovers(vertex_client, vertex_gateway, account, fake_provider):
    vertex_client.chat.completions.create(model="vertex-gemini", messages=MESSAGES)
    revoke_tokens(fake_provider)
    with pytest.raises(openai.AuthenticationError) as caught:
        vertex_client.chat.completions.create(model="vertex-gemini", messages=MESSAGES)
    assert "Deployment 'vertex-gemini'" in caught.value.message
    assert caught.value.body["code"] == "upstream_authentication_failed"
    resp = vertex_client.chat.completions.create(model="vertex-gemini", messages=MESSAGES)
    assert resp.choices[0].message.content == expected_text(4)
    key_line = account[0]["private_key"].splitlines()[5]
    assert key_line not in vertex_gateway.log_path.read_text()
