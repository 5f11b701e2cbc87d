"""Google's official google-genai SDK pointed straight at the fake provider: its Gemini API must
match Google's closely enough that the SDK's types, stream iterator and error classes all work."""

from __future__ import annotations

import pytest
from google import genai
from google.genai import errors, types

import harness
from harness import expected_text

SYSTEM = "You are very terse."
PROMPT = "say a few words please"
PROMPT_WORDS = 9  # system 4 + user 5
WEATHER = types.FunctionDeclaration(
    name="get_weather",
    description="Weather for a city",
    parameters_json_schema={"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
)


@pytest.fixture(autouse=True)
def gateway_survives(fake_provider):
    """Replaces conftest's check: these tests need no keygate, but the fake must keep serving."""
    yield
    alive, why = harness.still_serving(fake_provider)
    assert alive, f"the fake provider stopped serving during this test ({why}):\n{fake_provider.log_tail()}"


def make_client(fake_provider, api_key: str = "test-key") -> genai.Client:
    return genai.Client(
        api_key=api_key,
        http_options=types.HttpOptions(base_url=fake_provider.root_url, api_version="v1beta", timeout=15_000),
    )


@pytest.fixture(scope="module")
def gemini(fake_provider) -> genai.Client:
    return make_client(fake_provider)


def config(**kwargs) -> types.GenerateContentConfig:
    return types.GenerateContentConfig(system_instruction=SYSTEM, **kwargs)


def test_generate_content(gemini):
    resp = gemini.models.generate_content(model="gemini-fake@tokens=4", contents=PROMPT, config=config())
    assert isinstance(resp, types.GenerateContentResponse)
    assert resp.text == expected_text(4)
    [candidate] = resp.candidates
    assert candidate.finish_reason == types.FinishReason.STOP
    assert candidate.content.role == "model"
    assert resp.model_version == "gemini-fake@tokens=4"
    assert resp.response_id.startswith("fake_")
    assert resp.usage_metadata.prompt_token_count == PROMPT_WORDS
    assert resp.usage_metadata.candidates_token_count == 4
    assert resp.usage_metadata.total_token_count == PROMPT_WORDS + 4


def test_max_output_tokens_and_stop_sequences(gemini):
    short = gemini.models.generate_content(model="gemini-fake", contents=PROMPT, config=config(max_output_tokens=2))
    assert short.text == expected_text(2)
    assert short.candidates[0].finish_reason == types.FinishReason.MAX_TOKENS
    stopped = gemini.models.generate_content(model="gemini-fake", contents=PROMPT, config=config(stop_sequences=["tok3"]))
    assert stopped.text == expected_text(3)
    assert stopped.candidates[0].finish_reason == types.FinishReason.STOP


def test_candidate_count(gemini):
    resp = gemini.models.generate_content(
        model="gemini-fake@tokens=2", contents=PROMPT, config=config(candidate_count=2)
    )
    assert [c.index for c in resp.candidates] == [0, 1]
    assert all(c.content.parts[0].text == expected_text(2) for c in resp.candidates)


def test_generate_content_stream(gemini):
    chunks = list(
        gemini.models.generate_content_stream(model="gemini-fake@tokens=5", contents=PROMPT, config=config())
    )
    assert len(chunks) == 5
    assert "".join(c.text for c in chunks) == expected_text(5)
    assert [c.candidates[0].finish_reason for c in chunks][-1] == types.FinishReason.STOP
    assert all(c.candidates[0].finish_reason is None for c in chunks[:-1])
    assert [c.usage_metadata.candidates_token_count for c in chunks] == [1, 2, 3, 4, 5]
    assert chunks[-1].usage_metadata.prompt_token_count == PROMPT_WORDS


def test_function_call_round_trip(gemini):
    tools = [types.Tool(function_declarations=[WEATHER])]
    resp = gemini.models.generate_content(model="gemini-fake@tokens=2", contents=PROMPT, config=config(tools=tools))
    [call] = resp.function_calls
    assert call.name == "get_weather"
    assert call.args == {"city": "Oslo"}
    assert resp.candidates[0].finish_reason == types.FinishReason.STOP

    follow_up = gemini.models.generate_content(
        model="gemini-fake@tokens=2",
        config=config(tools=tools),
        contents=[
            types.Content(role="user", parts=[types.Part.from_text(text=PROMPT)]),
            resp.candidates[0].content,
            types.Content(
                role="user", parts=[types.Part.from_function_response(name="get_weather", response={"output": "12C"})]
            ),
        ],
    )
    assert follow_up.function_calls is None
    assert follow_up.text == expected_text(2)


def test_streamed_function_call(gemini):
    tools = [types.Tool(function_declarations=[WEATHER])]
    chunks = list(
        gemini.models.generate_content_stream(model="gemini-fake@tokens=1", contents=PROMPT, config=config(tools=tools))
    )
    calls = [call for chunk in chunks for call in (chunk.function_calls or [])]
    assert [(c.name, c.args) for c in calls] == [("get_weather", {"city": "Oslo"})]


def test_bad_key_is_a_client_error(fake_provider):
    client = make_client(fake_provider, api_key="bad-key")
    with pytest.raises(errors.ClientError) as caught:
        client.models.generate_content(model="gemini-fake", contents=PROMPT)
    assert caught.value.code == 400
    assert caught.value.status == "INVALID_ARGUMENT"
    assert "API key not valid" in caught.value.message
    assert caught.value.details["error"]["details"][0]["reason"] == "API_KEY_INVALID"


def test_rate_limit_and_overload_errors(gemini):
    with pytest.raises(errors.ClientError) as limited:
        gemini.models.generate_content(model="gemini-fake@status=429,retry_after=7", contents=PROMPT)
    assert limited.value.code == 429
    assert limited.value.status == "RESOURCE_EXHAUSTED"
    retry = [d for d in limited.value.details["error"]["details"] if d["@type"].endswith("RetryInfo")]
    assert retry[0]["retryDelay"] == "7s"
    with pytest.raises(errors.ServerError) as overloaded:
        gemini.models.generate_content(model="gemini-fake@status=503", contents=PROMPT)
    assert overloaded.value.code == 503
    assert overloaded.value.status == "UNAVAILABLE"
