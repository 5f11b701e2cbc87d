"""OpenAI-shaped errors: the SDK must map each gateway answer to the right exception."""

from __future__ import annotations

import time

import openai
import pytest

from harness import MESSAGES

ERROR_KEYS = {"message", "type", "param", "code"}


def create_error(client, model, **kwargs) -> openai.APIError:
    with pytest.raises(openai.APIError) as info:
        client.chat.completions.create(model=model, messages=MESSAGES, **kwargs)
    return info.value


def assert_error_shape(err: openai.APIStatusError) -> None:
    assert isinstance(err.body, dict), err.body
    assert ERROR_KEYS <= set(err.body), err.body
    assert isinstance(err.body["message"], str) and err.body["message"]
    assert err.response.headers.get("x-request-id")


def test_unknown_model_is_not_found(client):
    err = create_error(client, "no-such-model")
    assert isinstance(err, openai.NotFoundError), repr(err)
    assert err.status_code == 404
    assert err.code == "model_not_found"
    assert_error_shape(err)


def test_upstream_429_keeps_retry_after(client):
    err = create_error(client, "gpt-429")
    assert isinstance(err, openai.RateLimitError), repr(err)
    assert err.status_code == 429
    assert err.response.headers.get("retry-after") == "2"
    assert_error_shape(err)


@pytest.mark.parametrize("model", ["gpt-401", "gpt-401-env"], ids=["literal-key", "env-key"])
def test_upstream_bad_key_is_authentication_error(client, model):
    err = create_error(client, model)
    assert isinstance(err, openai.AuthenticationError), repr(err)
    assert err.status_code == 401
    assert_error_shape(err)


def test_upstream_500_is_internal_server_error(client):
    err = create_error(client, "gpt-500")
    assert isinstance(err, openai.InternalServerError), repr(err)
    assert err.status_code == 500
    assert_error_shape(err)


def test_upstream_first_byte_timeout_is_504(client):
    started = time.monotonic()
    err = create_error(client, "gpt-timeout")
    elapsed = time.monotonic() - started
    assert isinstance(err, openai.APIStatusError), repr(err)
    assert err.status_code == 504
    assert_error_shape(err)
    # first_byte_ms is 300 and the fake waits 2000 ms: the gateway must not wait it out.
    assert elapsed < 1.8, f"504 took {elapsed:.2f}s"


def test_upstream_unreachable_is_502(client):
    err = create_error(client, "gpt-down")
    assert isinstance(err, openai.InternalServerError), repr(err)
    assert err.status_code == 502
    assert_error_shape(err)


def test_upstream_reset_before_headers_is_502(client):
    err = create_error(client, "gpt-reset-early")
    assert isinstance(err, openai.InternalServerError), repr(err)
    assert err.status_code == 502
    assert_error_shape(err)


def test_sdk_timeout_shorter_than_upstream_latency(client):
    started = time.monotonic()
    err = create_error(client.with_options(timeout=0.5), "gpt-slow")
    assert isinstance(err, openai.APITimeoutError), repr(err)
    assert time.monotonic() - started < 2.5


def test_gateway_still_serves_after_client_gave_up(client):
    create_error(client.with_options(timeout=0.3), "gpt-slow")
    resp = client.chat.completions.create(model="gpt-tok1", messages=MESSAGES)
    assert resp.choices[0].message.content == "tok0"


def test_closed_port_is_connection_error(closed_port):
    with openai.OpenAI(
        base_url=f"http://127.0.0.1:{closed_port}/v1", api_key="anything", max_retries=0, timeout=5
    ) as c:
        with pytest.raises(openai.APIConnectionError) as info:
            c.chat.completions.create(model="gpt-test", messages=MESSAGES)
    assert not isinstance(info.value, openai.APITimeoutError), repr(info.value)
