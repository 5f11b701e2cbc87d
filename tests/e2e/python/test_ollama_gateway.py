"""What only an Ollama deployment (native /api/chat and /api/embed) behind keygate does, through
the official openai SDK. The shared behaviour (chat, streams, tools, vision, structured output,
embeddings, reasoning) is in test_providers.py, test_embeddings.py and test_provider_options.py."""

from __future__ import annotations

import openai
import pytest

from harness import MESSAGES, PROMPT_WORDS, expected_text
from providers import WEATHER_TOOL, last_native_request, streamed_calls

PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="


def test_answer_names_ollamas_model(client):
    resp = client.chat.completions.create(model="ollama-test", messages=MESSAGES)
    assert resp.id.startswith("chatcmpl-")
    assert resp.model == "llama3.2"


def test_unsupported_fields_are_named(client):
    raw = client.chat.completions.with_raw_response.create(
        model="ollama-test", messages=MESSAGES, max_tokens=3, user="u-1", tool_choice="auto", tools=[WEATHER_TOOL]
    )
    assert raw.headers["x-keygate-dropped-params"] == "tool_choice, user"
    resp = raw.parse()
    assert resp.choices[0].finish_reason == "length"
    assert resp.choices[0].message.content == expected_text(3)


def test_forced_tool_choice_is_refused(client):
    with pytest.raises(openai.BadRequestError) as caught:
        client.chat.completions.create(model="ollama-test", messages=MESSAGES, tools=[WEATHER_TOOL],
                                       tool_choice="required")
    assert caught.value.body["param"] == "tool_choice"


def test_one_streamed_call_per_tool_with_ids_of_their_own(client):
    time_tool = {"type": "function", "function": {"name": "get_time", "parameters": {"type": "object"}}}
    chunks = list(client.chat.completions.create(
        model="ollama-test", messages=MESSAGES, tools=[WEATHER_TOOL, time_tool], stream=True))
    calls = streamed_calls(chunks)
    assert [calls[i]["name"] for i in sorted(calls)] == ["get_weather", "get_time"]
    assert all(c["arguments"] == {"city": "Oslo"} for c in calls.values())
    # Ollama sent no ids (the fake never does): keygate derives them, different per call.
    assert all(c["id"].startswith("call_") and len(c["id"]) == 29 for c in calls.values())
    assert calls[0]["id"] != calls[1]["id"]
    assert chunks[-1].choices[0].finish_reason == "tool_calls"


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


def test_unknown_model_is_not_found(client):
    with pytest.raises(openai.NotFoundError) as caught:
        client.chat.completions.create(model="ollama-404", messages=MESSAGES)
    assert caught.value.body["code"] == "model_not_found"
    assert "try pulling it first" in caught.value.body["message"]
