// OpenAI's chat completions and models endpoints, with deterministic answers and fault knobs.
#pragma once

#include <optional>
#include <string>

#include "fault_knobs.hpp"
#include "gateway/http/exchange.hpp"

namespace fake {

// An API's error answer for a status, with the knobs' retry hints.
using error_sender = keygate::task<void> (*)(keygate::exchange&, int, const fault_knobs&);

// What sets an OpenAI-shaped API apart: OpenAI's own, or Azure OpenAI's (azure_api.hpp).
struct openai_flavor {
  std::optional<std::string> model;   // from the path (Azure's deployment URLs); else the body's
  bool check_bearer_key = true;       // OpenAI's Authorization: Bearer (Azure checks its own first)
  error_sender send_error = nullptr;  // nullptr: OpenAI's send_openai_error
  bool content_filters = false;       // Azure's prompt_filter_results and content_filter_results
};

keygate::task<void> openai_chat(keygate::exchange& ex);
keygate::task<void> openai_chat(keygate::exchange& ex, const openai_flavor& flavor);
keygate::task<void> openai_models(keygate::exchange& ex);
// "tok0 tok1 ..." up to n tokens: token i of a reply.
std::string token_text(int i);
// OpenAI's error answer for a status (429 with its rate-limit headers).
keygate::task<void> send_openai_error(keygate::exchange& ex, int status, const fault_knobs& knobs);
// A missing key, or the fake's wrong one ("bad-key").
bool openai_unauthorized(const keygate::http_request& req);

}  // namespace fake
