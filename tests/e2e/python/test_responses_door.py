"""The official openai Python SDK's Responses API against keygate's /v1/responses, on OpenAI,
Anthropic and Gemini deployments of the fake provider."""

from __future__ import annotations

import openai
import pytest

from harness import expected_text
from providers import last_native_request

MODELS = ["gpt-test", "claude-test", "gemini-test"]
WEATHER = {
    "type": "function",
    "name": "get_weather",
    "description": "The weather in a city.",
    "parameters": {"type": "object", "properties": {"city": {"type": "string"}}},
}


@pytest.mark.parametrize("model", MODELS)
def test_create(client, model):
    resp = client.responses.create(model=model, input="say a few words please")
    assert resp.status == "completed"
    assert resp.output_text == expected_text(8)
    assert resp.usage.output_tokens == 8


@pytest.mark.parametrize("model", MODELS)
def test_stream(client, model):
    deltas, types = [], []
    with client.responses.stream(model=model, input="say a few words please") as stream:
        for event in stream:
            types.append(event.type)
            if event.type == "response.output_text.delta":
                deltas.append(event.delta)
        final = stream.get_final_response()
    assert types[0] == "response.created"
    assert types[-1] == "response.completed"
    assert "".join(deltas) == expected_text(8)
    assert final.output_text == expected_text(8)


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize("streamed", [False, True], ids=["whole", "stream"])
def test_tool_round_trip(client, model, streamed):
    if streamed:
        with client.responses.stream(model=model, input="weather in Oslo?", tools=[WEATHER]) as s:
            resp = s.get_final_response()
    else:
        resp = client.responses.create(model=model, input="weather in Oslo?", tools=[WEATHER])
    calls = [item for item in resp.output if item.type == "function_call"]
    assert len(calls) == 1
    assert calls[0].name == "get_weather"
    assert calls[0].arguments.replace(" ", "") == '{"city":"Oslo"}'
    answer = client.responses.create(
        model=model, tools=[WEATHER], previous_response_id=resp.id,
        input=[{"type": "function_call_output", "call_id": calls[0].call_id, "output": "sunny"}])
    assert answer.output_text


def test_previous_response_across_two_providers(client, fake_provider):
    first = client.responses.create(model="gpt-test", input="remember the word apple")
    second = client.responses.create(model="claude-test", input="which word?",
                                     previous_response_id=first.id)
    assert second.previous_response_id == first.id
    native = last_native_request(fake_provider)
    texts = [block["text"] for m in native["messages"] for block in m["content"]]
    assert texts == ["remember the word apple", expected_text(8), "which word?"]
    third = client.responses.create(model="gemini-test", input="again?", previous_response_id=second.id)
    assert third.output_text == expected_text(8)


def test_a_native_continuation_names_what_it_continues(client, fake_provider):
    # Answered by Anthropic, continued natively on OpenAI, which never sees previous_response_id.
    first = client.responses.create(model="claude-test", input="remember the word pear")
    second = client.responses.create(model="gpt-test", input="which word?", previous_response_id=first.id)
    assert "previous_response_id" not in last_native_request(fake_provider)
    assert second.previous_response_id == first.id
    with client.responses.stream(model="gpt-test", input="again?", previous_response_id=second.id) as s:
        final = s.get_final_response()
    assert final.previous_response_id == second.id


def test_retrieve_list_and_delete(client):
    made = client.responses.create(model="gpt-test", input="keep this")
    assert client.responses.retrieve(made.id).output_text == made.output_text
    items = client.responses.input_items.list(made.id)
    assert [i.content[0].text for i in items.data] == ["keep this"]
    client.responses.delete(made.id)
    with pytest.raises(openai.NotFoundError):
        client.responses.retrieve(made.id)


def test_bad_input_is_a_400(client):
    with pytest.raises(openai.BadRequestError) as caught:
        client.responses.create(model="gpt-test", input="x", previous_response_id="resp_unknown")
    assert caught.value.body["code"] == "previous_response_not_found"
    with pytest.raises(openai.BadRequestError) as caught:
        client.responses.create(model="gpt-test", input=[{"type": "hologram", "id": "x"}])
    assert caught.value.body["param"] == "input[0].type"
