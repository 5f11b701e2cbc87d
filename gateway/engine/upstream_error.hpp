// What the client learns when an upstream fails: statuses kept or mapped (docs/mapping.md#errors),
// retry hints carried over, and transport failures as 502/504.
#pragma once

#include <boost/beast/http/fields.hpp>
#include <chrono>
#include <optional>
#include <string_view>

#include "gateway/base/openai_error.hpp"
#include "gateway/upstream/upstream_client.hpp"

namespace keygate {

int client_status_for_upstream(int status);
// The error type and code OpenAI would use for an upstream status, when the body says nothing.
openai_error default_upstream_error(int upstream_status);
// From the first of: retry-after-ms, retry-after (seconds or an HTTP date),
// anthropic-ratelimit-*-reset (RFC 3339 times), x-ratelimit-reset-* durations.
std::optional<std::chrono::milliseconds> upstream_retry_after(
    const boost::beast::http::fields& headers);
// An RFC 3339 time ("2026-01-01T00:00:30Z", fraction and offset optional) as a point in time.
std::optional<std::chrono::system_clock::time_point> parse_rfc3339(std::string_view text);
// Parses Go-style durations such as "1s", "6m0s", "12ms", "1.5s".
std::optional<std::chrono::milliseconds> parse_go_duration(std::string_view text);
openai_error transport_error(upstream_failure failure, std::string_view detail);
// The 502 for an answer that is not what the upstream's API sends: "The upstream sent <what>.".
openai_error invalid_upstream_answer(std::string_view what);

}  // namespace keygate
