"""Mistral's official mistralai SDK pointed straight at the fake provider's Mistral API: its
answers, streams, tool calls, validation and errors must match Mistral's closely enough that the
SDK's types, stream iterator and error classes all work."""

from __future__ import annotations

import json

import httpx
import pytest
from mistralai.client import Mistral, errors, models

import harness
from harness import expected_text

MESSAGES = [
    {"role": "system", "content": "You are very terse."},
    {"role": "user", "content": "say a few words please"},
]
PROMPT_WORDS = 9
WEATHER = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Weather for a city",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    },
}


@pytest.fixture(autouse=True)
def gateway_survives(fake_provider):
    """Replaces conftest's check: these tests need no keygate, but the fake must keep serving."""
    yield
    alive, why = harness.still_serving(fake_provider)
    assert alive, f"the fake provider stopped serving during this test ({why}):\n{fake_provider.log_tail()}"


def make_client(fake_provider, api_key: str = "test-key") -> Mistral:
    return Mistral(api_key=api_key, server_url=fake_provider.root_url + "/mistral", timeout_ms=15_000)


@pytest.fixture(scope="module")
def mistral(fake_provider) -> Mistral:
    return make_client(fake_provider)


def test_chat_complete(mistral):
    resp = mistral.chat.complete(model="mistral-fake@tokens=4", messages=MESSAGES)
    assert isinstance(resp, models.ChatCompletionResponse)
    assert resp.id.startswith("cmpl-fake-")
    assert resp.model == "mistral-fake@tokens=4"
    [choice] = resp.choices
    assert choice.message.content == expected_text(4)
    assert choice.finish_reason == "stop"
    assert resp.usage.prompt_tokens == PROMPT_WORDS
    assert resp.usage.completion_tokens == 4
    assert resp.usage.total_tokens == PROMPT_WORDS + 4


def test_max_tokens_stop_and_several_choices(mistral):
    cut = mistral.chat.complete(model="mistral-fake", messages=MESSAGES, max_tokens=3)
    assert cut.choices[0].message.content == expected_text(3)
    assert cut.choices[0].finish_reason == "length"
    stopped = mistral.chat.complete(model="mistral-fake", messages=MESSAGES, stop=["tok2"], random_seed=7)
    assert stopped.choices[0].message.content == expected_text(2)
    several = mistral.chat.complete(model="mistral-fake@tokens=2", messages=MESSAGES, n=2)
    assert [c.index for c in several.choices] == [0, 1]


def test_stream_carries_usage_on_the_finish_chunk(mistral):
    chunks = [event.data for event in mistral.chat.stream(model="mistral-fake@tokens=4", messages=MESSAGES)]
    assert all(isinstance(c, models.CompletionChunk) for c in chunks)
    assert all(c.choices for c in chunks), "Mistral sends no empty-choices chunk"
    assert chunks[0].choices[0].delta.role == "assistant"
    assert "".join(c.choices[0].delta.content or "" for c in chunks) == expected_text(4)
    *body, last = chunks
    assert [c.choices[0].finish_reason for c in body] == [None] * len(body)
    assert last.choices[0].finish_reason == "stop"
    assert last.usage.prompt_tokens == PROMPT_WORDS
    assert last.usage.completion_tokens == 4
    assert all(c.usage is None for c in body)


def test_tool_call_round_trip(mistral):
    first = mistral.chat.complete(model="mistral-fake@tokens=2", messages=MESSAGES, tools=[WEATHER],
                                  tool_choice="any")
    choice = first.choices[0]
    assert choice.finish_reason == "tool_calls"
    [call] = choice.message.tool_calls
    assert len(call.id) == 9 and call.id.isalnum()
    assert call.function.name == "get_weather"
    assert json.loads(call.function.arguments) == {"city": "Oslo"}
    second = mistral.chat.complete(
        model="mistral-fake@tokens=2",
        tools=[WEATHER],
        messages=[*MESSAGES, choice.message, {"role": "tool", "tool_call_id": call.id, "name": "get_weather",
                                              "content": "12C"}],
    )
    assert second.choices[0].finish_reason == "stop"
    assert second.choices[0].message.content == expected_text(2)


