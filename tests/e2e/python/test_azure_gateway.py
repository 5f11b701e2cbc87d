"""What only Azure OpenAI deployments behind keygate do, through the official openai SDK. The shared
behaviour (chat, streams, tools, vision, structured output, embeddings) is in test_providers.py
and test_embeddings.py; the fake's Azure API itself is checked in test_azure_fidelity.py."""

from __future__ import annotations

import openai
import pytest

from harness import MESSAGES, expected_text


def test_dated_api_and_v1_api(client):
    dated = client.chat.completions.create(model="azure-test", messages=MESSAGES)
    assert dated.model == "gpt-4o-fake"  # the deployment from the path
    v1 = client.chat.completions.create(model="azure-v1", messages=MESSAGES)
    assert v1.model == "gpt-4o-fake@tokens=5"  # the body's model on the v1 API
    assert v1.choices[0].message.content == expected_text(5)


def test_filter_results_pass_through(client):
    resp = client.chat.completions.create(model="azure-test", messages=MESSAGES)
    assert resp.model_extra["prompt_filter_results"][0]["content_filter_results"]["hate"]["filtered"] is False
    assert "content_filter_results" in resp.choices[0].model_extra


def test_rate_limit_keeps_azures_waits(client):
    with pytest.raises(openai.RateLimitError) as caught:
        client.chat.completions.create(model="azure-429", messages=MESSAGES)
    assert caught.value.code == "rate_limit_exceeded"
    headers = caught.value.response.headers
    assert (headers["retry-after"], headers["retry-after-ms"]) == ("2", "2000")
