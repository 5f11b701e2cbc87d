"""A Gemini deployment behind keygate, used through the official openai SDK."""

from __future__ import annotations

import json

import openai

from harness import MESSAGES, PROMPT_WORDS, expected_text, last_native_request

WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Weather for a city",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    },
}


def test_chat(client):
    resp = client.chat.completions.create(model="gemini-test", messages=MESSAGES)
    assert resp.object == "chat.completion"
    assert resp.id.startswith("chatcmpl-fake_")
    assert resp.choices[0].message.content == expected_text(8)
    assert resp.choices[0].finish_reason == "stop"
    assert resp.usage.prompt_tokens == PROMPT_WORDS
    assert resp.usage.completion_tokens == 8
    assert resp.usage.total_tokens == PROMPT_WORDS + 8


def test_several_choices(client):
    resp = client.chat.completions.create(model="gemini-test", messages=MESSAGES, n=2)
    assert [c.index for c in resp.choices] == [0, 1]
    assert all(c.message.content == expected_text(8) for c in resp.choices)


def test_stream_with_usage(client):
    stream = client.chat.completions.create(
        model="gemini-test", messages=MESSAGES, stream=True, stream_options={"include_usage": True}
    )
    chunks = list(stream)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    finishes = [c.choices[0].finish_reason for c in chunks if c.choices and c.choices[0].finish_reason]
    assert text == expected_text(8)
    assert finishes == ["stop"]
    assert chunks[-1].choices == []
    assert chunks[-1].usage.prompt_tokens == PROMPT_WORDS
    assert chunks[-1].usage.completion_tokens == 8


def test_tool_call_round_trip(client):
    first = client.chat.completions.create(model="gemini-test", messages=MESSAGES, tools=[WEATHER_TOOL])
    choice = first.choices[0]
    assert choice.finish_reason == "tool_calls"
    [call] = choice.message.tool_calls
    assert call.id.startswith("call_") and len(call.id) == 29
    assert call.function.name == "get_weather"
    assert json.loads(call.function.arguments) == {"city": "Oslo"}

    second = client.chat.completions.create(
        model="gemini-test",
        tools=[WEATHER_TOOL],
        messages=[
            *MESSAGES,
            choice.message.model_dump(exclude_none=True),
            {"role": "tool", "tool_call_id": call.id, "content": "12C"},
        ],
    )
    assert second.choices[0].finish_reason == "stop"
    assert second.choices[0].message.content == expected_text(8)


def test_streamed_tool_call(client):
    stream = client.chat.completions.create(
        model="gemini-test", messages=MESSAGES, tools=[WEATHER_TOOL], stream=True
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


def test_rate_limit_is_429_with_retry_after(client):
    try:
        client.chat.completions.create(model="gemini-429", messages=MESSAGES)
    except openai.RateLimitError as err:
        assert err.status_code == 429
        assert err.body["code"] == "rate_limit_exceeded"
        assert err.response.headers["retry-after"] == "2"
    else:
        raise AssertionError("expected a 429")


PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="


def test_image_url_is_downloaded_into_inline_data(client, fake_provider):
    resp = client.chat.completions.create(
        model="gemini-test",
        messages=[{"role": "user", "content": [
            {"type": "text", "text": "What is in this picture?"},
            {"type": "image_url", "image_url": {"url": fake_provider.root_url + "/fake/image.png"}},
        ]}],
    )
    assert resp.choices[0].message.content == expected_text(8)
    parts = last_native_request(fake_provider)["contents"][0]["parts"]
    assert parts[1] == {"inlineData": {"mimeType": "image/png", "data": PNG}}


def test_image_url_to_a_private_address_is_refused(client):
    try:
        client.chat.completions.create(
            model="gemini-test",
            messages=[{"role": "user", "content": [
                {"type": "image_url", "image_url": {"url": "http://169.254.169.254/latest/meta-data/"}}]}],
        )
    except openai.BadRequestError as err:
        assert err.body["param"] == "messages[0].content[0]"
        assert err.body["code"] == "image_url_blocked"
    else:
        raise AssertionError("expected a 400")
