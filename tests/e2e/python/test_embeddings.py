"""Embeddings through keygate with the official openai SDK: every provider that has them (the
shared provider suite, providers.py), the built-in mock, and the errors."""

from __future__ import annotations

import base64
import struct

import httpx
import openai
import pytest

from providers import having, lacking

INPUTS = ["the quick brown fox", "jumps", "over the lazy dog"]
WORDS = 4 + 1 + 4


def check_batch(resp):
    assert resp.object == "list"
    assert [d.index for d in resp.data] == [0, 1, 2]
    for d in resp.data:
        assert d.object == "embedding"
        assert len(d.embedding) == 8
        assert all(isinstance(x, float) for x in d.embedding)
        assert abs(sum(x * x for x in d.embedding) - 1.0) < 1e-4
    assert resp.data[0].embedding != resp.data[1].embedding
    assert resp.usage.prompt_tokens == WORDS
    assert resp.usage.total_tokens == WORDS


@pytest.mark.parametrize("provider", having("embeddings"), ids=str, indirect=True)
def test_batch_with_sdk_default_encoding(client, provider):
    # The SDK asks for base64 by default and decodes it back to floats.
    check_batch(client.embeddings.create(model=provider.embeddings, input=INPUTS))


@pytest.mark.parametrize("provider", having("embeddings"), ids=str, indirect=True)
def test_float_and_base64_agree(client, provider):
    floats = client.embeddings.create(model=provider.embeddings, input="hello there", encoding_format="float")
    # Asked for explicitly, base64 comes back from the SDK as the string the gateway sent.
    packed = client.embeddings.create(model=provider.embeddings, input="hello there", encoding_format="base64")
    raw = base64.b64decode(packed.data[0].embedding)
    values = list(struct.unpack(f"<{len(raw) // 4}f", raw))
    assert values == pytest.approx(floats.data[0].embedding, abs=1e-6)


@pytest.mark.parametrize("provider", having("embeddings"), ids=str, indirect=True)
def test_dimensions(client, provider):
    resp = client.embeddings.create(model=provider.embeddings, input=["a", "b"], dimensions=4,
                                    encoding_format="float")
    assert [len(d.embedding) for d in resp.data] == [4, 4]


@pytest.mark.parametrize("provider", lacking("embeddings"), ids=str, indirect=True)
def test_provider_without_embeddings_refuses(client, provider):
    with pytest.raises(openai.BadRequestError) as caught:
        client.embeddings.create(model=provider.chat, input="x")
    assert caught.value.body["code"] == "unsupported_operation"


def test_mock_embeddings(client):
    check_batch(client.embeddings.create(model="mock-embed", input=INPUTS))


def test_raw_base64_is_little_endian_float32(base_url):
    body = {"model": "gemini-embed", "input": "raw", "encoding_format": "base64", "dimensions": 5}
    resp = httpx.post(base_url + "/embeddings", json=body, timeout=15)
    assert resp.status_code == 200, resp.text
    raw = base64.b64decode(resp.json()["data"][0]["embedding"])
    values = struct.unpack("<5f", raw)
    assert len(values) == 5


def test_errors(client):
    with pytest.raises(openai.NotFoundError) as not_found:
        client.embeddings.create(model="no-such-model", input="x")
    assert not_found.value.code == "model_not_found"
    with pytest.raises(openai.BadRequestError) as bad:
        client.embeddings.create(model="embed-test", input=[])
    assert bad.value.body["param"] == "input"
