"""Plain HTTP behaviour of keygate: routes, CORS, method and body errors."""

from __future__ import annotations

import json

import httpx
import pytest

from harness import MESSAGES, PROMPT_WORDS, expected_text


@pytest.fixture(scope="module")
def http(gateway):
    with httpx.Client(base_url=gateway.root_url, timeout=15) as c:
        yield c


def assert_openai_error(resp: httpx.Response, status: int) -> dict:
    assert resp.status_code == status, resp.text
    assert resp.headers.get("content-type", "").startswith("application/json")
    assert resp.headers.get("x-request-id")
    body = resp.json()
    assert set(body) == {"error"}, body
    error = body["error"]
    assert {"message", "type", "param", "code"} <= set(error), error
    assert isinstance(error["message"], str) and error["message"]
    return error


def test_health(http):
    resp = http.get("/health")
    assert resp.status_code == 200
    assert resp.headers.get("x-request-id")


@pytest.mark.parametrize("path", ["/chat/completions", "/v1/chat/completions"])
def test_chat_completions_with_and_without_v1(http, path):
    resp = http.post(path, json={"model": "gpt-tok5", "messages": MESSAGES})
    assert resp.status_code == 200, resp.text
    assert resp.headers.get("x-request-id")
    body = resp.json()
    assert body["choices"][0]["message"]["content"] == expected_text(5)
    usage = body["usage"]
    assert usage["prompt_tokens"] == PROMPT_WORDS
    assert usage["completion_tokens"] == 5
    assert usage["total_tokens"] == PROMPT_WORDS + 5


def test_raw_stream_ends_with_done(http):
    body = {"model": "gpt-tok1", "messages": MESSAGES, "stream": True}
    with http.stream("POST", "/chat/completions", json=body) as resp:
        assert resp.status_code == 200
        data = [line[len("data: "):] for line in resp.iter_lines() if line.startswith("data: ")]
    assert data[-1] == "[DONE]"
    chunks = [json.loads(d) for d in data[:-1]]
    assert "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks if c["choices"]) == "tok0"


@pytest.mark.parametrize("path", ["/models", "/v1/models"])
def test_models_with_and_without_v1(http, path):
    resp = http.get(path)
    assert resp.status_code == 200
    body = resp.json()
    assert body["object"] == "list"
    assert {"gpt-test", "mock-gpt"} <= {m["id"] for m in body["data"]}


def test_cors_preflight(http):
    resp = http.request(
        "OPTIONS",
        "/v1/chat/completions",
        headers={
            "Origin": "http://example.test",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )
    assert resp.status_code in (200, 204), resp.text
    assert resp.headers.get("access-control-allow-origin") in ("*", "http://example.test")
    assert "POST" in resp.headers.get("access-control-allow-methods", "").upper()


def test_wrong_method_is_405(http):
    error = assert_openai_error(http.get("/v1/chat/completions"), 405)
    assert error["type"]


def test_malformed_json_is_400(http):
    resp = http.post(
        "/v1/chat/completions",
        content=b'{"model": "gpt-test", "messages": [',
        headers={"content-type": "application/json"},
    )
    error = assert_openai_error(resp, 400)
    assert error["type"] == "invalid_request_error"


def test_missing_model_is_400(http):
    resp = http.post("/v1/chat/completions", json={"messages": MESSAGES})
    assert_openai_error(resp, 400)


def test_unknown_route_is_404(http):
    assert_openai_error(http.get("/v1/no-such-route"), 404)


def test_unknown_model_error_body(http):
    resp = http.post("/v1/chat/completions", json={"model": "no-such-model", "messages": MESSAGES})
    error = assert_openai_error(resp, 404)
    assert error["code"] == "model_not_found"
