"""A Mistral deployment behind keygate, used through the official openai SDK. The fake's Mistral
API refuses what Mistral refuses (unknown fields, other tool-call ids), so each answer here also
shows keygate rewrote the request."""

from __future__ import annotations

import base64
import json
import struct

import httpx
import openai
import pytest
from pydantic import BaseModel

from harness import MESSAGES, PROMPT_WORDS, expected_text

WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Weather for a city",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    },
}
PIXEL = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="


def last_native_request(fake_provider) -> dict:
    return httpx.get(fake_provider.root_url + "/fake/last-request", timeout=5).json()


def test_chat(client, fake_provider):
    raw = client.chat.completions.with_raw_response.create(
        model="mistral-test", messages=MESSAGES, seed=3, user="u-1", max_completion_tokens=5
    )
    resp = raw.parse()
    assert resp.object == "chat.completion"
    assert resp.id.startswith("cmpl-fake-")
    assert resp.choices[0].message.content == expected_text(5)
    assert resp.choices[0].finish_reason == "length"
    assert resp.usage.prompt_tokens == PROMPT_WORDS
    assert resp.usage.completion_tokens == 5
    assert raw.headers["x-keygate-dropped-params"] == "user"
    native = last_native_request(fake_provider)
    assert native["random_seed"] == 3 and native["max_tokens"] == 5
    assert "seed" not in native and "user" not in native


def test_stream_with_usage(client):
    stream = client.chat.completions.create(
        model="mistral-test", messages=MESSAGES, stream=True, stream_options={"include_usage": True}
    )
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    finishes = [c.choices[0].finish_reason for c in chunks if c.choices and c.choices[0].finish_reason]
    assert text == expected_text(8)
    assert finishes == ["stop"]
    assert chunks[-1].choices == []
    assert chunks[-1].usage.prompt_tokens == PROMPT_WORDS
    assert chunks[-1].usage.completion_tokens == 8
    assert all(c.usage is None for c in chunks[:-1])


def test_stream_without_usage(client):
    chunks = list(client.chat.completions.create(model="mistral-test", messages=MESSAGES, stream=True))
    assert all(c.choices for c in chunks)
    assert chunks[-1].choices[0].finish_reason == "stop"


def test_tool_call_round_trip(client, fake_provider):
    first = client.chat.completions.create(
        model="mistral-test", messages=MESSAGES, tools=[WEATHER_TOOL], tool_choice="required"
    )
    choice = first.choices[0]
    assert choice.finish_reason == "tool_calls"
    [call] = choice.message.tool_calls
    assert call.function.name == "get_weather"
    assert json.loads(call.function.arguments) == {"city": "Oslo"}

    # The history as an OpenAI client keeps it, plus an earlier call with an OpenAI-style id.
    earlier = {"id": "call_Q1bX7zYwqVhR2mP9sLk4", "type": "function",
               "function": {"name": "get_weather", "arguments": "{\"city\":\"Bergen\"}"}}
    second = client.chat.completions.create(
        model="mistral-test",
        tools=[WEATHER_TOOL],
        messages=[
            *MESSAGES,
            {"role": "assistant", "content": None, "tool_calls": [earlier]},
            {"role": "tool", "tool_call_id": earlier["id"], "content": "9C"},
            choice.message.model_dump(exclude_none=True),
            {"role": "tool", "tool_call_id": call.id, "content": "12C"},
        ],
    )
    assert second.choices[0].finish_reason == "stop"
    assert second.choices[0].message.content == expected_text(8)
    native = last_native_request(fake_provider)["messages"]
    assert native[2]["tool_calls"][0]["id"] == native[3]["tool_call_id"] == "mxfKjIwTm"
    assert native[5]["tool_call_id"] == call.id


def test_streamed_tool_call(client):
    stream = client.chat.completions.create(
        model="mistral-test", messages=MESSAGES, tools=[WEATHER_TOOL], stream=True
    )
    arguments, names, finish = "", [], None
    for chunk in stream:
        delta = chunk.choices[0].delta
        for call in delta.tool_calls or []:
            assert call.index == 0
            if call.function.name:
                names.append(call.function.name)
            arguments += call.function.arguments or ""
        finish = chunk.choices[0].finish_reason or finish
    assert names == ["get_weather"]
    assert json.loads(arguments) == {"city": "Oslo"}
    assert finish == "tool_calls"


def test_vision(client, fake_provider):
    content = [{"type": "text", "text": "what is this"},
               {"type": "image_url", "image_url": {"url": PIXEL, "detail": "low"}},
               {"type": "image_url", "image_url": {"url": "https://example.com/cat.jpg"}}]
    resp = client.chat.completions.create(model="mistral-test", messages=[{"role": "user", "content": content}])
    assert resp.choices[0].message.content == expected_text(8)
    parts = last_native_request(fake_provider)["messages"][0]["content"]
    assert parts[1] == {"type": "image_url", "image_url": {"url": PIXEL, "detail": "low"}}
    assert parts[2] == {"type": "image_url", "image_url": "https://example.com/cat.jpg"}


class Forecast(BaseModel):
    summary: str
    degrees: int


def test_structured_output(client, fake_provider):
    resp = client.chat.completions.parse(model="mistral-test", messages=MESSAGES, response_format=Forecast)
    assert resp.choices[0].message.parsed == Forecast(summary=expected_text(8), degrees=8)
    sent = last_native_request(fake_provider)["response_format"]
    assert sent["type"] == "json_schema"
    assert sent["json_schema"]["name"] == "Forecast"


def test_thinking_is_not_content(client):
    resp = client.chat.completions.create(model="magistral-test", messages=MESSAGES)
    assert resp.choices[0].message.content == expected_text(3)


def test_rate_limit_is_429_with_retry_after(client):
    with pytest.raises(openai.RateLimitError) as caught:
        client.chat.completions.create(model="mistral-429", messages=MESSAGES)
    assert caught.value.status_code == 429
    assert caught.value.response.headers["retry-after"] == "2"
    assert caught.value.body["code"] == "rate_limit_exceeded"


def test_embeddings(client, fake_provider):
    # The SDK asks for base64 by default: keygate encodes Mistral's floats.
    resp = client.embeddings.create(model="mistral-embed", input=["the quick brown fox", "jumps"])
    assert [d.index for d in resp.data] == [0, 1]
    assert all(len(d.embedding) == 8 for d in resp.data)
    assert resp.usage.prompt_tokens == 5
    assert "encoding_format" not in last_native_request(fake_provider)
    floats = client.embeddings.create(model="mistral-embed", input="hello", encoding_format="float",
                                      dimensions=4)
    packed = client.embeddings.create(model="mistral-embed", input="hello", encoding_format="base64",
                                      dimensions=4)
    raw = base64.b64decode(packed.data[0].embedding)
    assert list(struct.unpack(f"<{len(raw) // 4}f", raw)) == pytest.approx(floats.data[0].embedding, abs=1e-6)
    assert last_native_request(fake_provider)["output_dimension"] == 4
