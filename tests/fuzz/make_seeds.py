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
    b"POST /v1/messages?beta=true HTTP/1.1\r\nHost: a\r\nx-api-key: sk-test\r\n"
    b"anthropic-version: 2023-06-01\r\nContent-Length: 74\r\n\r\n"
    b'{"model":"m","max_tokens":5,"messages":[{"role":"user","content":"Hi"}]}  ',
    b"HEAD / HTTP/1.1\r\nHost: a\r\n\r\n"
    b"GET /v1/responses/resp_1/input_items?limit=2 HTTP/1.1\r\nHost: a\r\n\r\n",
]


MESSAGES_REQUESTS = [
    {"model": "m", "max_tokens": 100, "system": [{"type": "text", "text": "Be brief."}],
     "messages": [{"role": "user", "content": "Hi"}], "stop_sequences": ["END"],
     "metadata": {"user_id": "u-1"}, "thinking": {"type": "enabled", "budget_tokens": 2048}},
    {"model": "m", "max_tokens": 100, "tool_choice": {"type": "tool", "name": "f"},
     "tools": [{"name": "f", "input_schema": {"type": "object"}},
               {"type": "web_search_20250305", "name": "web_search"}],
     "messages": [{"role": "user", "content": [
                      {"type": "image", "source": {"type": "base64", "media_type": "image/png",
                                                   "data": "iVBORw0KGgo="}},
                      {"type": "document", "source": {"type": "text", "media_type": "text/plain",
                                                      "data": "notes"}, "title": "T"}]},
                  {"role": "assistant", "content": [
                      {"type": "thinking", "thinking": "hm", "signature": "s"},
                      {"type": "tool_use", "id": "toolu_1", "name": "f", "input": {"a": 1}}]},
                  {"role": "user", "content": [
                      {"type": "tool_result", "tool_use_id": "toolu_1", "content": "42"}]},
                  {"role": "system", "content": "mid-conversation"}]},
]
RESPONSES_REQUESTS = [
    {"model": "m", "input": "Hi", "instructions": "Be brief.", "max_output_tokens": 50,
     "reasoning": {"effort": "low"}, "store": False},
    {"model": "m", "input": [
        {"role": "user", "content": [{"type": "input_text", "text": "weather?"},
                                     {"type": "input_image", "image_url": "https://x/y.png"}]},
        {"type": "function_call", "call_id": "call_1", "name": "w", "arguments": "{}"},
        {"type": "function_call_output", "call_id": "call_1", "output": "sunny"},
        {"type": "item_reference", "id": "msg_1"}],
     "tools": [{"type": "function", "name": "w", "parameters": {"type": "object"}},
               {"type": "web_search"}], "tool_choice": {"type": "function", "name": "w"},
     "text": {"format": {"type": "json_schema", "name": "o", "schema": {"type": "object"}}},
     "stream": True},
]
CANONICAL_STREAMS = [
    ['{"id":"c","object":"chat.completion.chunk","model":"m","choices":[{"index":0,'
     '"delta":{"role":"assistant","reasoning_content":"think"}}]}',
     '{"id":"c","object":"chat.completion.chunk","model":"m","choices":[{"index":0,'
     '"delta":{"content":"Hello"}}]}',
     '{"id":"c","object":"chat.completion.chunk","model":"m","choices":[{"index":0,'
     '"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":'
     '{"name":"f","arguments":"{\\"a\\":"}}]}}]}',
     '{"id":"c","object":"chat.completion.chunk","model":"m","choices":[{"index":0,'
     '"delta":{"tool_calls":[{"index":0,"function":{"arguments":"1}"}}]},'
     '"finish_reason":"tool_calls"}]}',
     '{"id":"c","object":"chat.completion.chunk","model":"m","choices":[],'
     '"usage":{"prompt_tokens":3,"completion_tokens":5,"total_tokens":8}}',
     '[DONE]'],
    ['{"error":{"message":"overloaded","type":"server_error"}}'],
]
NATIVE_RESPONSES_STREAM = (
    'event: response.created\ndata: {"type":"response.created","sequence_number":0,'
    '"response":{"id":"resp_1","object":"response","status":"in_progress",'
    '"previous_response_id":null,"output":[]}}\n\n'
    'event: response.output_text.delta\ndata: {"type":"response.output_text.delta",'
    '"sequence_number":1,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"Hi"}\n\n'
    'event: response.completed\ndata: {"type":"response.completed","sequence_number":2,'
    '"response":{"id":"resp_1","object":"response","status":"completed",'
    '"previous_response_id":null,"output":[],"usage":{"input_tokens":3,"output_tokens":1,'
    '"total_tokens":4}}}\n\n')


def door_seeds(repo):
    """The doors' readers (selector: 0 Messages, 1 count_tokens, 2 Responses, 6 continued) and
    writers (0 Messages, 1 Responses, 2 the native Responses watcher; 0x10 a whole answer)."""
    claude_code = json.loads((repo / "tests/golden/doors/claude_code_messages.json").read_text())
    for body in [*MESSAGES_REQUESTS, claude_code["body"]]:
        data = json.dumps(body).encode()
        yield "door_requests", b"\0\0" + data
        yield "door_requests", b"\x01\0" + data
    for body in RESPONSES_REQUESTS:
        yield "door_requests", b"\x02\0" + json.dumps(body).encode()
        yield "door_requests", b"\x06\0" + json.dumps(body).encode()
    for events in CANONICAL_STREAMS:
        stream = "".join(f"data: {e}\n\n" for e in events).encode()
        for selector in (0, 1):
            yield "door_streams", bytes([selector, 0]) + stream
            yield "door_streams", bytes([selector, 7]) + stream
    whole = ('{"id":"c","object":"chat.completion","model":"m","choices":[{"index":0,'
             '"message":{"role":"assistant","content":"Hi","tool_calls":[{"id":"call_1",'
             '"type":"function","function":{"name":"f","arguments":"{}"}}]},'
             '"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":3,"completion_tokens":5}}')
    yield "door_streams", b"\x10\0" + whole.encode()
    yield "door_streams", b"\x11\0" + whole.encode()
    yield "door_streams", b"\x02\x05" + NATIVE_RESPONSES_STREAM.encode()


def other_seeds(repo):
    for path in ["config.example.yaml", "tests/e2e/keygate.e2e.yaml", "deploy/docker/config.yaml"]:
        yield "config", (repo / path).read_bytes()
    for request in HTTP_REQUESTS:
        yield "http_request", b"\0\0" + request
        yield "http_request", b"\0\x07" + request  # the same, cut into small pieces


def main():
    repo, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    count = 0
    for target, data in [*golden_seeds(repo), *door_seeds(repo), *other_seeds(repo)]:
        directory = out / target
        directory.mkdir(parents=True, exist_ok=True)
        (directory / hashlib.sha1(data).hexdigest()).write_bytes(data)
        count += 1
    print(f"make_seeds: {count} seeds in {out}")


if __name__ == "__main__":
    main()
