"""What only a Cohere deployment behind keygate does, through the official openai SDK. The fake's
Cohere API refuses fields and values Cohere does not know (top_p, stop, user, lowercase
tool_choice, json_schema formats), so each answer here also shows keygate rewrote the request.
The shared behaviour (chat, streams, tools, vision, structured output) is in test_providers.py."""

from __future__ import annotations

import json

import openai
import pytest
from pydantic import BaseModel

from harness import MESSAGES, PROMPT_WORDS, expected_text
from providers import WEATHER_TOOL, last_native_request

PIXEL = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="


def test_upstream_gets_cohere_field_names(client, fake_provider):
    raw = client.chat.completions.with_raw_response.create(
        model="cohere-test", messages=MESSAGES, seed=3, user="u-1", top_p=0.5, max_completion_tokens=5,
        stop="tok7",
    )
    resp = raw.parse()
    assert resp.choices[0].message.content == expected_text(5)
    assert resp.choices[0].finish_reason == "length"
    assert resp.usage.prompt_tokens == PROMPT_WORDS
    assert resp.usage.completion_tokens == 5
    assert raw.headers["x-keygate-dropped-params"] == "user"
    native = last_native_request(fake_provider)
    assert native["seed"] == 3 and native["max_tokens"] == 5 and native["p"] == 0.5
    assert native["stop_sequences"] == ["tok7"]
    assert "user" not in native and "top_p" not in native and "stop" not in native


def test_stop_sequence_is_stop(client):
    resp = client.chat.completions.create(model="cohere-test", messages=MESSAGES, stop=["tok2"])
    assert resp.choices[0].message.content == expected_text(2)
    assert resp.choices[0].finish_reason == "stop"


def test_tool_choice_and_ids(client, fake_provider):
    first = client.chat.completions.create(
        model="cohere-test", messages=MESSAGES, tools=[WEATHER_TOOL], tool_choice="required"
    )
    assert last_native_request(fake_provider)["tool_choice"] == "REQUIRED"
    choice = first.choices[0]
    assert choice.finish_reason == "tool_calls"
    [call] = choice.message.tool_calls
    assert call.id.startswith("get_weather_")
    # The history as an OpenAI client keeps it, plus an earlier call with an OpenAI-style id.
    earlier = {"id": "call_Q1bX7zYwqVhR2mP9sLk4", "type": "function",
               "function": {"name": "get_weather", "arguments": "{\"city\":\"Bergen\"}"}}
    second = client.chat.completions.create(
        model="cohere-test",
        tools=[WEATHER_TOOL],
        tool_choice="auto",
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
    native = last_native_request(fake_provider)
    assert "tool_choice" not in native
    assert native["messages"][2]["tool_calls"][0]["id"] == native["messages"][3]["tool_call_id"] == earlier["id"]
    assert native["messages"][5]["tool_call_id"] == call.id


def test_named_tool_choice_sends_only_that_tool(client, fake_provider):
    clock = {"type": "function", "function": {"name": "get_time", "parameters": {"type": "object"}}}
    resp = client.chat.completions.create(
        model="cohere-test", messages=MESSAGES, tools=[WEATHER_TOOL, clock],
        tool_choice={"type": "function", "function": {"name": "get_time"}})
    assert resp.choices[0].message.tool_calls[0].function.name == "get_time"
    native = last_native_request(fake_provider)
    assert native["tool_choice"] == "REQUIRED"
    assert [t["function"]["name"] for t in native["tools"]] == ["get_time"]


def test_images_go_as_cohere_takes_them(client, fake_provider):
    content = [{"type": "text", "text": "what is this"},
               {"type": "image_url", "image_url": {"url": PIXEL, "detail": "low"}},
               {"type": "image_url", "image_url": {"url": "https://example.com/cat.jpg"}}]
    resp = client.chat.completions.create(model="cohere-test", messages=[{"role": "user", "content": content}])
    assert resp.choices[0].message.content == expected_text(8)
    parts = last_native_request(fake_provider)["messages"][0]["content"]
    assert parts[1] == {"type": "image_url", "image_url": {"url": PIXEL, "detail": "low"}}
    assert parts[2] == {"type": "image_url", "image_url": {"url": "https://example.com/cat.jpg"}}


class Forecast(BaseModel):
    summary: str
    degrees: int


def test_structured_output_goes_up_as_json_object_with_schema(client, fake_provider):
    client.chat.completions.parse(model="cohere-test", messages=MESSAGES, response_format=Forecast)
    sent = last_native_request(fake_provider)["response_format"]
    assert sent["type"] == "json_object"
    assert set(sent["json_schema"]["properties"]) == {"summary", "degrees"}


def test_reasoning_effort_is_thinking(client, fake_provider):
    client.chat.completions.create(model="cohere-think", messages=MESSAGES, reasoning_effort="high")
    assert last_native_request(fake_provider)["thinking"] == {"type": "enabled", "token_budget": 16384}
    resp = client.chat.completions.create(model="cohere-think", messages=MESSAGES, reasoning_effort="none")
    assert last_native_request(fake_provider)["thinking"] == {"type": "disabled"}
    assert "reasoning_content" not in (resp.choices[0].message.model_extra or {})


def test_thinking_is_not_content(client):
    # cohere-reasoning-test has no reasoning: true (cohere-think has, in test_provider_options.py).
    resp = client.chat.completions.create(model="cohere-reasoning-test", messages=MESSAGES)
    assert resp.choices[0].message.content == expected_text(3)
    assert "reasoning_content" not in (resp.choices[0].message.model_extra or {})


def test_several_choices_are_refused(client):
    with pytest.raises(openai.BadRequestError) as caught:
        client.chat.completions.create(model="cohere-test", messages=MESSAGES, n=2)
    assert caught.value.body["param"] == "n"
    assert caught.value.body["code"] == "unsupported_parameter"


def test_rate_limit_is_429_with_retry_after(client):
    with pytest.raises(openai.RateLimitError) as caught:
        client.chat.completions.create(model="cohere-429", messages=MESSAGES)
    assert caught.value.status_code == 429
    assert caught.value.response.headers["retry-after"] == "2"
    assert caught.value.body["code"] == "rate_limit_exceeded"


def test_embeddings_go_up_as_cohere_takes_them(client, fake_provider):
    # The SDK asks for base64 by default: keygate asks Cohere for floats and encodes them itself.
    resp = client.embeddings.create(model="cohere-embed", input=["the quick brown fox", "jumps"], dimensions=4)
    assert [len(d.embedding) for d in resp.data] == [4, 4]
    assert resp.usage.prompt_tokens == 5
    native = last_native_request(fake_provider)
    assert native["texts"] == ["the quick brown fox", "jumps"]
    assert native["input_type"] == "search_document" and native["embedding_types"] == ["float"]
    assert native["output_dimension"] == 4
    assert "input" not in native and "encoding_format" not in native and "dimensions" not in native
