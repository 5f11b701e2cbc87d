"""Ollama's official Python SDK pointed straight at the fake provider: its native API (/api/chat,
/api/embed, /api/tags) must match Ollama's closely enough that the SDK's types, NDJSON stream
iterator and ResponseError all work."""

from __future__ import annotations

import base64
import json

import httpx
import ollama
import pytest

import harness
from harness import expected_text

MESSAGES = [
    {"role": "system", "content": "You are very terse."},
    {"role": "user", "content": "say a few words please"},
]
PROMPT_WORDS = 9  # system 4 + user 5
WEATHER = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Weather for a city",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    },
}
# A 1x1 PNG.
PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="


@pytest.fixture(autouse=True)
def gateway_survives(fake_provider):
    """Replaces conftest's check: these tests need no keygate, but the fake must keep serving."""
    yield
    alive, why = harness.still_serving(fake_provider)
    assert alive, f"the fake provider stopped serving during this test ({why}):\n{fake_provider.log_tail()}"


@pytest.fixture(scope="module")
def client(fake_provider) -> ollama.Client:
    return ollama.Client(host=fake_provider.root_url, timeout=15)


def test_chat(client):
    resp = client.chat(model="llama3.2@tokens=4", messages=MESSAGES)
    assert isinstance(resp, ollama.ChatResponse)
    assert resp.message.role == "assistant"
    assert resp.message.content == expected_text(4)
    assert resp.done is True
    assert resp.done_reason == "stop"
    assert resp.model == "llama3.2@tokens=4"
    assert resp.prompt_eval_count == PROMPT_WORDS
    assert resp.eval_count == 4
    assert resp.total_duration > resp.eval_duration > 0
    assert resp.created_at.endswith("Z")


def test_stream(client):
    parts = list(client.chat(model="llama3.2@tokens=5", messages=MESSAGES, stream=True))
    assert len(parts) == 6  # one per token, then the done:true object
    assert "".join(p.message.content for p in parts) == expected_text(5)
    assert [p.done for p in parts] == [False] * 5 + [True]
    assert parts[-1].done_reason == "stop"
    assert parts[-1].eval_count == 5
    assert all(p.done_reason is None for p in parts[:-1])


def test_stream_is_the_default_without_the_field(fake_provider):
    body = {"model": "llama3.2@tokens=2", "messages": MESSAGES}
    resp = httpx.post(fake_provider.root_url + "/api/chat", json=body, timeout=15)
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in resp.text.splitlines()]
    assert [line["done"] for line in lines] == [False, False, True]


def test_options_num_predict_and_stop(client):
    short = client.chat(model="llama3.2", messages=MESSAGES, options={"num_predict": 2})
    assert short.message.content == expected_text(2)
    assert short.done_reason == "length"
    stopped = client.chat(model="llama3.2", messages=MESSAGES, options={"stop": ["tok3"]})
    assert stopped.message.content == expected_text(3)
    assert stopped.done_reason == "stop"


def test_tool_call_round_trip(client):
    resp = client.chat(model="llama3.2@tokens=0", messages=MESSAGES, tools=[WEATHER])
    [call] = resp.message.tool_calls
    assert call.function.name == "get_weather"
    assert call.function.arguments == {"city": "Oslo"}
    assert resp.done_reason == "stop"

    follow_up = client.chat(
        model="llama3.2@tokens=2",
        tools=[WEATHER],
        messages=[*MESSAGES, resp.message, {"role": "tool", "content": "12C", "tool_name": "get_weather"}],
    )
    assert follow_up.message.tool_calls is None
    assert follow_up.message.content == expected_text(2)


def test_streamed_parallel_tool_calls_arrive_whole(client):
    time_tool = {"type": "function", "function": {"name": "get_time", "parameters": {"type": "object"}}}
    parts = list(client.chat(model="llama3.2@tokens=1", messages=MESSAGES, tools=[WEATHER, time_tool], stream=True))
    calls = [c for p in parts for c in (p.message.tool_calls or [])]
    assert [(c.function.name, c.function.arguments) for c in calls] == [
        ("get_weather", {"city": "Oslo"}),
        ("get_time", {"city": "Oslo"}),
    ]
    assert parts[-1].done and parts[-1].done_reason == "stop"


def test_thinking(client):
    resp = client.chat(model="qwen3@tokens=2", messages=MESSAGES, think=True)
    assert resp.message.thinking == "think0 think1 think2"
    assert resp.message.content == expected_text(2)
    parts = list(client.chat(model="qwen3@tokens=2", messages=MESSAGES, think="low", stream=True))
    assert "".join(p.message.thinking or "" for p in parts) == "think0 think1 think2"
    assert client.chat(model="qwen3", messages=MESSAGES, think=False).message.thinking is None


def test_structured_output(client):
    schema = {"type": "object", "properties": {"name": {"type": "string"}, "count": {"type": "integer"}}}
    resp = client.chat(model="llama3.2@tokens=2", messages=MESSAGES, format=schema)
    assert json.loads(resp.message.content) == {"name": expected_text(2), "count": 2}
    assert json.loads(client.chat(model="llama3.2", messages=MESSAGES, format="json").message.content)


def test_images_must_be_plain_base64(client, fake_provider):
    resp = client.chat(model="llama3.2@tokens=1", messages=[{"role": "user", "content": "What?", "images": [PNG]}])
    assert resp.message.content == expected_text(1)
    body = {"model": "llama3.2", "stream": False,
            "messages": [{"role": "user", "content": "What?", "images": ["data:image/png;base64," + PNG]}]}
    refused = httpx.post(fake_provider.root_url + "/api/chat", json=body, timeout=15)
    assert refused.status_code == 400
    assert refused.json()["error"].startswith("illegal base64 data at input byte")
    assert base64.b64decode(PNG).startswith(b"\x89PNG")


def test_embed(client):
    resp = client.embed(model="all-minilm", input=["the quick brown fox", "jumps"])
    assert isinstance(resp, ollama.EmbedResponse)
    assert len(resp.embeddings) == 2
    assert all(len(v) == 8 for v in resp.embeddings)
    assert resp.embeddings[0] != resp.embeddings[1]
    assert resp.prompt_eval_count == 5
    assert [len(v) for v in client.embed(model="all-minilm", input="hi", dimensions=4).embeddings] == [4]


def test_list(client):
    names = [m.model for m in client.list().models]
    assert "llama3.2:latest" in names


def test_errors(client):
    with pytest.raises(ollama.ResponseError) as missing:
        client.chat(model="llama9@status=404", messages=MESSAGES)
    assert missing.value.status_code == 404
    assert missing.value.error == 'model "llama9@status=404" not found, try pulling it first'
    with pytest.raises(ollama.ResponseError) as busy:
        client.chat(model="llama3.2@status=503", messages=MESSAGES)
    assert busy.value.status_code == 503
    with pytest.raises(ollama.ResponseError) as bad_role:
        client.chat(model="llama3.2", messages=[{"role": "robot", "content": "hi"}])
    assert bad_role.value.status_code == 400


def test_error_line_mid_stream(client):
    parts = []
    with pytest.raises(ollama.ResponseError) as caught:
        for part in client.chat(model="llama3.2@stream_error=1,tokens=4", messages=MESSAGES, stream=True):
            parts.append(part)
    assert caught.value.error == "an error was encountered while running the model"
    assert "".join(p.message.content for p in parts) == expected_text(2)
