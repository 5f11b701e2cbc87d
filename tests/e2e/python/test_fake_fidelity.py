"""The official SDK pointed straight at the fake provider: its answers must match OpenAI's API."""

from __future__ import annotations

import time

import httpx
import openai
import pytest
from openai.types import Model
from openai.types.chat import ChatCompletion, ChatCompletionChunk

import harness
from harness import MESSAGES, PROMPT_WORDS, expected_text

CLIENT_TIMEOUT_S = 15.0
ERROR_KEYS = {"message", "type", "param", "code"}
FORMS = pytest.mark.parametrize("form", ["model", "headers"])


@pytest.fixture(autouse=True)
def gateway_survives(fake_provider):
    """Replaces conftest's check: these tests need no keygate, but the fake must keep serving."""
    yield
    alive, why = harness.still_serving(fake_provider)
    assert alive, f"the fake provider stopped serving during this test ({why}):\n{fake_provider.log_tail()}"


def make_client(fake_provider, api_key: str = "test-key") -> openai.OpenAI:
    return openai.OpenAI(
        base_url=fake_provider.root_url + "/v1", api_key=api_key, max_retries=0, timeout=CLIENT_TIMEOUT_S
    )


@pytest.fixture(scope="module")
def fake(fake_provider) -> openai.OpenAI:
    c = make_client(fake_provider)
    yield c
    c.close()


def knobbed(form: str, **knobs) -> dict:
    """create() arguments asking for `knobs`, in the model name or as x-fake-* headers."""
    if form == "model":
        return {"model": "fake-gpt@" + ",".join(f"{k}={v}" for k, v in knobs.items())}
    return {"model": "fake-gpt", "extra_headers": {f"x-fake-{k}": str(v) for k, v in knobs.items()}}


def create(client, **kwargs):
    return client.chat.completions.create(messages=MESSAGES, **kwargs)


def create_error(client, **kwargs) -> openai.APIStatusError:
    with pytest.raises(openai.APIStatusError) as info:
        create(client, **kwargs)
    err = info.value
    assert isinstance(err.body, dict) and ERROR_KEYS <= set(err.body), err.body
    assert isinstance(err.body["message"], str) and err.body["message"]
    assert isinstance(err.body["type"], str) and err.body["type"]
    return err


def read_stream(stream) -> tuple[str, list[str], Exception | None]:
    """Text, finish reasons and the exception (if any) of iterating a stream to its end."""
    parts: list[str] = []
    finishes: list[str] = []
    try:
        for chunk in stream:
            for choice in chunk.choices:
                parts.append(choice.delta.content or "")
                if choice.finish_reason:
                    finishes.append(choice.finish_reason)
    except Exception as err:  # noqa: BLE001 - any failure of the SDK or httpx counts
        return "".join(parts), finishes, err
    return "".join(parts), finishes, None


def assert_usage(usage, completion: int) -> None:
    assert usage is not None
    assert (usage.prompt_tokens, usage.completion_tokens) == (PROMPT_WORDS, completion)
    assert usage.total_tokens == PROMPT_WORDS + completion


@pytest.mark.parametrize(
    ("model", "tokens"), [("fake-gpt", 8), ("fake-gpt@tokens=1", 1), ("fake-gpt@tokens=5", 5)]
)
def test_completion_shape(fake, model, tokens):
    resp = create(fake, model=model)
    assert isinstance(resp, ChatCompletion)
    assert resp.id.startswith("chatcmpl-") and resp.object == "chat.completion"
    assert isinstance(resp.created, int) and abs(resp.created - time.time()) < 300
    assert resp.model == model
    assert len(resp.choices) == 1 and resp.choices[0].index == 0
    assert resp.choices[0].message.role == "assistant"
    assert resp.choices[0].message.content == expected_text(tokens)
    assert resp.choices[0].finish_reason == "stop"
    assert_usage(resp.usage, tokens)


@pytest.mark.parametrize("limit_arg", ["max_tokens", "max_completion_tokens"])
def test_completion_cut_by_max_tokens(fake, limit_arg):
    resp = create(fake, model="fake-gpt@tokens=6", **{limit_arg: 3})
    assert resp.choices[0].message.content == expected_text(3)
    assert resp.choices[0].finish_reason == "length"
    assert_usage(resp.usage, 3)


