"""The official openai SDK over HTTPS, against a keygate whose listener has TLS (server.tls)."""

from __future__ import annotations

import ssl
import subprocess

import httpx
import openai
import pytest

import harness
from conftest import CLIENT_TIMEOUT_S
from harness import MESSAGES, expected_text


@pytest.fixture(scope="module")
def tls_gateway(tmp_path_factory, fake_provider):
    work = tmp_path_factory.mktemp("keygate-tls")
    cert, key = work / "cert.pem", work / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
         "-nodes", "-days", "2", "-subj", "/CN=keygate-e2e",
         "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )
    config = work / "keygate.yaml"
    config.write_text(
        "server:\n  host: 127.0.0.1\n  tls:\n"
        f"    cert_file: {cert}\n    key_file: {key}\n"
        "models:\n  - name: gpt-tls\n    provider: openai\n    model: fake-gpt@tokens=5\n"
        f"    api_base: http://127.0.0.1:{fake_provider.port}/v1\n    api_key: test-key\n"
    )
    server = harness.start(
        "keygate-tls", [str(harness.binary("keygate")), "--config", str(config), "--port", "0"], work
    )
    yield server, cert
    code = server.stop()
    assert code == 0, f"keygate exited with {code}:\n{server.log_tail()}"


def https_url(server) -> str:
    return f"https://127.0.0.1:{server.port}/v1"


def sdk_client(server, cert) -> openai.OpenAI:
    trust = ssl.create_default_context(cafile=str(cert))
    return openai.OpenAI(
        base_url=https_url(server), api_key="anything", max_retries=0, timeout=CLIENT_TIMEOUT_S,
        http_client=httpx.Client(verify=trust),
    )


def test_chat_completion_over_https(tls_gateway):
    server, cert = tls_gateway
    with sdk_client(server, cert) as client:
        reply = client.chat.completions.create(model="gpt-tls", messages=MESSAGES)
    assert reply.choices[0].message.content == expected_text(5)
    assert reply.usage.completion_tokens == 5


def test_stream_over_https(tls_gateway):
    server, cert = tls_gateway
    with sdk_client(server, cert) as client:
        stream = client.chat.completions.create(model="gpt-tls", messages=MESSAGES, stream=True)
        text = "".join(chunk.choices[0].delta.content or "" for chunk in stream if chunk.choices)
    assert text == expected_text(5)


def test_a_client_without_the_ca_refuses_the_certificate(tls_gateway):
    server, _ = tls_gateway
    client = openai.OpenAI(base_url=https_url(server), api_key="anything", max_retries=0,
                           timeout=CLIENT_TIMEOUT_S)
    with client, pytest.raises(openai.APIConnectionError):
        client.models.list()


def test_plain_http_is_refused_with_a_clear_error(tls_gateway):
    server, cert = tls_gateway
    resp = httpx.get(f"http://127.0.0.1:{server.port}/health", timeout=CLIENT_TIMEOUT_S)
    assert resp.status_code == 400
    assert resp.json()["error"]["code"] == "https_required"
    # The listener still serves HTTPS afterwards.
    ok = httpx.get(f"https://127.0.0.1:{server.port}/health",
                   verify=ssl.create_default_context(cafile=str(cert)), timeout=CLIENT_TIMEOUT_S)
    assert ok.status_code == 200
