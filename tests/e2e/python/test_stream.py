"""Streaming chat completions through keygate with the official SDK."""

from __future__ import annotations

import openai
import pytest

from harness import MESSAGES, PROMPT_WORDS, expected_text


def content_deltas(chunks) -> list[str]:
    return [c.delta.content for chunk in chunks for c in chunk.choices if c.delta.content]


@pytest.mark.parametrize(("model", "tokens"), [("gpt-test", 8), ("gpt-tok1", 1), ("gpt-tok5", 5)])
def test_stream_text_without_usage(client, model, tokens):
    chunks = list(client.chat.completions.create(model=model, messages=MESSAGES, stream=True))
    deltas = content_deltas(chunks)
    assert "".join(deltas) == expected_text(tokens)
    assert len(deltas) == tokens, f"expected one token per chunk, got {deltas}"
    assert all(chunk.object == "chat.completion.chunk" for chunk in chunks)
    finish = [c.finish_reason for chunk in chunks for c in chunk.choices if c.finish_reason]
    assert finish == ["stop"]
    # The client did not ask for usage: the gateway must not pass the upstream usage chunk on.
    assert all(chunk.usage is None for chunk in chunks), [c.usage for c in chunks if c.usage]
    assert all(chunk.choices for chunk in chunks), "a chunk without choices reached the client"


@pytest.mark.parametrize(("model", "tokens"), [("gpt-test", 8), ("gpt-tok5", 5)])
def test_stream_include_usage(client, model, tokens):
    chunks = list(
        client.chat.completions.create(
            model=model, messages=MESSAGES, stream=True, stream_options={"include_usage": True}
        )
    )
    assert "".join(content_deltas(chunks)) == expected_text(tokens)
    last = chunks[-1]
    assert last.choices == []
    assert last.usage is not None
    assert last.usage.prompt_tokens == PROMPT_WORDS
    assert last.usage.completion_tokens == tokens
    assert last.usage.total_tokens == PROMPT_WORDS + tokens
    assert all(chunk.usage is None for chunk in chunks[:-1])


def test_stream_response_headers(client):
    raw = client.chat.completions.with_raw_response.create(model="gpt-tok1", messages=MESSAGES, stream=True)
    assert raw.headers.get("x-request-id")
    assert raw.headers.get("content-type", "").startswith("text/event-stream")
    assert "".join(content_deltas(raw.parse())) == "tok0"


def test_stream_of_byte_dripped_upstream(client):
    """The upstream body arrives one byte at a time; SSE events must be reassembled."""
    chunks = list(
        client.chat.completions.create(
            model="gpt-drip", messages=MESSAGES, stream=True, stream_options={"include_usage": True}
        )
    )
    assert "".join(content_deltas(chunks)) == expected_text(3)
    assert chunks[-1].usage.completion_tokens == 3
    assert chunks[-1].usage.prompt_tokens == PROMPT_WORDS


def test_mock_provider_streams_with_usage(client):
    chunks = list(
        client.chat.completions.create(
            model="mock-gpt", messages=MESSAGES, stream=True, stream_options={"include_usage": True}
        )
    )
    deltas = content_deltas(chunks)
    assert len(deltas) > 1, f"mock answer was not streamed: {deltas}"
    assert "".join(deltas).strip()
    usage = chunks[-1].usage
    assert usage is not None
    assert usage.prompt_tokens > 0 and usage.completion_tokens > 0
    assert usage.total_tokens == usage.prompt_tokens + usage.completion_tokens


def read_until_error(stream) -> tuple[str, openai.APIError]:
    parts = []
    with pytest.raises(openai.APIError) as info:
        for chunk in stream:
            parts.extend(c.delta.content for c in chunk.choices if c.delta.content)
    return "".join(parts), info.value


@pytest.mark.parametrize(
    ("model", "tokens"),
    [("gpt-reset", 8), ("gpt-truncate", 8), ("gpt-stall", 8)],
    ids=["upstream-reset", "upstream-truncated", "upstream-stalled"],
)
def test_mid_stream_failure_raises(client, model, tokens):
    stream = client.chat.completions.create(model=model, messages=MESSAGES, stream=True)
    text, err = read_until_error(stream)
    full = expected_text(tokens)
    assert full.startswith(text), f"{text!r} is not a prefix of {full!r}"
    assert text != full, "the whole answer arrived although the upstream failed"
    # The failure is reported as an SSE error event, not as a dropped connection.
    assert not isinstance(err, openai.APIConnectionError), repr(err)
    assert isinstance(err.body, dict) and err.body.get("message"), err.body


def test_stream_error_before_first_byte_is_an_http_status(client):
    with pytest.raises(openai.RateLimitError) as info:
        client.chat.completions.create(model="gpt-429", messages=MESSAGES, stream=True)
    assert info.value.status_code == 429
