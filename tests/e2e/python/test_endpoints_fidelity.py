"""The official SDKs pointed straight at the fake provider's endpoints beyond chat: its legacy
completions, images, speech, transcriptions and Cohere rerank must match the providers' APIs
closely enough that the SDKs' types and streams work."""

from __future__ import annotations

import io
import wave

import cohere
import openai
import pytest

import harness
from harness import expected_text


@pytest.fixture(autouse=True)
def gateway_survives(fake_provider):
    """Replaces conftest's check: these tests need no keygate, but the fake must keep serving."""
    yield
    alive, why = harness.still_serving(fake_provider)
    assert alive, f"the fake provider stopped serving during this test ({why}):\n{fake_provider.log_tail()}"


@pytest.fixture(scope="module")
def fake(fake_provider) -> openai.OpenAI:
    c = openai.OpenAI(base_url=fake_provider.root_url + "/v1", api_key="test-key", max_retries=0, timeout=15)
    yield c
    c.close()


def wav_bytes(frames: int) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\x00\x00" * frames)
    return buffer.getvalue()


def test_completions_whole_and_streamed(fake):
    whole = fake.completions.create(model="fake-instruct@tokens=2", prompt="hi")
    assert whole.choices[0].text == expected_text(2)
    chunks = list(fake.completions.create(model="fake-instruct@tokens=3", prompt="hi", stream=True))
    assert "".join(c.choices[0].text for c in chunks if c.choices) == expected_text(3)


def test_completions_errors_are_openai_errors(fake):
    with pytest.raises(openai.RateLimitError):
        fake.completions.create(model="fake-instruct@status=429,retry_after=0", prompt="hi")


def test_images(fake):
    assert fake.images.generate(model="dall-e-3", prompt="p", response_format="b64_json").data[0].b64_json
    assert fake.images.generate(model="dall-e-3", prompt="p").data[0].url


def test_transcription_verbose_json_has_the_duration(fake):
    resp = fake.audio.transcriptions.create(model="whisper-1", file=("a.wav", wav_bytes(4000)),
                                            response_format="verbose_json")
    assert resp.duration == pytest.approx(0.5)


def test_speech_streams_bytes(fake):
    with fake.audio.speech.with_streaming_response.create(model="tts-1", voice="alloy", input="abc") as resp:
        audio = b"".join(resp.iter_bytes())
    assert len(audio) == 10 + 64 * 3


def test_cohere_rerank(fake_provider):
    co = cohere.ClientV2(api_key="test-key", base_url=fake_provider.root_url + "/cohere", timeout=15, max_retries=0)
    resp = co.rerank(model="rerank-v3.5", query="blue sky", documents=["a red car", "the blue sky"])
    assert resp.results[0].index == 1
    assert resp.meta.billed_units.search_units == 1
