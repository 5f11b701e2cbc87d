"""What only a Bedrock deployment behind keygate does, through the official openai SDK. The shared
behaviour (chat, streams, tools, vision, structured output) is in test_providers.py; the fake's
Bedrock itself is checked against the AWS SDK in tests/e2e/node/bedrock_fidelity.test.mjs."""

from __future__ import annotations

import openai
import pytest

from harness import MESSAGES, expected_text
from providers import PNG, WEATHER_TOOL, last_native_request


def test_signed_request_carries_the_converse_body(client, fake_provider):
    resp = client.chat.completions.create(model="bedrock-test", messages=MESSAGES, max_tokens=5, stop=["END"],
                                          temperature=0.3, seed=1)
    assert resp.choices[0].message.content == expected_text(5)
    assert resp.choices[0].finish_reason == "length"
    native = last_native_request(fake_provider)
    assert native["system"] == [{"text": "You are very terse."}]
    assert native["messages"] == [{"role": "user", "content": [{"text": "say a few words please"}]}]
    assert native["inferenceConfig"] == {"maxTokens": 5, "temperature": 0.3, "stopSequences": ["END"]}
    assert "seed" not in native and "model" not in native


def test_dropped_parameters_are_reported(client):
    raw = client.chat.completions.with_raw_response.create(model="bedrock-test", messages=MESSAGES, seed=1)
    assert raw.headers["x-keygate-dropped-params"] == "seed"


def test_tool_ids_pass_through(client):
    call = client.chat.completions.create(
        model="bedrock-test", messages=MESSAGES, tools=[WEATHER_TOOL]).choices[0].message.tool_calls[0]
    assert call.id.startswith("tooluse_fake")


def test_rate_limit_is_429_with_retry_after(client):
    with pytest.raises(openai.RateLimitError) as caught:
        client.chat.completions.create(model="bedrock-429", messages=MESSAGES)
    assert caught.value.status_code == 429
    assert caught.value.body["code"] == "rate_limit_exceeded"
    assert caught.value.response.headers["retry-after"] == "2"


def test_image_url_is_downloaded_into_bytes(client, fake_provider):
    resp = client.chat.completions.create(
        model="bedrock-test",
        messages=[{"role": "user", "content": [
            {"type": "text", "text": "What is in this picture?"},
            {"type": "image_url", "image_url": {"url": fake_provider.root_url + "/fake/image.png"}},
        ]}],
    )
    assert resp.choices[0].message.content == expected_text(8)
    content = last_native_request(fake_provider)["messages"][0]["content"]
    assert content[1] == {"image": {"format": "png", "source": {"bytes": PNG}}}


def test_n_above_one_is_refused(client):
    with pytest.raises(openai.BadRequestError) as caught:
        client.chat.completions.create(model="bedrock-test", messages=MESSAGES, n=2)
    assert caught.value.body["param"] == "n"
    assert caught.value.body["code"] == "unsupported_parameter"


def test_cost_comes_from_the_bedrock_price_table(client):
    raw = client.chat.completions.with_raw_response.create(model="bedrock-test", messages=MESSAGES)
    usage = raw.parse().usage
    # anthropic.claude-3-haiku on Bedrock: 0.25 USD in, 1.25 USD out per million tokens.
    expected = (usage.prompt_tokens * 0.25 + usage.completion_tokens * 1.25) / 1e6
    assert float(raw.headers["x-keygate-cost-usd"]) == pytest.approx(expected)
