"""What only a Gemini deployment behind keygate does, through the official openai SDK. The shared
behaviour (chat, streams, tools, vision, structured output) is in test_providers.py."""

from __future__ import annotations

import openai
import pytest

from harness import MESSAGES, PROMPT_WORDS, expected_text
from providers import WEATHER_TOOL, last_native_request


def test_answer_id_is_the_response_id(client):
    resp = client.chat.completions.create(model="gemini-test", messages=MESSAGES)
    assert resp.id.startswith("chatcmpl-fake_")


def test_several_choices(client):
    resp = client.chat.completions.create(model="gemini-test", messages=MESSAGES, n=2)
    assert [c.index for c in resp.choices] == [0, 1]
    assert all(c.message.content == expected_text(8) for c in resp.choices)


def test_calls_without_ids_get_one(client):
    # Gemini may send a call without an id (the fake always does): keygate makes one up.
    call = client.chat.completions.create(
        model="gemini-test", messages=MESSAGES, tools=[WEATHER_TOOL]).choices[0].message.tool_calls[0]
    assert call.id.startswith("call_") and len(call.id) == 29


def test_reasoning_deployment_asks_for_thoughts(client, fake_provider):
    client.chat.completions.create(model="gemini-think", messages=MESSAGES, reasoning_effort="high")
    config = last_native_request(fake_provider)["generationConfig"]
    assert config["thinkingConfig"] == {"thinkingBudget": 16384, "includeThoughts": True}
    client.chat.completions.create(model="gemini-test", messages=MESSAGES, reasoning_effort="high")
    assert last_native_request(fake_provider)["generationConfig"]["thinkingConfig"] == {"thinkingBudget": 16384}


def test_rate_limit_is_429_with_retry_after(client):
    with pytest.raises(openai.RateLimitError) as caught:
        client.chat.completions.create(model="gemini-429", messages=MESSAGES)
    assert caught.value.status_code == 429
    assert caught.value.body["code"] == "rate_limit_exceeded"
    assert caught.value.response.headers["retry-after"] == "2"


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
