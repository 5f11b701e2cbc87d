"""The official openai SDK's AzureOpenAI client (and a stock client on Azure's v1 API) pointed
straight at the fake provider: its Azure paths must look like Azure OpenAI to the SDK, down to the
api-version, the api-key header, the content filter annotations and the errors."""

from __future__ import annotations

import base64
import json
import struct

import httpx
import openai
import pytest
from openai.types import CreateEmbeddingResponse
from openai.types.chat import ChatCompletion, ChatCompletionChunk
from pydantic import BaseModel

import harness
from harness import MESSAGES, PROMPT_WORDS, expected_text
from providers import WEATHER_TOOL, streamed_calls

API_VERSION = "2024-10-21"


@pytest.fixture(autouse=True)
def gateway_survives(fake_provider):
    """Replaces conftest's check: these tests need no keygate, but the fake must keep serving."""
    yield
    alive, why = harness.still_serving(fake_provider)
    assert alive, f"the fake provider stopped serving during this test ({why}):\n{fake_provider.log_tail()}"


def azure(fake_provider, **options) -> openai.AzureOpenAI:
    return openai.AzureOpenAI(azure_endpoint=fake_provider.root_url, api_version=API_VERSION,
                              api_key="test-key", max_retries=0, timeout=15, **options)


def azure_v1(fake_provider) -> openai.OpenAI:
    return openai.OpenAI(base_url=fake_provider.root_url + "/openai/v1/", api_key="test-key", max_retries=0,
                         timeout=15)


@pytest.fixture(params=["deployment-url", "v1"])
def client(request, fake_provider):
    c = azure(fake_provider) if request.param == "deployment-url" else azure_v1(fake_provider)
    yield c
    c.close()


def test_chat_carries_the_filter_results(client):
    resp = client.chat.completions.create(model="gpt-4o-fake", messages=MESSAGES)
    assert isinstance(resp, ChatCompletion)
    assert resp.model == "gpt-4o-fake"
    assert resp.choices[0].message.content == expected_text(8)
    assert resp.usage.prompt_tokens == PROMPT_WORDS
    [prompt] = resp.model_extra["prompt_filter_results"]
    assert prompt["prompt_index"] == 0
    assert prompt["content_filter_results"]["hate"] == {"filtered": False, "severity": "safe"}
    assert resp.choices[0].model_extra["content_filter_results"]["violence"]["filtered"] is False


def test_the_deployment_in_the_path_is_the_model(fake_provider):
    with azure(fake_provider, azure_deployment="my-deployment@tokens=2") as c:
        resp = c.chat.completions.create(model="not-this-one", messages=MESSAGES)
    assert resp.model == "my-deployment@tokens=2"
    assert resp.choices[0].message.content == expected_text(2)


def test_stream_starts_with_the_prompt_filter_chunk(client):
    chunks = list(client.chat.completions.create(
        model="gpt-4o-fake@tokens=3", messages=MESSAGES, stream=True, stream_options={"include_usage": True}))
    assert all(isinstance(c, ChatCompletionChunk) for c in chunks)
    assert chunks[0].choices == [] and chunks[0].usage is None
    assert chunks[0].model_extra["prompt_filter_results"][0]["prompt_index"] == 0
    assert "".join(c.choices[0].delta.content or "" for c in chunks if c.choices) == expected_text(3)
    assert chunks[-1].choices == [] and chunks[-1].usage.completion_tokens == 3


def test_tool_calls_whole_and_streamed(client):
    resp = client.chat.completions.create(model="gpt-4o-fake", messages=MESSAGES, tools=[WEATHER_TOOL])
    [call] = resp.choices[0].message.tool_calls
    assert resp.choices[0].finish_reason == "tool_calls"
    assert resp.choices[0].message.content is None
    assert (call.function.name, json.loads(call.function.arguments)) == ("get_weather", {"city": "Oslo"})
    chunks = list(client.chat.completions.create(
        model="gpt-4o-fake", messages=MESSAGES, tools=[WEATHER_TOOL], stream=True))
    assert streamed_calls(chunks)[0]["arguments"] == {"city": "Oslo"}


class Forecast(BaseModel):
    summary: str
    degrees: int


def test_structured_output(client):
    resp = client.chat.completions.parse(model="gpt-4o-fake", messages=MESSAGES, response_format=Forecast)
    assert resp.choices[0].message.parsed == Forecast(summary=expected_text(8), degrees=8)


def test_embeddings(client):
    resp = client.embeddings.create(model="text-embedding-fake", input=["one two", "three"])
    assert isinstance(resp, CreateEmbeddingResponse)
    assert [len(d.embedding) for d in resp.data] == [8, 8]
    assert resp.usage.prompt_tokens == 3
    floats = client.embeddings.create(model="text-embedding-fake", input="x", encoding_format="float")
    packed = client.embeddings.create(model="text-embedding-fake", input="x", encoding_format="base64")
    raw = base64.b64decode(packed.data[0].embedding)
    assert list(struct.unpack(f"<{len(raw) // 4}f", raw)) == pytest.approx(floats.data[0].embedding, abs=1e-6)


def test_wrong_key_is_401(fake_provider):
    with openai.AzureOpenAI(azure_endpoint=fake_provider.root_url, api_version=API_VERSION, api_key="bad-key",
                            max_retries=0) as c, pytest.raises(openai.AuthenticationError) as caught:
        c.chat.completions.create(model="gpt-4o-fake", messages=MESSAGES)
    assert caught.value.status_code == 401
    assert caught.value.code == "401"
    assert "Access denied" in caught.value.message


def test_unsupported_api_version_is_400(fake_provider):
    with openai.AzureOpenAI(azure_endpoint=fake_provider.root_url, api_version="2024-10", api_key="k",
                            max_retries=0) as c, pytest.raises(openai.BadRequestError) as caught:
        c.chat.completions.create(model="gpt-4o-fake", messages=MESSAGES)
    assert "API version not supported" in caught.value.message


def test_deployment_url_without_api_version_is_404(fake_provider):
    resp = httpx.post(fake_provider.root_url + "/openai/deployments/gpt-4o-fake/chat/completions",
                      headers={"api-key": "k"}, json={"messages": MESSAGES}, timeout=5)
    assert resp.status_code == 404
    assert resp.json() == {"error": {"code": "404", "message": "Resource not found"}}


def test_rate_limit_carries_azures_waits(fake_provider):
    with azure(fake_provider) as c, pytest.raises(openai.RateLimitError) as caught:
        c.chat.completions.create(model="gpt-4o-fake@status=429,retry_after=2", messages=MESSAGES)
    headers = caught.value.response.headers
    assert (headers["retry-after"], headers["retry-after-ms"]) == ("2", "2000")
    assert "Please retry after 2 seconds" in caught.value.message