@pytest.mark.parametrize("include_usage", [False, True], ids=["no-usage", "include-usage"])
def test_stream_chunks(fake, include_usage):
    model = "fake-gpt@tokens=4"
    extra = {"stream_options": {"include_usage": True}} if include_usage else {}
    chunks = list(create(fake, model=model, stream=True, **extra))
    assert all(isinstance(c, ChatCompletionChunk) for c in chunks)
    assert all(c.object == "chat.completion.chunk" and c.model == model for c in chunks)
    assert len({c.id for c in chunks}) == 1 and chunks[0].id.startswith("chatcmpl-")
    assert chunks[0].choices[0].delta.role == "assistant"
    text, finishes, err = read_stream(chunks)
    assert (text, finishes, err) == (expected_text(4), ["stop"], None)
    if include_usage:
        *body, last = chunks
        assert last.choices == []
        assert_usage(last.usage, 4)
        # Documented: present with a null value on every chunk but the last.
        assert all(c.choices and c.usage is None and "usage" in c.model_fields_set for c in body)
    else:
        assert all(c.choices for c in chunks)
        assert all(c.usage is None and "usage" not in c.model_fields_set for c in chunks)


def test_models_list(fake):
    page = fake.models.list()
    assert page.object == "list"
    models = list(page)
    assert [m.id for m in models] == ["fake-gpt", "fake-gpt-mini"]
    for m in models:
        assert isinstance(m, Model) and m.object == "model"
        assert isinstance(m.created, int) and m.created > 0
        assert isinstance(m.owned_by, str) and m.owned_by


@FORMS
def test_rate_limit_error(fake, form):
    err = create_error(fake, **knobbed(form, status=429, retry_after=3))
    assert isinstance(err, openai.RateLimitError), repr(err)
    assert err.status_code == 429 and err.code == "rate_limit_exceeded"
    headers = err.response.headers
    assert headers.get("retry-after") == "3"
    assert headers.get("x-ratelimit-remaining-requests") == "0"
    assert headers.get("x-ratelimit-reset-requests") == "3s"


@FORMS
@pytest.mark.parametrize(
    ("status", "error_class", "code"),
    [
        (401, openai.AuthenticationError, "invalid_api_key"),
        (404, openai.NotFoundError, "model_not_found"),
        (500, openai.InternalServerError, None),
        (503, openai.InternalServerError, None),
    ],
)
def test_status_errors(fake, form, status, error_class, code):
    err = create_error(fake, **knobbed(form, status=status))
    assert isinstance(err, error_class), repr(err)
    assert err.status_code == status and err.code == code


@pytest.mark.parametrize("stream", [False, True])
def test_bad_api_key(fake_provider, stream):
    with make_client(fake_provider, api_key="bad-key") as bad:
        err = create_error(bad, model="fake-gpt", stream=stream)
    assert isinstance(err, openai.AuthenticationError), repr(err)
    assert err.status_code == 401 and err.code == "invalid_api_key"


def test_bad_api_key_on_models(fake_provider):
    with make_client(fake_provider, api_key="bad-key") as bad:
        with pytest.raises(openai.AuthenticationError):
            bad.models.list()


@FORMS
def test_reset_before_headers(fake, form):
    with pytest.raises(openai.APIConnectionError) as info:
        create(fake, **knobbed(form, reset="before_headers"))
    assert not isinstance(info.value, openai.APITimeoutError), repr(info.value)


@FORMS
def test_latency_hits_client_timeout(fake, form):
    started = time.monotonic()
    with pytest.raises(openai.APITimeoutError):
        create(fake, timeout=0.5, **knobbed(form, latency=1500))
    assert time.monotonic() - started < 1.4


@FORMS
def test_reset_mid_stream(fake, form):
    text, finishes, err = read_stream(create(fake, stream=True, **knobbed(form, reset="mid_stream")))
    assert isinstance(err, (openai.APIError, httpx.HTTPError)), repr(err)
    assert expected_text(8).startswith(text) and text != expected_text(8), text
    assert finishes == []


@FORMS
def test_truncate(fake, form):
    text, finishes, err = read_stream(create(fake, stream=True, **knobbed(form, truncate=1)))
    assert err is None, repr(err)
    assert finishes == [], "a truncated stream sent a finish_reason"
    assert text == expected_text(4)


@FORMS
def test_drip(fake, form):
    started = time.monotonic()
    text, finishes, err = read_stream(create(fake, stream=True, **knobbed(form, drip=1, tokens=2)))
    assert (text, finishes, err) == (expected_text(2), ["stop"], None)
    # Some 800 body bytes, each 1 ms after the previous one: proves the knob took effect.
    assert time.monotonic() - started >= 0.5


@FORMS
def test_ttft(fake, form):
    started = time.monotonic()
    stream = create(fake, stream=True, **knobbed(form, ttft=300))
    assert time.monotonic() - started < 0.25, "ttft delayed the response headers"
    first_content = None
    for chunk in stream:
        if first_content is None and any(c.delta.content for c in chunk.choices):
            first_content = time.monotonic() - started
    assert first_content is not None and first_content >= 0.25, first_content


@FORMS
def test_itl(fake, form):
    started = time.monotonic()
    text, finishes, err = read_stream(create(fake, stream=True, **knobbed(form, itl=100, tokens=4)))
    assert (text, finishes, err) == (expected_text(4), ["stop"], None)
    assert time.monotonic() - started >= 0.3
