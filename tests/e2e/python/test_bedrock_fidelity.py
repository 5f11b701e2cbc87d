"""boto3's bedrock-runtime client pointed straight at the fake provider: its SigV4 signatures are
accepted (and a wrong secret refused as AWS refuses it), and its Converse and ConverseStream parsers
read the fake's answers and eventstream bodies. The Node AWS SDK does the same in
tests/e2e/node/bedrock_fidelity.test.mjs."""

from __future__ import annotations

import json

import boto3
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError, EventStreamError

import harness
from harness import expected_text

# AWS's documented example keys: the ones the fake checks signatures with.
KEY_ID = "AKIDEXAMPLE"
SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
MODEL = "anthropic.claude-3-haiku-20240307-v1:0"
SYSTEM = [{"text": "You are very terse."}]
MESSAGES = [{"role": "user", "content": [{"text": "say a few words please"}]}]
PROMPT_WORDS = 9
WEATHER = {"toolSpec": {"name": "get_weather", "description": "Weather for a city",
                        "inputSchema": {"json": {"type": "object", "properties": {"city": {"type": "string"}}}}}}


@pytest.fixture(autouse=True)
def gateway_survives(fake_provider):
    """Replaces conftest's check: these tests need no keygate, but the fake must keep serving."""
    yield
    alive, why = harness.still_serving(fake_provider)
    assert alive, f"the fake provider stopped serving during this test ({why}):\n{fake_provider.log_tail()}"


def make_client(fake_provider, key_id: str = KEY_ID, secret: str = SECRET):
    return boto3.client(
        "bedrock-runtime", region_name="us-east-1", endpoint_url=fake_provider.root_url,
        aws_access_key_id=key_id, aws_secret_access_key=secret,
        config=Config(retries={"max_attempts": 1, "mode": "standard"}, read_timeout=15))


def test_converse(fake_provider):
    out = make_client(fake_provider).converse(modelId=MODEL, system=SYSTEM, messages=MESSAGES)
    assert out["output"]["message"]["content"][0]["text"] == expected_text(8)
    assert out["stopReason"] == "end_turn"
    assert (out["usage"]["inputTokens"], out["usage"]["outputTokens"]) == (PROMPT_WORDS, 8)


def test_converse_stream_with_a_tool_call(fake_provider):
    out = make_client(fake_provider).converse_stream(
        modelId=MODEL, system=SYSTEM, messages=MESSAGES, toolConfig={"tools": [WEATHER]})
    events = list(out["stream"])
    kinds = [next(iter(e)) for e in events]
    assert kinds[0] == "messageStart" and kinds[-2:] == ["messageStop", "metadata"]
    text = "".join(e["contentBlockDelta"]["delta"].get("text", "") for e in events if "contentBlockDelta" in e)
    assert text == expected_text(8)
    [start] = [e["contentBlockStart"]["start"]["toolUse"] for e in events if "contentBlockStart" in e]
    assert start["name"] == "get_weather"
    arguments = "".join(e["contentBlockDelta"]["delta"]["toolUse"]["input"]
                        for e in events if "toolUse" in e.get("contentBlockDelta", {}).get("delta", {}))
    assert json.loads(arguments) == {"city": "Oslo"}
    assert events[-2]["messageStop"]["stopReason"] == "tool_use"
    assert events[-1]["metadata"]["usage"]["outputTokens"] == 8


def test_wrong_secret_is_an_invalid_signature(fake_provider):
    with pytest.raises(ClientError) as caught:
        make_client(fake_provider, secret="not-the-secret").converse(modelId=MODEL, messages=MESSAGES)
    error = caught.value.response
    assert error["Error"]["Code"] == "InvalidSignatureException"
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 403
    assert "signature we calculated does not match" in error["Error"]["Message"]


def test_exception_inside_the_stream(fake_provider):
    out = make_client(fake_provider).converse_stream(
        modelId="anthropic.claude-fake@stream_error=1", messages=MESSAGES)
    with pytest.raises(EventStreamError) as caught:
        list(out["stream"])
    assert caught.value.response["Error"]["Code"] == "throttlingException"
