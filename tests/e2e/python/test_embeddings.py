"""Embeddings through keygate with the official openai SDK: OpenAI, Gemini, Ollama and mock deployments."""

from __future__ import annotations

import base64
import struct

import httpx
import openai
import pytest

INPUTS = ["the quick brown fox", "jumps", "over the lazy dog"]
WORDS = 4 + 1 + 4


@pytest.mark.parametrize("model", ["embed-test", "gemini-embed", "mock-embed", "ollama-embed"])
def test_batch_with_sdk_default_encoding(client, model):
    # The SDK asks for base64 by default and decodes it back to floats.
    resp = client.embeddings.create(model=model, input=INPUTS)
    assert resp.object == "list"
    assert len(resp.data) == len(INPUTS)
    assert [d.index for d in resp.data] == [0, 1, 2]
    for d in resp.data:
        assert d.object == "embedding"
        assert len(d.embedding) == 8
        assert all(isinstance(x, float) for x in d.embedding)
        assert abs(sum(x * x for x in d.embedding) - 1.0) < 1e-4
    assert resp.data[0].embedding != resp.data[1].embedding
    assert resp.usage.prompt_tokens == WORDS
    assert resp.usage.total_tokens == WORDS


@pytest.mark.parametrize("model", ["embed-test", "gemini-embed", "ollama-embed"])
def test_float_and_base64_agree(client, model):
    floats = client.embeddings.create(model=model, input="hello there", encoding_format="float")
    # Asked for explicitly, base64 comes back from the SDK as the string the gateway sent.
    packed = client.embeddings.create(model=model, input="hello there", encoding_format="base64")
    raw = base64.b64decode(packed.data[0].embedding)
    values = list(struct.unpack(f"<{len(raw) // 4}f", raw))
    assert values == pytest.approx(floats.data[0].embedding, abs=1e-6)


def test_raw_base64_is_little_endian_float32(base_url):
    body = {"model": "gemini-embed", "input": "raw", "encoding_format": "base64", "dimensions": 5}
    resp = httpx.post(base_url + "/embeddings", json=body, timeout=15)
    assert resp.status_code == 200, resp.text
    raw = base64.b64decode(resp.json()["data"][0]["embedding"])
    values = struct.unpack("<5f", raw)
    assert len(values) == 5


def test_dimensions(client):
    resp = client.embeddings.create(model="gemini-embed", input=["a", "b"], dimensions=16)
    assert [len(d.embedding) for d in resp.data] == [16, 16]


def test_errors(client):
    with pytest.raises(openai.NotFoundError) as not_found:
        client.embeddings.create(model="no-such-model", input="x")
    assert not_found.value.code == "model_not_found"
    with pytest.raises(openai.BadRequestError) as bad:
        client.embeddings.create(model="embed-test", input=[])
    assert bad.value.body["param"] == "input"
