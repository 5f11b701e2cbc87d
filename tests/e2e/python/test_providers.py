"""One suite for every provider behind keygate, through the official openai SDK: chat, streams,
a tool round trip, vision and structured output. Each test runs once per provider (the `provider`
fixture, providers.py); what only one provider does lives in its own test_<provider>_*.py."""

from __future__ import annotations

import json

from pydantic import BaseModel

from harness import MESSAGES, PROMPT_WORDS, expected_text
from providers import (PNG, WEATHER_TOOL, content_of, finishes_of, is_prompt_filter_chunk,
                       last_native_request, streamed_calls)


def test_chat(client, provider):
    resp = client.chat.completions.create(model=provider.chat, messages=MESSAGES)
    assert resp.object == "chat.completion"
    assert resp.id
    [choice] = resp.choices
    assert choice.index == 0
    assert choice.message.role == "assistant"
    assert choice.message.content == expected_text(8)
    assert choice.finish_reason == "stop"
    assert (resp.usage.prompt_tokens, resp.usage.completion_tokens, resp.usage.total_tokens) == (
        PROMPT_WORDS, 8, PROMPT_WORDS + 8)


def test_max_tokens_cuts_the_answer(client, provider):
    resp = client.chat.completions.create(model=provider.chat, messages=MESSAGES, max_completion_tokens=3)
    assert resp.choices[0].message.content == expected_text(3)
    assert resp.choices[0].finish_reason == "length"
    assert resp.usage.completion_tokens == 3


def test_stream_with_usage(client, provider):
    chunks = list(client.chat.completions.create(
        model=provider.chat, messages=MESSAGES, stream=True, stream_options={"include_usage": True}))
    assert all(c.object == "chat.completion.chunk" for c in chunks if not is_prompt_filter_chunk(c))
    first = next(c for c in chunks if c.choices)
    assert first.choices[0].delta.role == "assistant"
    assert content_of(chunks) == expected_text(8)
    assert finishes_of(chunks) == ["stop"]
    last = chunks[-1]
    assert last.choices == []
    assert (last.usage.prompt_tokens, last.usage.completion_tokens, last.usage.total_tokens) == (
        PROMPT_WORDS, 8, PROMPT_WORDS + 8)
    assert all(c.usage is None for c in chunks[:-1])


def test_stream_without_usage(client, provider):
    chunks = list(client.chat.completions.create(model=provider.chat, messages=MESSAGES, stream=True))
    assert content_of(chunks) == expected_text(8)
    assert finishes_of(chunks) == ["stop"]
    assert all(c.usage is None for c in chunks)
    # Only Azure's prompt filter chunk comes without choices: no usage chunk nobody asked for.
    assert all(c.choices or is_prompt_filter_chunk(c) for c in chunks)


def test_tool_call_round_trip(client, provider):
    first = client.chat.completions.create(model=provider.chat, messages=MESSAGES, tools=[WEATHER_TOOL])
    choice = first.choices[0]
    assert choice.finish_reason == "tool_calls"
    [call] = choice.message.tool_calls
    assert call.id and call.type == "function"
    assert call.function.name == "get_weather"
    assert json.loads(call.function.arguments) == {"city": "Oslo"}

    second = client.chat.completions.create(
        model=provider.chat,
        tools=[WEATHER_TOOL],
        messages=[*MESSAGES, choice.message.model_dump(exclude_none=True),
                  {"role": "tool", "tool_call_id": call.id, "content": "12C"}],
    )
    assert second.choices[0].finish_reason == "stop"
    assert second.choices[0].message.content == expected_text(8)
    assert not second.choices[0].message.tool_calls


def test_streamed_tool_call(client, provider):
    chunks = list(client.chat.completions.create(
        model=provider.chat, messages=MESSAGES, tools=[WEATHER_TOOL], stream=True))
    calls = streamed_calls(chunks)
    assert list(calls) == [0]
    assert calls[0]["id"]
    assert calls[0]["name"] == "get_weather"
    assert calls[0]["arguments"] == {"city": "Oslo"}
    assert finishes_of(chunks) == ["tool_calls"]


def test_vision_with_a_data_url(client, fake_provider, provider):
    resp = client.chat.completions.create(
        model=provider.vision,
        messages=[{"role": "user", "content": [
            {"type": "text", "text": "What is in this picture?"},
            {"type": "image_url", "image_url": {"url": "data:image/png;base64," + PNG}},
        ]}],
    )
    assert resp.choices[0].message.content == expected_text(8)
    assert resp.usage.prompt_tokens == 5  # the words; the image is not counted by the fakes
    # The image went up, in whatever shape this provider takes it.
    assert PNG in json.dumps(last_native_request(fake_provider))


class Forecast(BaseModel):
    summary: str
    degrees: int


def test_structured_output(client, provider):
    resp = client.chat.completions.parse(model=provider.chat, messages=MESSAGES, response_format=Forecast)
    assert resp.choices[0].finish_reason == "stop"
    assert resp.choices[0].message.parsed == Forecast(summary=expected_text(8), degrees=8)


def test_structured_output_streamed(client, provider):
    schema = Forecast.model_json_schema()
    chunks = list(client.chat.completions.create(
        model=provider.chat, messages=MESSAGES, stream=True,
        response_format={"type": "json_schema", "json_schema": {"name": "Forecast", "schema": schema}}))
    assert Forecast.model_validate_json(content_of(chunks)) == Forecast(summary=expected_text(8), degrees=8)
    assert finishes_of(chunks) == ["stop"]


def test_json_mode(client, provider):
    resp = client.chat.completions.create(
        model=provider.chat, messages=MESSAGES, response_format={"type": "json_object"})
    assert json.loads(resp.choices[0].message.content) == {"answer": expected_text(8)}
