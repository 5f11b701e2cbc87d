#include "gateway/translators/cohere/error_body.hpp"

#include <boost/json/parse.hpp>
#include <cctype>

#include "gateway/engine/upstream_error.hpp"
#include "gateway/translators/common/json_fields.hpp"

namespace keygate::cohere {

namespace json = boost::json;

namespace {

using json_fields::string_at;

bool mentions_context_window(std::string_view message) {
  std::string lower(message);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view phrase :
       {"too many tokens", "context length", "context window", "maximum context", "too long"})
    if (lower.find(phrase) != std::string::npos) return true;
  return false;
}

}  // namespace

openai_error error_from_response(int upstream_status, std::string_view body) {
  openai_error e = default_upstream_error(upstream_status);
  if (upstream_status == 422) e.status = 400;  // Cohere's unprocessable request: a bad request
  if (e.status == 400) e.type = "invalid_request_error";
  boost::system::error_code ec;
  const auto parsed = json::parse(body, ec);
  if (!ec && parsed.is_object())
    if (auto message = string_at(parsed.get_object(), "message"); !message.empty())
      e.message = std::string(message);
  if (e.status == 400 && mentions_context_window(e.message)) e.code = "context_length_exceeded";
  return e;
}

}  // namespace keygate::cohere
