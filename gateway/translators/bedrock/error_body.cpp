#include "gateway/translators/bedrock/error_body.hpp"

#include <boost/json/parse.hpp>
#include <cctype>
#include <string>

#include "gateway/engine/upstream_error.hpp"
#include "gateway/translators/common/json_fields.hpp"

namespace keygate::bedrock {

namespace json = boost::json;

namespace {

using json_fields::string_at;

// "ThrottlingException:http://internal…" and "com.amazon.coral#ThrottlingException" alike become
// "throttlingexception": exception names differ in case between responses and streams.
std::string normalized_type(std::string_view type) {
  if (auto colon = type.find(':'); colon != std::string_view::npos) type = type.substr(0, colon);
  if (auto hash = type.rfind('#'); hash != std::string_view::npos) type = type.substr(hash + 1);
  std::string out(type);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool mentions_context_window(std::string_view message) {
  std::string lower(message);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view phrase : {"input is too long", "too many input tokens", "context window",
                                  "context length", "prompt is too long"})
    if (lower.find(phrase) != std::string::npos) return true;
  return false;
}

// The status Bedrock answers a whole request with for each type, for exceptions in a stream.
int status_for_type(const std::string& type) {
  if (type == "validationexception") return 400;
  if (type == "accessdeniedexception") return 403;
  if (type == "resourcenotfoundexception") return 404;
  if (type == "modeltimeoutexception") return 408;
  if (type == "modelstreamerrorexception" || type == "modelerrorexception") return 424;
  if (type == "throttlingexception" || type == "modelnotreadyexception") return 429;
  if (type == "serviceunavailableexception") return 503;
  return 500;
}

void refine(openai_error& e, const std::string& type, std::string_view message) {
  if (!message.empty()) e.message = std::string(message);
  if (type == "validationexception") {
    e.type = "invalid_request_error";
    if (mentions_context_window(message)) e.code = "context_length_exceeded";
  } else if (type == "unrecognizedclientexception" || type == "invalidsignatureexception" ||
             type == "expiredtokenexception") {
    e.status = 401;  // the key or its signature is wrong: OpenAI's invalid key
    e.type = "authentication_error";
    e.code = "invalid_api_key";
  } else if (type == "accessdeniedexception") {
    e.status = 403;
    e.type = "authentication_error";
    e.code = "access_denied";
  } else if (type == "resourcenotfoundexception") {
    e.type = "invalid_request_error";
    e.code = "model_not_found";
  } else if (type == "throttlingexception" || type == "servicequotaexceededexception") {
    e.status = 429;
    e.type = "rate_limit_error";
    e.code = "rate_limit_exceeded";
  } else if (type == "modelnotreadyexception") {
    e.type = "server_error";
    e.code = "model_not_ready";
  } else if (type == "modeltimeoutexception") {
    e.type = "timeout_error";
  } else if (type == "serviceunavailableexception") {
    e.type = "server_error";
    e.code = "overloaded";
  }
}

struct error_fields {
  std::string type;  // "__type", which some answers carry instead of the header
  std::string message;
};

error_fields fields_of(std::string_view body) {
  boost::system::error_code ec;
  auto parsed = json::parse(body, ec);
  if (ec || !parsed.is_object()) return {};
  const auto& fields = parsed.get_object();
  error_fields out{std::string(string_at(fields, "__type")),
                   std::string(string_at(fields, "message"))};
  if (out.message.empty()) out.message = std::string(string_at(fields, "Message"));
  return out;
}

}  // namespace

openai_error error_from_response(int upstream_status, std::string_view error_type,
                                 std::string_view body) {
  openai_error e = default_upstream_error(upstream_status);
  const auto fields = fields_of(body);
  refine(e, normalized_type(error_type.empty() ? fields.type : error_type), fields.message);
  return e;
}

openai_error error_from_exception(std::string_view exception_type, std::string_view body) {
  const auto type = normalized_type(exception_type);
  openai_error e = default_upstream_error(status_for_type(type));
  refine(e, type, fields_of(body).message);
  return e;
}

}  // namespace keygate::bedrock
