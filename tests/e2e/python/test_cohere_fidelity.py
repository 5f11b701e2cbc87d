"""Cohere's official cohere SDK (ClientV2) pointed straight at the fake provider's Cohere v2 API:
its answers, typed stream events, tool calls, thinking, embeddings and errors must match Cohere's
closely enough that the SDK's types, stream iterator and error classes all work."""

from __future__ import annotations

import json

import cohere
import httpx
import pytest
from cohere import errors

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


def make_client(fake_provider, api_key: str = "test-key") -> cohere.ClientV2:
    return cohere.ClientV2(api_key=api_key, base_url=fake_provider.root_url + "/cohere", timeout=15,
                           max_retries=0)


@pytest.fixture(scope="module")
def co(fake_provider) -> cohere.ClientV2:
    return make_client(fake_provider)


def text_of(response) -> str:
    return "".join(item.text for item in response.message.content or [] if item.type == "text")


def test_chat(co):
    resp = co.chat(model="command-a-fake@tokens=4", messages=MESSAGES)
    assert resp.id
    assert resp.finish_reason == "COMPLETE"
    assert resp.message.role == "assistant"
    assert text_of(resp) == expected_text(4)
    assert resp.usage.tokens.input_tokens == PROMPT_WORDS
    assert resp.usage.tokens.output_tokens == 4
    assert resp.usage.billed_units.output_tokens == 4


def test_max_tokens_and_stop_sequences(co):
    cut = co.chat(model="command-a-fake", messages=MESSAGES, max_tokens=3)
    assert text_of(cut) == expected_text(3)
    assert cut.finish_reason == "MAX_TOKENS"
    stopped = co.chat(model="command-a-fake", messages=MESSAGES, stop_sequences=["tok2"], seed=7, p=0.5)
    assert text_of(stopped) == expected_text(2)
    assert stopped.finish_reason == "STOP_SEQUENCE"


def test_stream_events_in_order(co):
    events = list(co.chat_stream(model="command-a-fake@tokens=4", messages=MESSAGES))
    types = [e.type for e in events]
    assert types[0] == "message-start"
    assert types[1] == "content-start"
    assert types[-2:] == ["content-end", "message-end"]
    assert events[0].id
    deltas = [e for e in events if e.type == "content-delta"]
    assert "".join(e.delta.message.content.text for e in deltas) == expected_text(4)
    end = events[-1]
    assert end.delta.finish_reason == "COMPLETE"
    assert end.delta.usage.tokens.input_tokens == PROMPT_WORDS
    assert end.delta.usage.tokens.output_tokens == 4


def test_tool_call_round_trip(co):
    first = co.chat(model="command-a-fake@tokens=2", messages=MESSAGES, tools=[WEATHER], tool_choice="REQUIRED")
    assert first.finish_reason == "TOOL_CALL"
    assert first.message.tool_plan
    [call] = first.message.tool_calls
    assert call.id and call.type == "function"
    assert call.function.name == "get_weather"
    assert json.loads(call.function.arguments) == {"city": "Oslo"}
    second = co.chat(
        model="command-a-fake@tokens=2",
        tools=[WEATHER],
        messages=[*MESSAGES, first.message, {"role": "tool", "tool_call_id": call.id, "content": "12C"}],
    )
    assert second.finish_reason == "COMPLETE"
    assert text_of(second) == expected_text(2)


def test_streamed_tool_call_comes_in_pieces(co):
    events = list(co.chat_stream(model="command-a-fake", messages=MESSAGES, tools=[WEATHER]))
    types = [e.type for e in events]
    assert types == ["message-start", "tool-plan-delta", "tool-call-start", "tool-call-delta", "tool-call-delta",
                     "tool-call-end", "message-end"]
    start = events[2].delta.message.tool_calls
    assert start.id and start.function.name == "get_weather"
    arguments = "".join(e.delta.message.tool_calls.function.arguments for e in events[3:5])
    assert json.loads(arguments) == {"city": "Oslo"}
    assert events[-1].delta.finish_reason == "TOOL_CALL"


