#include "gateway/translators/openai/openai_error_body.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "gateway/engine/upstream_error.hpp"

namespace keygate::openai {

namespace {

std::optional<std::string> string_field(const boost::json::object& object, std::string_view key) {
  auto it = object.find(key);
  if (it == object.end()) return std::nullopt;
  if (it->value().is_string()) return std::string(it->value().get_string());
  if (it->value().is_int64()) return std::to_string(it->value().get_int64());
  return std::nullopt;
}

}  // namespace

openai_error error_from_upstream(int upstream_status, std::string_view body) {
  openai_error result = default_upstream_error(upstream_status);
  boost::system::error_code ec;
  auto value = boost::json::parse(body, ec);
  if (ec || !value.is_object()) return result;
  auto it = value.get_object().find("error");
  if (it == value.get_object().end()) return result;
  if (it->value().is_string()) {  // some compatible servers send {"error":"text"}
    if (!it->value().get_string().empty()) result.message = std::string(it->value().get_string());
    return result;
  }
  if (!it->value().is_object()) return result;
  const auto& error = it->value().get_object();
  if (auto message = string_field(error, "message"); message && !message->empty())
    result.message = std::move(*message);
  if (auto type = string_field(error, "type")) result.type = std::move(*type);
  if (auto param = string_field(error, "param")) result.param = std::move(*param);
  // Azure OpenAI echoes the status as the code ("429"): OpenAI's code for the status says more.
  if (auto code = string_field(error, "code"); code && *code != std::to_string(upstream_status))
    result.code = std::move(*code);
  return result;
}

}  // namespace keygate::openai
