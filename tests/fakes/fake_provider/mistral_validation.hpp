// What Mistral refuses before it answers, so tests prove keygate never sends it: fields its
// closed schema does not know (422, pydantic style, every problem listed), tool-call ids that are
// not nine letters and digits, assistant turns with nothing in them and tool messages that answer
// no call (400, Mistral's error object).
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>

namespace fake {

struct mistral_refusal {
  int status = 422;
  boost::json::array detail;  // 422: pydantic's problems
  std::string message;        // 400: Mistral's message
};

std::optional<mistral_refusal> check_mistral_chat(const boost::json::value& body);
std::optional<mistral_refusal> check_mistral_embeddings(const boost::json::value& body);

}  // namespace fake