def test_reasoning_model_thinks_first(co):
    resp = co.chat(model="command-a-reasoning-fake@tokens=2", messages=MESSAGES,
                   thinking={"type": "enabled", "token_budget": 1024})
    thinking, text = resp.message.content
    assert thinking.type == "thinking" and thinking.thinking == "Thinking about it."
    assert text.type == "text" and text.text == expected_text(2)
    off = co.chat(model="command-a-reasoning-fake@tokens=2", messages=MESSAGES, thinking={"type": "disabled"})
    assert [item.type for item in off.message.content] == ["text"]
    streamed = list(co.chat_stream(model="command-a-reasoning-fake@tokens=2", messages=MESSAGES))
    thoughts = [e.delta.message.content.thinking for e in streamed
                if e.type == "content-delta" and e.delta.message.content.thinking]
    assert thoughts == ["Thinking about it."]


def test_json_object_follows_its_schema(co):
    schema = {"type": "object", "properties": {"summary": {"type": "string"}, "degrees": {"type": "integer"}}}
    resp = co.chat(model="command-a-fake@tokens=2", messages=MESSAGES,
                   response_format={"type": "json_object", "json_schema": schema})
    assert json.loads(text_of(resp)) == {"summary": expected_text(2), "degrees": 2}


def test_openai_fields_are_refused(fake_provider):
    resp = httpx.post(
        fake_provider.root_url + "/cohere/v2/chat",
        headers={"authorization": "Bearer test-key"},
        json={"model": "command-a-fake", "messages": MESSAGES, "top_p": 0.5},
        timeout=15,
    )
    assert resp.status_code == 400
    assert "top_p" in resp.json()["message"]
    with pytest.raises(errors.BadRequestError) as caught:
        make_client(fake_provider).chat(model="command-a-fake", messages=[{"role": "developer", "content": "x"}])
    assert caught.value.status_code == 400


def test_bad_key_rate_limit_and_outage(fake_provider, co):
    with pytest.raises(errors.UnauthorizedError) as caught:
        make_client(fake_provider, "bad-key").chat(model="command-a-fake", messages=MESSAGES)
    assert caught.value.status_code == 401
    assert caught.value.body["message"] == "invalid api token"
    with pytest.raises(errors.TooManyRequestsError) as caught:
        co.chat(model="command-a-fake@status=429,retry_after=3", messages=MESSAGES)
    assert caught.value.status_code == 429
    assert caught.value.headers["retry-after"] == "3"
    with pytest.raises(errors.ServiceUnavailableError):
        co.chat(model="command-a-fake@status=503", messages=MESSAGES)
    with pytest.raises(errors.InvalidTokenError):
        co.chat(model="command-a-fake@status=498", messages=MESSAGES)


def test_embed(co):
    resp = co.embed(model="embed-v4.0", texts=["the quick brown fox", "jumps"], input_type="search_document",
                    embedding_types=["float"])
    assert resp.response_type == "embeddings_by_type"
    vectors = resp.embeddings.float_
    assert [len(v) for v in vectors] == [8, 8]
    assert abs(sum(x * x for x in vectors[0]) - 1.0) < 1e-4
    assert resp.meta.billed_units.input_tokens == 5
    sized = co.embed(model="embed-v4.0", texts=["hello"], input_type="search_query", embedding_types=["float"],
                     output_dimension=3)
    assert len(sized.embeddings.float_[0]) == 3



def test_embed_needs_an_input_type(fake_provider):
    # The SDK makes input_type a required argument; the fake refuses a request without one too.
    resp = httpx.post(
        fake_provider.root_url + "/cohere/v2/embed",
        headers={"authorization": "Bearer test-key"},
        json={"model": "embed-v4.0", "texts": ["hello"], "embedding_types": ["float"]},
        timeout=15,
    )
    assert resp.status_code == 400
    assert "input_type" in resp.json()["message"]
