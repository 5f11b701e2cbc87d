#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora: the golden fixtures, the example configs and a few
HTTP requests, each framed as its target reads input (tests/fuzz/fuzz_input.hpp: a selector
byte, a split-seed byte, then the payload). Usage: make_seeds.py <repo> <out-dir>."""
import hashlib
import json
import pathlib
import struct
import sys
import zlib

# The order of the providers in tests/fuzz/fuzz_providers.cpp: the selector byte that picks each.
SELECTORS = {"openai": 0, "azure": 1, "anthropic": 2, "gemini": 3, "mistral": 4, "ollama": 5,
             "cohere": 6, "bedrock": 7}
CHAT_STREAM_SEPARATOR = {"anthropic": "\n", "gemini": "\r\n", "mistral": "\n", "cohere": "\n"}


def sse_stream(provider, spec):
    sep = spec.get("separator", CHAT_STREAM_SEPARATOR[provider])
    out = ""
    for event in spec["native_events"]:
        if "raw" in event:
            out += event["raw"]
        elif provider == "anthropic":
            out += f"event: {event['event']}{sep}data: {json.dumps(event['data'])}"
        elif provider == "cohere" and "type" in event["data"]:
            out += f"event: {event['data']['type']}{sep}data: {json.dumps(event['data'])}"
        else:
            out += "data: " + json.dumps(event["data"])
        out += sep + sep
    return out


def event_message(headers, payload):
    """One application/vnd.amazon.eventstream message: string headers, CRCs as AWS computes them."""
    head = b"".join(bytes([len(k)]) + k.encode() + b"\x07" + struct.pack(">H", len(v)) + v.encode()
                    for k, v in headers)
    total = 12 + len(head) + len(payload) + 4
    prelude = struct.pack(">II", total, len(head))
    message = prelude + struct.pack(">I", zlib.crc32(prelude)) + head + payload
    return message + struct.pack(">I", zlib.crc32(message))


def event_stream(spec):
    out = b""
    for e in spec["native_events"]:
        if "event" in e:
            headers = [(":message-type", "event"), (":event-type", e["event"]),
                       (":content-type", "application/json")]
            payload = json.dumps(e["data"]).encode()
        elif "exception" in e:
            headers = [(":message-type", "exception"), (":exception-type", e["exception"]),
                       (":content-type", "application/json")]
            payload = json.dumps(e["data"]).encode()
        else:
            headers = [(":message-type", "error"), (":error-code", e["error_code"]),
                       (":error-message", e["error_message"])]
            payload = b""
        frame = event_message(headers, payload)
        if e.get("corrupt_crc"):
            frame = frame[:-1] + bytes([frame[-1] ^ 1])
        out += frame
    return out


def ndjson_stream(spec):
    lines = [e["raw"] if "raw" in e else json.dumps(e["data"]) for e in spec["native_events"]]
    return "\n".join(lines) + ("" if spec.get("no_final_newline") else "\n")


def native_body(spec):
    return spec["native_text"] if "native_text" in spec else json.dumps(spec["native"])


def golden_seeds(repo):
    """(target, bytes) for every golden case."""
    for provider_dir in sorted((repo / "tests/golden").iterdir()):
        provider = provider_dir.name
        if provider not in SELECTORS:
            continue
        head = bytes([SELECTORS[provider], 0])
        for path in sorted(provider_dir.glob("*.json")):
            for spec in json.loads(path.read_text())["cases"]:
                kind = spec["kind"]
                if kind == "request":
                    yield "request_translators", head + json.dumps(spec["openai"]).encode()
                elif kind in ("response", "error"):
                    yield "response_translators", head + native_body(spec).encode()
                elif kind == "stream" and provider == "bedrock":
                    stream = event_stream(spec)
                    yield "event_stream", b"\0\0" + stream
                    yield "stream_translators", head + stream
                elif kind == "stream":
                    if provider == "ollama":
                        stream = ndjson_stream(spec)
                    else:
                        stream = sse_stream(provider, spec)
                        yield "sse_splitter", b"\0\0" + stream.encode()
                    yield "stream_translators", head + stream.encode()


HTTP_REQUESTS = [
    b"GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n",
    b"POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
    b"Authorization: Bearer sk-test\r\nContent-Length: 57\r\n\r\n"
    b'{"model":"m","messages":[{"role":"user","content":"Hi"}]}',
    b"POST /v1/embeddings HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
    b'1e\r\n{"model":"m","input":"hello"}\r\n0\r\n\r\n',
    b"POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
    b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    b"GET /v1/models HTTP/1.1\r\nHost: a\r\nX-Request-Id: abc\r\n\r\n"
    b"GET /metrics HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n",
]


def other_seeds(repo):
    for path in ["config.example.yaml", "tests/e2e/keygate.e2e.yaml", "deploy/docker/config.yaml"]:
        yield "config", (repo / path).read_bytes()
    for request in HTTP_REQUESTS:
        yield "http_request", b"\0\0" + request
        yield "http_request", b"\0\x07" + request  # the same, cut into small pieces


def main():
    repo, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    count = 0
    for target, data in [*golden_seeds(repo), *other_seeds(repo)]:
        directory = out / target
        directory.mkdir(parents=True, exist_ok=True)
        (directory / hashlib.sha1(data).hexdigest()).write_bytes(data)
        count += 1
    print(f"make_seeds: {count} seeds in {out}")


if __name__ == "__main__":
    main()
