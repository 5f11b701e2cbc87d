"""The endpoints beyond chat through keygate with the official SDKs: legacy completions (whole and
streamed), images.generate (b64_json and url), audio.transcriptions.create and
audio.translations.create with a real WAV made here, audio.speech.create streamed to a file, and
rerank with Cohere's own SDK (ClientV2.rerank, base_url pointed at keygate)."""

from __future__ import annotations

import base64
import io
import wave

import cohere
import openai
import pytest

import harness
from harness import expected_text


def small_wav(seconds: float = 1.25, rate: int = 16000) -> bytes:
    """A mono 16-bit WAV of a quiet ramp, made with Python's own wave module."""
    frames = int(seconds * rate)
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"".join(((i % 200) - 100).to_bytes(2, "little", signed=True) for i in range(frames)))
    return buffer.getvalue()


def test_legacy_completion(client, fake_provider):
    resp = client.completions.create(model="instruct-test", prompt="Say hi", max_tokens=3)
    assert resp.object == "text_completion"
    assert resp.choices[0].text == expected_text(3)
    assert resp.choices[0].finish_reason == "length"
    assert resp.usage.completion_tokens == 3
    assert harness.last_native_request(fake_provider)["model"] == "gpt-3.5-turbo-instruct"


def test_legacy_completion_stream(client):
    chunks = list(client.completions.create(model="instruct-test", prompt="Say hi", max_tokens=4, stream=True,
                                            stream_options={"include_usage": True}))
    text = "".join(c.choices[0].text for c in chunks if c.choices)
    assert text == expected_text(4)
    assert chunks[-1].usage is not None and chunks[-1].usage.completion_tokens == 4


def test_legacy_completion_at_a_chat_only_provider_is_a_clear_400(client):
    with pytest.raises(openai.BadRequestError) as caught:
        client.completions.create(model="mock-gpt", prompt="x")
    assert caught.value.body["code"] == "unsupported_operation"
    assert "/v1/completions" in caught.value.body["message"]


@pytest.mark.parametrize("model", ["image-test", "azure-image"])
def test_images_generate_b64_json(client, model):
    resp = client.images.generate(model=model, prompt="a lighthouse", n=2, response_format="b64_json")
    assert len(resp.data) == 2
    png = base64.b64decode(resp.data[0].b64_json)
    assert png.startswith(b"\x89PNG")


def test_images_generate_url(client):
    resp = client.images.generate(model="image-test", prompt="a lighthouse")
    assert len(resp.data) == 1
    assert resp.data[0].url.startswith("http")


def test_images_cost_is_per_image(client):
    raw = client.images.with_raw_response.generate(model="image-test", prompt="a lighthouse", n=3)
    assert raw.headers["x-keygate-cost-usd"] == "0.12"  # dall-e-3 at $0.04 an image
    assert len(raw.parse().data) == 3


def test_audio_transcription_of_a_real_wav(client, fake_provider):
    audio = small_wav(1.25)
    resp = client.audio.transcriptions.create(model="whisper-test", file=("hello.wav", audio, "audio/wav"),
                                              response_format="verbose_json")
    assert resp.text == "Hello from the fake transcription."
    assert resp.duration == pytest.approx(1.25)
    native = harness.last_native_request(fake_provider)
    assert native["model"] == "whisper-1"
    assert native["file_bytes"] == len(audio)


def test_audio_transcription_json_and_text(client):
    resp = client.audio.transcriptions.create(model="whisper-test", file=("hello.wav", small_wav(0.5)))
    assert resp.text == "Hello from the fake transcription."
    text = client.audio.translations.create(model="whisper-test", file=("hello.wav", small_wav(0.5)),
                                            response_format="text")
    assert text.strip() == "Hello from the fake translation."


def test_audio_transcription_of_an_unsupported_type(client):
    with pytest.raises(openai.BadRequestError) as caught:
        client.audio.transcriptions.create(model="whisper-test", file=("notes.txt", b"hello"))
    assert caught.value.body["code"] == "unsupported_file_type"


def test_audio_speech_streamed_to_a_file(client, tmp_path):
    target = tmp_path / "speech.mp3"
    text = "Hello from keygate"
    with client.audio.speech.with_streaming_response.create(model="tts-test", voice="alloy", input=text) as resp:
        assert resp.headers["content-type"] == "audio/mpeg"
        resp.stream_to_file(target)
    audio = target.read_bytes()
    assert audio.startswith(b"ID3")
    assert len(audio) == 10 + 64 * len(text)  # the fake's bytes for these characters


def test_cohere_sdk_rerank_through_keygate(gateway):
    co = cohere.ClientV2(api_key="anything", base_url=gateway.root_url, timeout=15, max_retries=0)
    resp = co.rerank(model="rerank-test", query="capital of france", top_n=2,
                     documents=["Berlin is in Germany", "Paris is the capital of France", "Madrid"])
    assert [r.index for r in resp.results][0] == 1
    assert len(resp.results) == 2
    assert resp.results[0].relevance_score >= resp.results[1].relevance_score
    assert resp.meta.billed_units.search_units == 1


def test_rerank_without_query_is_400(gateway):
    import httpx

    reply = httpx.post(gateway.root_url + "/v1/rerank", json={"model": "rerank-test", "documents": ["a"]},
                       timeout=15)
    assert reply.status_code == 400
    assert reply.json()["error"]["param"] == "query"