def test_streamed_tool_call_comes_whole(mistral):
    chunks = [e.data for e in mistral.chat.stream(model="mistral-fake@tokens=1", messages=MESSAGES, tools=[WEATHER])]
    last = chunks[-1]
    assert last.choices[0].finish_reason == "tool_calls"
    [call] = last.choices[0].delta.tool_calls
    assert call.function.name == "get_weather"
    assert json.loads(call.function.arguments) == {"city": "Oslo"}
    assert last.usage.completion_tokens == 1


def test_thinking_model_answers_in_chunks(mistral):
    resp = mistral.chat.complete(model="magistral-fake@tokens=2", messages=MESSAGES)
    thinking, text = resp.choices[0].message.content
    assert isinstance(thinking, models.ThinkChunk)
    assert thinking.thinking[0].text == "Thinking about it."
    assert isinstance(text, models.TextChunk)
    assert text.text == expected_text(2)


def test_bad_tool_call_id_is_400(mistral):
    history = [*MESSAGES,
               {"role": "assistant", "tool_calls": [{"id": "call_abc", "function": {"name": "get_weather",
                                                                                    "arguments": "{}"}}]},
               {"role": "tool", "tool_call_id": "call_abc", "content": "12C"}]
    with pytest.raises(errors.SDKError) as caught:
        mistral.chat.complete(model="mistral-fake", messages=history, tools=[WEATHER])
    assert caught.value.status_code == 400
    assert "must be a-z, A-Z, 0-9, with a length of 9" in caught.value.body


def test_unknown_fields_are_422(fake_provider):
    resp = httpx.post(
        fake_provider.root_url + "/mistral/v1/chat/completions",
        headers={"authorization": "Bearer test-key"},
        json={"model": "mistral-fake", "messages": MESSAGES, "stream": True, "stream_options": {"include_usage": True},
              "user": "u-1"},
        timeout=15,
    )
    assert resp.status_code == 422
    detail = resp.json()["message"]["detail"]
    assert [(d["type"], d["loc"]) for d in detail] == [
        ("extra_forbidden", ["body", "stream_options"]),
        ("extra_forbidden", ["body", "user"]),
    ]


def test_bad_key_and_rate_limit(fake_provider, mistral):
    with pytest.raises(errors.SDKError) as caught:
        make_client(fake_provider, "bad-key").chat.complete(model="mistral-fake", messages=MESSAGES)
    assert caught.value.status_code == 401
    assert json.loads(caught.value.body)["message"] == "Unauthorized"
    with pytest.raises(errors.SDKError) as caught:
        mistral.chat.complete(model="mistral-fake@status=429,retry_after=3", messages=MESSAGES)
    assert caught.value.status_code == 429
    assert caught.value.headers["retry-after"] == "3"
    assert caught.value.headers["x-ratelimit-remaining-req-minute"] == "0"
    with pytest.raises(errors.SDKError) as caught:
        mistral.chat.complete(model="mistral-fake@status=503", messages=MESSAGES)
    assert caught.value.status_code == 503


def test_embeddings(mistral):
    resp = mistral.embeddings.create(model="mistral-embed", inputs=["the quick brown fox", "jumps"])
    assert isinstance(resp, models.EmbeddingResponse)
    assert [d.index for d in resp.data] == [0, 1]
    assert all(len(d.embedding) == 8 for d in resp.data)
    assert abs(sum(x * x for x in resp.data[0].embedding) - 1.0) < 1e-4
    assert resp.usage.prompt_tokens == 5
    sized = mistral.embeddings.create(model="codestral-embed", inputs="hello", output_dimension=3)
    assert len(sized.data[0].embedding) == 3
