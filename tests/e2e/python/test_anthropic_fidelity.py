"""The official anthropic SDK pointed straight at the fake provider: its Messages API must match
Anthropic's closely enough that the SDK's types, stream helpers and error classes all work."""

from __future__ import annotations

import anthropic
import pytest

import harness
from harness import expected_text

CLIENT_TIMEOUT_S = 15.0
MESSAGES = [{"role": "user", "content": "say a few words please"}]
SYSTEM = "You are very terse."
PROMPT_WORDS = 9  # system 4 + user 5
WEATHER_TOOL = {
    "name": "get_weather",
    "description": "Weather for a city",
    "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
}


@pytest.fixture(autouse=True)
def gateway_survives(fake_provider):
    """Replaces conftest's check: these tests need no keygate, but the fake must keep serving."""
    yield
    alive, why = harness.still_serving(fake_provider)
    assert alive, f"the fake provider stopped serving during this test ({why}):\n{fake_provider.log_tail()}"


def make_client(fake_provider, api_key: str = "test-key") -> anthropic.Anthropic:
    return anthropic.Anthropic(
        base_url=fake_provider.root_url, api_key=api_key, max_retries=0, timeout=CLIENT_TIMEOUT_S
    )


@pytest.fixture(scope="module")
def claude(fake_provider) -> anthropic.Anthropic:
    c = make_client(fake_provider)
    yield c
    c.close()


def create(client, model="claude-fake", max_tokens=256, **kwargs):
    return client.messages.create(model=model, max_tokens=max_tokens, system=SYSTEM, messages=MESSAGES, **kwargs)


def test_create_text(claude):
    msg = create(claude, model="claude-fake@tokens=4")
    assert isinstance(msg, anthropic.types.Message)
    assert msg.id.startswith("msg_")
    assert msg.type == "message" and msg.role == "assistant"
    assert msg.model == "claude-fake@tokens=4"
    assert [b.type for b in msg.content] == ["text"]
    assert msg.content[0].text == expected_text(4)
    assert msg.stop_reason == "end_turn"
    assert msg.stop_sequence is None
    assert msg.usage.input_tokens == PROMPT_WORDS
    assert msg.usage.output_tokens == 4
    assert msg.usage.cache_read_input_tokens == 0
    assert msg._request_id and msg._request_id.startswith("req_")


def test_create_stops_at_max_tokens_and_stop_sequences(claude):
    short = create(claude, max_tokens=2)
    assert short.content[0].text == expected_text(2)
    assert short.stop_reason == "max_tokens"
    stopped = create(claude, stop_sequences=["tok3"])
    assert stopped.content[0].text == expected_text(3)
    assert stopped.stop_reason == "stop_sequence"
    assert stopped.stop_sequence == "tok3"


def test_create_tool_use(claude):
    msg = create(claude, model="claude-fake@tokens=2", tools=[WEATHER_TOOL])
    assert [b.type for b in msg.content] == ["text", "tool_use"]
    tool = msg.content[1]
    assert isinstance(tool, anthropic.types.ToolUseBlock)
    assert tool.name == "get_weather"
    assert tool.input == {"city": "Oslo"}
    assert tool.id.startswith("toolu_")
    assert msg.stop_reason == "tool_use"


def test_tool_result_turn_gets_text(claude):
    first = create(claude, tools=[WEATHER_TOOL])
    tool = first.content[-1]
    follow_up = claude.messages.create(
        model="claude-fake@tokens=3",
        max_tokens=256,
        tools=[WEATHER_TOOL],
        messages=[
            *MESSAGES,
            {"role": "assistant", "content": [b.model_dump(exclude_none=True) for b in first.content]},
            {"role": "user", "content": [{"type": "tool_result", "tool_use_id": tool.id, "content": "12C"}]},
        ],
    )
    assert [b.type for b in follow_up.content] == ["text"]
    assert follow_up.stop_reason == "end_turn"


def test_raw_stream_event_sequence(claude):
    events = list(create(claude, model="claude-fake@tokens=2", stream=True))
    assert [e.type for e in events] == [
        "message_start",
        "content_block_start",
        "content_block_delta",
        "content_block_delta",
        "content_block_stop",
        "message_delta",
        "message_stop",
    ]  # the SDK swallows ping
    assert events[0].message.usage.input_tokens == PROMPT_WORDS
    assert events[0].message.stop_reason is None
    assert events[-2].delta.stop_reason == "end_turn"
    assert events[-2].usage.output_tokens == 2


def test_stream_helper_text(claude):
    with claude.messages.stream(model="claude-fake@tokens=5", max_tokens=256, messages=MESSAGES) as stream:
        text = "".join(stream.text_stream)
        final = stream.get_final_message()
    assert text == expected_text(5)
    assert final.content[0].text == expected_text(5)
    assert final.stop_reason == "end_turn"
    assert final.usage.output_tokens == 5


def test_stream_helper_tool_use(claude):
    with claude.messages.stream(
        model="claude-fake@tokens=1", max_tokens=256, messages=MESSAGES, tools=[WEATHER_TOOL]
    ) as stream:
        final = stream.get_final_message()
    assert [b.type for b in final.content] == ["text", "tool_use"]
    assert final.content[1].input == {"city": "Oslo"}
    assert final.stop_reason == "tool_use"


@pytest.mark.parametrize(
    ("status", "error_class", "error_type"),
    [
        (400, anthropic.BadRequestError, "invalid_request_error"),
        (404, anthropic.NotFoundError, "not_found_error"),
        (429, anthropic.RateLimitError, "rate_limit_error"),
        (500, anthropic.InternalServerError, "api_error"),
        (529, anthropic.OverloadedError, "overloaded_error"),
    ],
)
def test_error_classes(claude, status, error_class, error_type):
    with pytest.raises(error_class) as info:
        create(claude, model=f"claude-fake@status={status},retry_after=1")
    err = info.value
    assert err.status_code == status
    assert err.body["type"] == "error"
    assert err.body["error"]["type"] == error_type
    assert err.body["error"]["message"]
    assert err.request_id and err.request_id.startswith("req_")
    assert err.response.headers["retry-after"] == "1"


def test_bad_key_is_authentication_error(fake_provider):
    with make_client(fake_provider, api_key="bad-key") as client:
        with pytest.raises(anthropic.AuthenticationError) as info:
            create(client)
    assert info.value.status_code == 401
    assert info.value.body["error"]["type"] == "authentication_error"


def test_rate_limit_headers(claude):
    with pytest.raises(anthropic.RateLimitError) as info:
        create(claude, model="claude-fake@status=429,retry_after=3")
    headers = info.value.response.headers
    assert headers["anthropic-ratelimit-requests-remaining"] == "0"
    assert headers["anthropic-ratelimit-requests-reset"].endswith("Z")
