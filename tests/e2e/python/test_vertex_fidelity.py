"""Google's own clients pointed straight at the fake provider's Vertex AI: google-auth's service
account credentials trade their signed assertion at the fake's /token, google-genai in Vertex mode
calls Gemini, and anthropic's AnthropicVertex calls Claude. Whatever these SDKs accept, keygate's
Vertex provider is tested against (tests/integration/vertex_test.cpp)."""

from __future__ import annotations

import pytest
from anthropic import AnthropicVertex
from google import genai
from google.genai import errors, types
from google.oauth2 import service_account

import harness
from harness import expected_text
from vertex_account import PROJECT, SCOPE, make_service_account, revoke_tokens, vertex_state

PROMPT = "say a few words please"


@pytest.fixture(autouse=True)
def gateway_survives(fake_provider):
    """Replaces conftest's check: these tests need no keygate, but the fake must keep serving."""
    yield
    alive, why = harness.still_serving(fake_provider)
    assert alive, f"the fake provider stopped serving during this test ({why}):\n{fake_provider.log_tail()}"


@pytest.fixture(scope="module")
def account(fake_provider, tmp_path_factory) -> dict:
    info, _ = make_service_account(fake_provider, tmp_path_factory.mktemp("vertex-sa"), "fidelity@test-project.iam")
    return info


def fresh_credentials(account) -> service_account.Credentials:
    return service_account.Credentials.from_service_account_info(account, scopes=[SCOPE])


def gemini_client(fake_provider, credentials, location="us-central1") -> genai.Client:
    return genai.Client(
        vertexai=True, project=PROJECT, location=location, credentials=credentials,
        http_options=types.HttpOptions(base_url=fake_provider.root_url, timeout=15_000),
    )


def test_google_auth_exchanges_its_assertion_at_the_token_endpoint(account, fake_provider):
    before = vertex_state(fake_provider)["token_exchanges"]
    credentials = fresh_credentials(account)
    credentials.refresh(__import__("google.auth.transport.requests", fromlist=["Request"]).Request())
    assert credentials.token.startswith("ya29.fake-")
    assert credentials.expiry is not None
    assert vertex_state(fake_provider)["token_exchanges"] == before + 1


def test_a_key_the_endpoint_does_not_know_is_refused(account, fake_provider):
    from google.auth import exceptions
    from google.auth.transport.requests import Request
    stranger = dict(account, client_email="nobody@test-project.iam")
    with pytest.raises(exceptions.RefreshError) as caught:
        fresh_credentials(stranger).refresh(Request())
    assert "invalid_grant" in str(caught.value)


def test_gemini_generate_content_in_vertex_mode(account, fake_provider):
    client = gemini_client(fake_provider, fresh_credentials(account))
    resp = client.models.generate_content(model="gemini-fake@tokens=4", contents=PROMPT)
    assert resp.text == expected_text(4)
    assert resp.candidates[0].finish_reason == types.FinishReason.STOP
    path = vertex_state(fake_provider)["last_path"]
    assert path.startswith(f"/v1beta1/projects/{PROJECT}/locations/us-central1/publishers/google/models/"), path
    assert path.endswith(":generateContent"), path


def test_gemini_stream_in_vertex_mode(account, fake_provider):
    client = gemini_client(fake_provider, fresh_credentials(account), location="global")
    text = "".join(chunk.text or "" for chunk in
                   client.models.generate_content_stream(model="gemini-fake@tokens=5", contents=PROMPT))
    assert text == expected_text(5)
    assert "/locations/global/" in vertex_state(fake_provider)["last_path"]


def test_a_revoked_token_is_401_unauthenticated(account, fake_provider):
    client = gemini_client(fake_provider, fresh_credentials(account))
    assert client.models.generate_content(model="gemini-fake@tokens=1", contents=PROMPT).text == expected_text(1)
    revoke_tokens(fake_provider)
    with pytest.raises(errors.ClientError) as caught:
        client.models.generate_content(model="gemini-fake@tokens=1", contents=PROMPT)
    assert caught.value.code == 401
    assert caught.value.status == "UNAUTHENTICATED"


def anthropic_client(fake_provider, account) -> AnthropicVertex:
    from google.auth.transport.requests import Request
    credentials = fresh_credentials(account)
    credentials.refresh(Request())
    return AnthropicVertex(region="us-east5", project_id=PROJECT, access_token=credentials.token,
                           base_url=fake_provider.root_url + "/v1", max_retries=0, timeout=15)


def test_anthropic_vertex_messages(account, fake_provider):
    client = anthropic_client(fake_provider, account)
    message = client.messages.create(model="claude-fake@tokens=3", max_tokens=50,
                                     messages=[{"role": "user", "content": PROMPT}])
    assert message.content[0].text == expected_text(3)
    assert message.stop_reason == "end_turn"
    assert vertex_state(fake_provider)["last_path"] == (
        f"/v1/projects/{PROJECT}/locations/us-east5/publishers/anthropic/models/claude-fake@tokens=3:rawPredict")
    native = harness.last_native_request(fake_provider)
    assert native["anthropic_version"]  # the SDK's own version string
    assert "model" not in native


def test_anthropic_vertex_stream(account, fake_provider):
    client = anthropic_client(fake_provider, account)
    with client.messages.stream(model="claude-fake@tokens=4", max_tokens=50,
                                messages=[{"role": "user", "content": PROMPT}]) as stream:
        text = "".join(stream.text_stream)
    assert text == expected_text(4)
    assert vertex_state(fake_provider)["last_path"].endswith(":streamRawPredict")
