"""An Ollama deployment (native /api/chat and /api/embed) behind keygate, used through the official
openai SDK."""

from __future__ import annotations

import json

import openai
import pytest

from harness import MESSAGES, PROMPT_WORDS, expected_text, last_native_request

WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Weather for a city",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    },
}
PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="


def test_chat(client):
    resp = client.chat.completions.create(model="ollama-test", messages=MESSAGES)
    assert resp.object == "chat.completion"
    assert resp.id.startswith("chatcmpl-")
    assert resp.model == "llama3.2"
    assert resp.choices[0].message.content == expected_text(8)
    assert resp.choices[0].finish_reason == "stop"
    assert resp.usage.prompt_tokens == PROMPT_WORDS
    assert resp.usage.completion_tokens == 8
    assert resp.usage.total_tokens == PROMPT_WORDS + 8


def test_max_tokens_is_length_and_unsupported_fields_are_named(client):
    raw = client.chat.completions.with_raw_response.create(
        model="ollama-test", messages=MESSAGES, max_tokens=3, user="u-1", tool_choice="auto", tools=[WEATHER_TOOL]
    )
    assert raw.headers["x-keygate-dropped-params"] == "tool_choice, user"
    resp = raw.parse()
    assert resp.choices[0].finish_reason == "length"
    assert resp.choices[0].message.content == expected_text(3)


def test_stream_with_usage(client):
    stream = client.chat.completions.create(
        model="ollama-test", messages=MESSAGES, stream=True, stream_options={"include_usage": True}
    )
    chunks = list(stream)
    assert chunks[0].choices[0].delta.role == "assistant"
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    finishes = [c.choices[0].finish_reason for c in chunks if c.choices and c.choices[0].finish_reason]
    assert text == expected_text(8)
    assert finishes == ["stop"]
    assert chunks[-1].choices == []
    assert chunks[-1].usage.prompt_tokens == PROMPT_WORDS
    assert chunks[-1].usage.completion_tokens == 8


def test_tool_call_round_trip(client):
    first = client.chat.completions.create(model="ollama-test", messages=MESSAGES, tools=[WEATHER_TOOL])
    choice = first.choices[0]
    assert choice.finish_reason == "tool_calls"
    [call] = choice.message.tool_calls
    assert call.id.startswith("call_") and len(call.id) == 29
    assert call.function.name == "get_weather"
    assert json.loads(call.function.arguments) == {"city": "Oslo"}

    second = client.chat.completions.create(
        model="ollama-test",
        tools=[WEATHER_TOOL],
        messages=[
            *MESSAGES,
            choice.message.model_dump(exclude_none=True),
            {"role": "tool", "tool_call_id": call.id, "content": "12C"},
        ],
    )
    assert second.choices[0].finish_reason == "stop"
    assert second.choices[0].message.content == expected_text(8)


def test_streamed_tool_calls(client):
    time_tool = {"type": "function", "function": {"name": "get_time", "parameters": {"type": "object"}}}
    stream = client.chat.completions.create(
        model="ollama-test", messages=MESSAGES, tools=[WEATHER_TOOL, time_tool], stream=True
    )
    calls: dict[int, dict] = {}
    finish = None
    for chunk in stream:
        for delta in chunk.choices[0].delta.tool_calls or []:
            entry = calls.setdefault(delta.index, {"id": None, "name": None, "arguments": ""})
            entry["id"] = delta.id or entry["id"]
            entry["name"] = (delta.function.name if delta.function else None) or entry["name"]
            entry["arguments"] += (delta.function.arguments if delta.function else "") or ""
        finish = chunk.choices[0].finish_reason or finish
    assert [calls[i]["name"] for i in sorted(calls)] == ["get_weather", "get_time"]
    assert all(json.loads(c["arguments"]) == {"city": "Oslo"} for c in calls.values())
    assert calls[0]["id"] != calls[1]["id"]
    assert finish == "tool_calls"


def test_vision_with_a_data_url(client):
    resp = client.chat.completions.create(
        model="ollama-test",
        messages=[{"role": "user", "content": [
            {"type": "text", "text": "What is in this picture?"},
            {"type": "image_url", "image_url": {"url": "data:image/png;base64," + PNG}},
        ]}],
    )
    # The fake refuses anything but plain base64 in images[], as Ollama does.
    assert resp.choices[0].message.content == expected_text(8)


def test_image_url_is_downloaded_into_images(client, fake_provider):
    resp = client.chat.completions.create(
        model="ollama-test",
        messages=[{"role": "user", "content": [
            {"type": "text", "text": "What is in this picture?"},
            {"type": "image_url", "image_url": {"url": fake_provider.root_url + "/fake/image.png"}},
        ]}],
    )
    assert resp.choices[0].message.content == expected_text(8)
    message = last_native_request(fake_provider)["messages"][0]
    assert message == {"role": "user", "content": "What is in this picture?", "images": [PNG]}


def test_image_url_to_a_private_address_is_refused(client):
    with pytest.raises(openai.BadRequestError) as caught:
        client.chat.completions.create(
            model="ollama-test",
            messages=[{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "http://[::1]/a.png"}}]}],
        )
    assert caught.value.body["param"] == "messages[0].content[0]"
    assert caught.value.body["code"] == "image_url_blocked"


def test_structured_output(client):
    schema = {"type": "object", "properties": {"name": {"type": "string"}, "count": {"type": "integer"}},
              "required": ["name", "count"], "additionalProperties": False}
    resp = client.chat.completions.create(
        model="ollama-test", messages=MESSAGES,
        response_format={"type": "json_schema", "json_schema": {"name": "thing", "schema": schema, "strict": True}},
    )
    assert json.loads(resp.choices[0].message.content) == {"name": expected_text(8), "count": 8}
    json_mode = client.chat.completions.create(
        model="ollama-test", messages=MESSAGES, response_format={"type": "json_object"}
    )
    assert json.loads(json_mode.choices[0].message.content) == {"answer": expected_text(8)}


def test_reasoning_content_on_a_reasoning_deployment(client):
    resp = client.chat.completions.create(model="ollama-think", messages=MESSAGES, reasoning_effort="medium")
    message = resp.choices[0].message
    assert message.content == expected_text(3)
    assert message.model_extra["reasoning_content"] == "think0 think1 think2"
    stream = client.chat.completions.create(
        model="ollama-think", messages=MESSAGES, reasoning_effort="low", stream=True
    )
    reasoning = "".join((c.choices[0].delta.model_extra or {}).get("reasoning_content") or "" for c in stream)
    assert reasoning == "think0 think1 think2"


def test_embeddings(client):
    resp = client.embeddings.create(model="ollama-embed", input=["one two", "three"], encoding_format="float")
    assert [len(d.embedding) for d in resp.data] == [8, 8]
    assert resp.usage.prompt_tokens == 3
    assert [len(d.embedding) for d in client.embeddings.create(model="ollama-embed", input="x", dimensions=4).data] == [4]


def test_unknown_model_is_not_found(client):
    with pytest.raises(openai.NotFoundError) as caught:
        client.chat.completions.create(model="ollama-404", messages=MESSAGES)
    assert caught.value.body["code"] == "model_not_found"
    assert "try pulling it first" in caught.value.body["message"]
