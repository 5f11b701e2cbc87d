"""Non-streaming chat completions through keygate with the official SDK."""

from __future__ import annotations

import openai
import pytest

from harness import MESSAGES, PROMPT_WORDS, expected_text


@pytest.mark.parametrize(("model", "tokens"), [("gpt-test", 8), ("gpt-tok1", 1), ("gpt-tok5", 5)])
def test_non_stream_content_and_usage(client, model, tokens):
    resp = client.chat.completions.create(model=model, messages=MESSAGES)
    assert resp.object == "chat.completion"
    assert resp.id
    assert len(resp.choices) == 1
    choice = resp.choices[0]
    assert choice.index == 0
    assert choice.message.role == "assistant"
    assert choice.message.content == expected_text(tokens)
    assert choice.finish_reason == "stop"
    assert resp.usage is not None
    assert resp.usage.prompt_tokens == PROMPT_WORDS
    assert resp.usage.completion_tokens == tokens
    assert resp.usage.total_tokens == PROMPT_WORDS + tokens


def test_text_parts_count_as_prompt_words(client):
    resp = client.chat.completions.create(
        model="gpt-tok1",
        messages=[
            {
                "role": "user",
                "content": [
                    {"type": "text", "text": "one two three"},
                    {"type": "text", "text": "four"},
                ],
            }
        ],
    )
    assert resp.choices[0].message.content == "tok0"
    assert resp.usage.prompt_tokens == 4
    assert resp.usage.total_tokens == 5


def test_max_tokens_cuts_the_answer(client):
    resp = client.chat.completions.create(model="gpt-test", messages=MESSAGES, max_tokens=3)
    assert resp.choices[0].message.content == expected_text(3)
    assert resp.choices[0].finish_reason == "length"
    assert resp.usage.completion_tokens == 3


def test_response_carries_request_id(client):
    ids = set()
    for _ in range(2):
        raw = client.chat.completions.with_raw_response.create(model="gpt-tok1", messages=MESSAGES)
        request_id = raw.headers.get("x-request-id")
        assert request_id, f"no x-request-id in {dict(raw.headers)}"
        ids.add(request_id)
        assert raw.parse().choices[0].message.content == "tok0"
    assert len(ids) == 2, "two requests got the same x-request-id"


def test_client_request_id_is_echoed(client):
    raw = client.chat.completions.with_raw_response.create(
        model="gpt-tok1",
        messages=MESSAGES,
        extra_headers={"x-request-id": "e2e-req-4242"},
    )
    assert raw.headers.get("x-request-id") == "e2e-req-4242"


def test_mock_provider_answers_locally(client):
    resp = client.chat.completions.create(model="mock-gpt", messages=MESSAGES)
    assert resp.choices[0].message.role == "assistant"
    assert resp.choices[0].message.content
    assert resp.choices[0].finish_reason == "stop"
    assert resp.usage.prompt_tokens > 0
    assert resp.usage.completion_tokens > 0
    assert resp.usage.total_tokens == resp.usage.prompt_tokens + resp.usage.completion_tokens


def test_models_list_has_public_names(client):
    models = client.models.list()
    ids = {m.id for m in models.data}
    expected = {"mock-gpt", "gpt-test", "gpt-tok1", "gpt-tok5", "gpt-429", "gpt-500", "gpt-401",
                "gpt-timeout", "gpt-slow", "gpt-reset", "gpt-truncate", "gpt-down"}
    assert expected <= ids, f"missing {expected - ids}"
    assert all(m.object == "model" for m in models.data)
    # Public names only: upstream names with fault knobs must not leak.
    assert not any("@" in i for i in ids), ids


def test_sdk_without_v1_in_base_url(gateway):
    with openai.OpenAI(base_url=gateway.root_url, api_key="anything", max_retries=0, timeout=15) as c:
        resp = c.chat.completions.create(model="gpt-tok5", messages=MESSAGES)
        assert resp.choices[0].message.content == expected_text(5)
        assert "gpt-test" in {m.id for m in c.models.list().data}
