"""What only an Anthropic deployment behind keygate does, through the official openai SDK. The
shared behaviour (chat, streams, tools, vision, structured output) is in test_providers.py."""

from __future__ import annotations

import openai
import pytest

from harness import MESSAGES, expected_text
from providers import last_native_request


def test_answer_id_is_the_message_id(client):
    resp = client.chat.completions.create(model="claude-test", messages=MESSAGES)
    assert resp.id.startswith("chatcmpl-msg_fake_")


def test_thinking_budget_fits_under_max_tokens(client, fake_provider):
    # Anthropic refuses a budget that is not below max_tokens (the fake too): keygate raises it.
    resp = client.chat.completions.create(
        model="claude-think", messages=MESSAGES, reasoning_effort="medium", max_completion_tokens=100)
    assert resp.choices[0].message.content == expected_text(3)
    native = last_native_request(fake_provider)
    assert native["thinking"] == {"type": "enabled", "budget_tokens": 4096}
    assert native["max_tokens"] == 4196


def test_overloaded_is_503(client):
    with pytest.raises(openai.InternalServerError) as caught:
        client.chat.completions.create(model="claude-529", messages=MESSAGES)
    assert caught.value.status_code == 503
    assert caught.value.body["code"] == "overloaded"
