"""The providers the shared end-to-end suite runs for, each mapped to its deployments in
keygate.e2e.yaml, and what the suite needs to talk about them."""

from __future__ import annotations

import json
from dataclasses import dataclass

import httpx


@dataclass(frozen=True)
class Provider:
    name: str
    chat: str  # answers 8 tokens; used for chat, streams, tools, vision and structured output
    vision: str  # takes images (as data URLs)
    embeddings: str | None  # None: the provider has no embeddings
    reasoning: str | None = None  # a `reasoning: true` deployment answering 3 tokens
    thinking: str = ""  # what the fake thinks there
    strict: str | None = None  # a `strict: true` deployment
    passthrough: bool = False  # the request goes up as it came: nothing is dropped

    def __str__(self) -> str:
        return self.name


PROVIDERS = [
    Provider("openai", chat="gpt-test", vision="gpt-test", embeddings="embed-test", passthrough=True),
    Provider("azure", chat="azure-test", vision="azure-test", embeddings="azure-embed", passthrough=True),
    Provider("anthropic", chat="claude-test", vision="claude-test", embeddings=None,
             reasoning="claude-think", thinking="think0 think1 think2", strict="claude-strict"),
    Provider("gemini", chat="gemini-test", vision="gemini-test", embeddings="gemini-embed",
             reasoning="gemini-think", thinking="think0 think1 think2", strict="gemini-strict"),
    Provider("mistral", chat="mistral-test", vision="mistral-test", embeddings="mistral-embed",
             reasoning="magistral-think", thinking="Thinking about it.", strict="mistral-strict"),
    Provider("cohere", chat="cohere-test", vision="cohere-test", embeddings="cohere-embed",
             reasoning="cohere-think", thinking="Thinking about it.", strict="cohere-strict"),
    Provider("ollama", chat="ollama-test", vision="ollama-test", embeddings="ollama-embed",
             reasoning="ollama-think", thinking="think0 think1 think2", strict="ollama-strict"),
    Provider("bedrock", chat="bedrock-test", vision="bedrock-test", embeddings=None,
             reasoning="bedrock-think", thinking="think0 think1 think2", strict="bedrock-strict"),
]


def having(attribute: str) -> list[Provider]:
    """The providers that have a deployment for `attribute` (for indirect parametrization)."""
    return [p for p in PROVIDERS if getattr(p, attribute)]


def lacking(attribute: str) -> list[Provider]:
    return [p for p in PROVIDERS if not getattr(p, attribute)]


WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Weather for a city",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]},
    },
}

# A 1x1 PNG; every provider's request carries these base64 bytes somewhere.
PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="


def last_native_request(fake_provider) -> dict:
    """The body of the last request the fake received, as keygate sent it upstream."""
    return httpx.get(fake_provider.root_url + "/fake/last-request", timeout=5).json()


def is_prompt_filter_chunk(chunk) -> bool:
    """Azure streams a first chunk with no choices that carries only its prompt filter results."""
    return not chunk.choices and (chunk.model_extra or {}).get("prompt_filter_results") is not None


def content_of(chunks) -> str:
    return "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)


def reasoning_of(chunks) -> str:
    return "".join((c.choices[0].delta.model_extra or {}).get("reasoning_content") or ""
                   for c in chunks if c.choices)


def finishes_of(chunks) -> list[str]:
    return [c.choices[0].finish_reason for c in chunks if c.choices and c.choices[0].finish_reason]


def streamed_calls(chunks) -> dict[int, dict]:
    """Tool calls put together from their deltas, by OpenAI index."""
    calls: dict[int, dict] = {}
    for chunk in chunks:
        for delta in (chunk.choices[0].delta.tool_calls or []) if chunk.choices else []:
            entry = calls.setdefault(delta.index, {"id": None, "name": None, "arguments": ""})
            entry["id"] = delta.id or entry["id"]
            if delta.function:
                entry["name"] = delta.function.name or entry["name"]
                entry["arguments"] += delta.function.arguments or ""
    for entry in calls.values():
        entry["arguments"] = json.loads(entry["arguments"])
    return calls
