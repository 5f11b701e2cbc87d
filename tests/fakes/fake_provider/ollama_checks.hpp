// What Ollama refuses in a request, with the messages it sends: the fake's /api/chat and
// /api/embed answer these with 400 {"error":"..."}.
#pragma once

#include <boost/json/value.hpp>
#include <optional>
#include <string>

#include "gateway/http/exchange.hpp"

namespace fake {

// The problem with a /api/chat body: no model, messages that are not role/content objects,
// images that are not plain base64 (a "data:" URL is not), tool-call arguments that are not
// objects, a `think` or `format` of the wrong type.
std::optional<std::string> ollama_chat_problem(const boost::json::value& body);
// The problem with a /api/embed body: no model, an input that is not a string or strings.
std::optional<std::string> ollama_embed_problem(const boost::json::value& body);

// Sends {"error": message} with the status; an empty message gets the one Ollama uses for it.
keygate::task<void> send_ollama_error(keygate::exchange& ex, int status, std::string message,
                                      std::string_view model);
// Ollama itself has no keys; the fake refuses "Bearer bad-key", as a proxy in front of it would.
bool ollama_unauthorized(const keygate::http_request& req);

}  // namespace fake
