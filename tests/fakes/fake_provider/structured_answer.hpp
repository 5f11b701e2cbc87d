// The fake's deterministic answer text, and the JSON answer a response_format asks for, shared by
// the OpenAI-shaped APIs (OpenAI, Azure, Mistral).
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>

namespace fake {

// "tok0 tok1 ..." of `tokens` tokens.
std::string answer_text(int tokens);

// A JSON object shaped by a JSON schema's (or Gemini schema's) properties: strings get the text,
// integers and numbers the token count, booleans true; without properties, {"answer": text}.
std::string json_for_schema(const boost::json::value* schema, int tokens);

// The answer for OpenAI's response_format: json_object gives {"answer": text}; json_schema an
// object of the schema's properties (strings get the text, integers and numbers the token count,
// booleans true). Nothing for text answers.
std::optional<std::string> json_answer(const boost::json::object& request, int tokens);

}  // namespace fake
