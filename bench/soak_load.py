"""Mixed load for bench/soak.sh: keep-alive clients sending chat (plain and streamed) and embedding
requests to many models, some of which fail on purpose, and some clients that hang up mid-stream.
Standard library only. Prints one JSON line of counts at the end.

usage: soak_load.py PORT SECONDS CONCURRENCY MODELS_JSON
MODELS_JSON: [{"model": ..., "kind": "chat"|"stream"|"embed", "expect": [200, ...]}, ...]
"""

import asyncio
import collections
import json
import random
import sys
import time


def request_bytes(case: dict) -> bytes:
    if case["kind"] == "embed":
        path, body = "/v1/embeddings", {"model": case["model"], "input": "soak test input"}
    else:
        path = "/v1/chat/completions"
        body = {"model": case["model"], "messages": [{"role": "user", "content": "tell me a story"}]}
        if case["kind"] == "stream":
            body["stream"] = True
            body["stream_options"] = {"include_usage": True}
    data = json.dumps(body).encode()
    head = (f"POST {path} HTTP/1.1\r\nHost: soak\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(data)}\r\n\r\n")
    return head.encode() + data


async def read_response(reader: asyncio.StreamReader, hang_up: bool) -> tuple[int, bool]:
    """Reads one response; returns (status, keep_alive). With hang_up, stops after the first
    chunk of a chunked body and reports the connection as unusable."""
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("closed before the status line")
    status = int(status_line.split()[1])
    headers = {}
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode().partition(":")
        headers[name.strip().lower()] = value.strip()
    keep_alive = headers.get("connection", "").lower() != "close"
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
        return status, keep_alive
    if headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readline()).split(b";")[0], 16)
            if hang_up:
                return status, False
            await reader.readexactly(size + 2)
            if size == 0:
                return status, keep_alive
    await reader.read()  # body until close
    return status, False


async def client(port: int, deadline: float, cases: list, counts: collections.Counter) -> None:
    reader = writer = None
    while time.monotonic() < deadline:
        case = random.choice(cases)
        hang_up = case["kind"] == "stream" and random.random() < 0.1
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(request_bytes(case))
            await writer.drain()
            status, keep_alive = await asyncio.wait_for(read_response(reader, hang_up), 30)
        except (OSError, ConnectionError, asyncio.IncompleteReadError, asyncio.TimeoutError,
                ValueError, IndexError) as error:
            counts[f"transport_error:{type(error).__name__}"] += 1
            status, keep_alive = None, False
        if status is not None:
            counts["requests"] += 1
            counts["hang_ups" if hang_up else "completed"] += 1
            if status not in case["expect"]:
                counts[f"unexpected:{case['model']}:{status}"] += 1
        if not keep_alive and writer is not None:
            writer.close()
            reader = writer = None
    if writer is not None:
        writer.close()


async def main() -> None:
    port, seconds, concurrency = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
    cases = json.loads(sys.argv[4])
    counts: collections.Counter = collections.Counter()
    deadline = time.monotonic() + seconds
    await asyncio.gather(*(client(port, deadline, cases, counts) for _ in range(concurrency)))
    print(json.dumps(dict(counts), sort_keys=True))


if __name__ == "__main__":
    asyncio.run(main())
