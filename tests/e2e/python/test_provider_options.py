"""Deployment options in the shared provider suite: reasoning deployments return the model's
thinking as reasoning_content; strict deployments refuse what their translator would drop; other
deployments name what they drop in x-keygate-dropped-params."""

from __future__ import annotations

import openai
import pytest

from harness import MESSAGES, expected_text
from providers import content_of, having, reasoning_of


@pytest.mark.parametrize("provider", having("reasoning"), ids=str, indirect=True)
def test_reasoning_content(client, provider):
    resp = client.chat.completions.create(model=provider.reasoning, messages=MESSAGES, reasoning_effort="low")
    message = resp.choices[0].message
    assert message.content == expected_text(3)
    assert message.model_extra["reasoning_content"] == provider.thinking


@pytest.mark.parametrize("provider", having("reasoning"), ids=str, indirect=True)
def test_reasoning_content_streamed(client, provider):
    chunks = list(client.chat.completions.create(
        model=provider.reasoning, messages=MESSAGES, reasoning_effort="low", stream=True))
    assert reasoning_of(chunks) == provider.thinking
    assert content_of(chunks) == expected_text(3)
    # The thinking comes first, and never inside the content.
    first_content = next(i for i, c in enumerate(chunks) if c.choices and c.choices[0].delta.content)
    assert reasoning_of(chunks[:first_content]) == provider.thinking


def test_no_reasoning_content_without_the_flag(client, provider):
    resp = client.chat.completions.create(model=provider.chat, messages=MESSAGES, reasoning_effort="low")
    assert resp.choices[0].message.content == expected_text(8)
    assert "reasoning_content" not in (resp.choices[0].message.model_extra or {})
    chunks = list(client.chat.completions.create(
        model=provider.chat, messages=MESSAGES, reasoning_effort="low", stream=True))
    assert reasoning_of(chunks) == ""
    assert content_of(chunks) == expected_text(8)


def test_unsupported_fields_are_named_or_passed_on(client, provider):
    raw = client.chat.completions.with_raw_response.create(
        model=provider.chat, messages=MESSAGES, logit_bias={"42": 1})
    assert raw.parse().choices[0].message.content == expected_text(8)
    dropped = raw.headers.get("x-keygate-dropped-params")
    assert dropped == (None if provider.passthrough else "logit_bias")


@pytest.mark.parametrize("provider", having("strict"), ids=str, indirect=True)
def test_strict_deployment_refuses_what_it_would_drop(client, provider):
    with pytest.raises(openai.BadRequestError) as caught:
        client.chat.completions.create(model=provider.strict, messages=MESSAGES, logit_bias={"42": 1})
    assert caught.value.status_code == 400
    assert caught.value.body["type"] == "invalid_request_error"
    assert caught.value.body["param"] == "logit_bias"
    assert caught.value.body["code"] == "unsupported_parameter"
    with pytest.raises(openai.BadRequestError):
        client.chat.completions.create(model=provider.strict, messages=MESSAGES, logit_bias={"42": 1},
                                       stream=True)
    resp = client.chat.completions.create(model=provider.strict, messages=MESSAGES, temperature=0.5)
    assert resp.choices[0].message.content == expected_text(8)
