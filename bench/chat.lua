-- wrk script: POST an OpenAI chat completion.
-- Usage: wrk ... -s chat.lua URL -- MODEL [stream]
-- done() prints one parseable line: "BENCH key=value ...".

function init(args)
  local model = args[1] or "fake-gpt"
  local stream = args[2] == "stream"
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer bench-key"
  wrk.body = '{"model":"' .. model .. '","messages":[{"role":"user","content":"hello there"}]'
    .. (stream and ',"stream":true' or '') .. '}'
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d status_errors=%d"
      .. " connect_errors=%d read_errors=%d write_errors=%d timeouts=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.status, e.connect, e.read, e.write, e.timeout))
end
