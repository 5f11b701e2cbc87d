"""What only a Mistral deployment behind keygate does, through the official openai SDK. The fake's
Mistral API refuses what Mistral refuses (unknown fields, other tool-call ids), so each answer here
also shows keygate rewrote the request. The shared behaviour (chat, streams, tools, vision,
structured output) is in test_providers.py."""

from __future__ import annotations

import json

import openai
import pytest
from pydantic import BaseModel

from harness import MESSAGES, PROMPT_WORDS, expected_text
from providers import WEATHER_TOOL, last_native_request

PIXEL = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="


def test_upstream_gets_only_what_mistral_takes(client, fake_provider):
    raw = client.chat.completions.with_raw_response.create(
        model="mistral-test", messages=MESSAGES, seed=3, user="u-1", max_completion_tokens=5
    )
    resp = raw.parse()
    assert resp.id.startswith("cmpl-fake-")
    assert resp.choices[0].message.content == expected_text(5)
    assert resp.choices[0].finish_reason == "length"
    assert resp.usage.prompt_tokens == PROMPT_WORDS
    assert resp.usage.completion_tokens == 5
    assert raw.headers["x-keygate-dropped-params"] == "user"
    native = last_native_request(fake_provider)
    assert native["random_seed"] == 3 and native["max_tokens"] == 5
    assert "seed" not in native and "user" not in native


def test_tool_call_ids_become_mistrals(client, fake_provider):
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


def test_images_go_as_mistral_takes_them(client, fake_provider):
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


def test_structured_output_goes_up_as_json_schema(client, fake_provider):
    client.chat.completions.parse(model="mistral-test", messages=MESSAGES, response_format=Forecast)
    sent = last_native_request(fake_provider)["response_format"]
    assert sent["type"] == "json_schema"
    assert sent["json_schema"]["name"] == "Forecast"


def test_thinking_is_not_content(client):
    # magistral-test has no reasoning: true (magistral-think has, in test_provider_options.py).
    resp = client.chat.completions.create(model="magistral-test", messages=MESSAGES)
    assert resp.choices[0].message.content == expected_text(3)
    assert "reasoning_content" not in (resp.choices[0].message.model_extra or {})


def test_rate_limit_is_429_with_retry_after(client):
    with pytest.raises(openai.RateLimitError) as caught:
        client.chat.completions.create(model="mistral-429", messages=MESSAGES)
    assert caught.value.status_code == 429
    assert caught.value.response.headers["retry-after"] == "2"
    assert caught.value.body["code"] == "rate_limit_exceeded"


def test_embeddings_go_up_as_mistral_takes_them(client, fake_provider):
    # The SDK asks for base64 by default: keygate asks Mistral for floats and encodes them itself.
    resp = client.embeddings.create(model="mistral-embed", input=["the quick brown fox", "jumps"], dimensions=4)
    assert [len(d.embedding) for d in resp.data] == [4, 4]
    native = last_native_request(fake_provider)
    assert "encoding_format" not in native and "dimensions" not in native
    assert native["output_dimension"] == 4
