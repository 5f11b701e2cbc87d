"""The official anthropic Python SDK against keygate's /v1/messages, on Anthropic (native), OpenAI,
Gemini and Mistral deployments of the fake provider."""

from __future__ import annotations

import anthropic
import pytest

from harness import expected_text
from providers import last_native_request

MODELS = ["claude-test", "gpt-test", "gemini-test", "mistral-test"]
PROMPT = [{"role": "user", "content": "say a few words please"}]
WEATHER = {
    "name": "get_weather",
    "description": "The weather in a city.",
    "input_schema": {"type": "object", "properties": {"city": {"type": "string"}}},
}


@pytest.fixture(scope="session")
def claude(gateway) -> anthropic.Anthropic:
    c = anthropic.Anthropic(base_url=gateway.root_url, api_key="anything", max_retries=0, timeout=15.0)
    yield c
    c.close()


@pytest.mark.parametrize("model", MODELS)
def test_create(claude, model):
    msg = claude.messages.create(model=model, max_tokens=100, messages=PROMPT)
    assert msg.type == "message" and msg.role == "assistant"
    assert msg.content[0].type == "text"
    assert msg.content[0].text == expected_text(8)
    assert msg.stop_reason == "end_turn"
    assert msg.usage.output_tokens == 8
    assert msg.usage.input_tokens > 0


@pytest.mark.parametrize("model", MODELS)
def test_stream(claude, model):
    with claude.messages.stream(model=model, max_tokens=100, messages=PROMPT) as stream:
        text = "".join(stream.text_stream)
        final = stream.get_final_message()
    assert text == expected_text(8)
    assert final.content[0].text == expected_text(8)
    assert final.stop_reason == "end_turn"
    assert final.usage.output_tokens == 8


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("streamed", [False, True], ids=["whole", "stream"])
def test_tool_round_trip(claude, model, streamed):
    ask = [{"role": "user", "content": "What is the weather in Oslo?"}]
    if streamed:
        with claude.messages.stream(model=model, max_tokens=100, messages=ask, tools=[WEATHER]) as s:
            msg = s.get_final_message()
    else:
        msg = claude.messages.create(model=model, max_tokens=100, messages=ask, tools=[WEATHER])
    assert msg.stop_reason == "tool_use"
    call = [b for b in msg.content if b.type == "tool_use"][0]
    assert call.name == "get_weather"
    assert call.input == {"city": "Oslo"}
    history = ask + [
        {"role": "assistant", "content": [b.model_dump(exclude_none=True) for b in msg.content]},
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": call.id, "content": "sunny"}]},
    ]
    answer = claude.messages.create(model=model, max_tokens=100, messages=history, tools=[WEATHER])
    assert answer.stop_reason == "end_turn"
    assert answer.content[0].type == "text"


def test_thinking_on_an_anthropic_deployment_comes_back(claude):
    msg = claude.messages.create(
        model="claude-test", max_tokens=2048, messages=PROMPT,
        thinking={"type": "enabled", "budget_tokens": 1024})
    assert msg.content[0].type == "thinking"
    assert msg.content[0].thinking == "think0 think1 think2"
    assert msg.content[1].text == expected_text(8)


@pytest.mark.parametrize("model", ["gpt-test", "gemini-test", "mistral-test"])
def test_thinking_elsewhere_still_answers(claude, model):
    msg = claude.messages.create(
        model=model, max_tokens=2048, messages=PROMPT,
        thinking={"type": "enabled", "budget_tokens": 1024})
    assert [b for b in msg.content if b.type == "text"][0].text.startswith("tok0")


def test_an_anthropic_deployment_gets_the_clients_own_request(claude, fake_provider):
    claude.messages.create(model="claude-test", max_tokens=100, messages=PROMPT, extra_body={"top_k": 7},
                           metadata={"user_id": "u-7"})
    native = last_native_request(fake_provider)
    assert native["model"] == "claude-fake"
    assert native["top_k"] == 7
    assert native["messages"] == PROMPT


def test_errors_are_anthropic_errors(claude):
    with pytest.raises(anthropic.NotFoundError) as caught:
        claude.messages.create(model="no-such-model", max_tokens=10, messages=PROMPT)
    assert caught.value.body["error"]["type"] == "not_found_error"
    with pytest.raises(anthropic.BadRequestError) as caught:
        claude.messages.create(model="gpt-test", max_tokens=10, messages=[
            {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_x", "content": "x"}]}])
    assert "tool_use" in caught.value.body["error"]["message"]


def test_count_tokens_on_an_anthropic_deployment_is_anthropics_own(claude, fake_provider):
    raw = claude.messages.with_raw_response.count_tokens(
        model="claude-test", system="Be brief.",
        messages=[{"role": "user", "content": "count these four words"}])
    # The fake counts words: 2 of the system prompt, 4 of the message.
    assert raw.parse().input_tokens == 6
    assert "x-keygate-token-count" not in raw.headers
    assert last_native_request(fake_provider)["model"] == "claude-fake"


@pytest.mark.parametrize("model", ["gpt-test", "gemini-test"])
def test_count_tokens_elsewhere_is_an_estimate_marked_as_one(claude, model):
    raw = claude.messages.with_raw_response.count_tokens(model=model, messages=PROMPT)
    assert raw.headers["x-keygate-token-count"] == "estimated"
    # 22 characters (6 tokens) and 4 for the message.
    assert raw.parse().input_tokens == 10


def test_count_tokens_errors_are_anthropic_errors(claude):
    with pytest.raises(anthropic.NotFoundError) as caught:
        claude.messages.count_tokens(model="no-such-model", messages=PROMPT)
    assert caught.value.body["error"]["type"] == "not_found_error"


def test_models_list_in_anthropics_shape(claude):
    page = claude.models.list(limit=3)
    assert len(page.data) == 3
    assert all(m.type == "model" and m.display_name == m.id for m in page.data)
    assert page.has_more
    assert page.first_id == page.data[0].id and page.last_id == page.data[-1].id
    # The SDK follows after_id from page to page.
    every = [m.id for m in claude.models.list(limit=3)]
    assert len(every) == len(set(every)) > 3
    assert {"claude-test", "gpt-test", "gemini-test", "mistral-test"} <= set(every)
