// An OpenAI chat request as the body of an Ollama POST /api/chat. Every top-level OpenAI field is
// mapped, dropped (and reported) or rejected with a 400 (docs/ollama.md,
// docs/mapping.md#unsupported-parameters, docs/mapping.md#tool_choice-and-response_format,
// docs/mapping.md#other-fields).
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "gateway/base/openai_error.hpp"

namespace keygate::ollama {

struct native_body {
  boost::json::object body;
  std::vector<std::string> dropped;  // OpenAI fields left out
};

struct body_settings {
  std::string_view model;  // the deployment's model
  bool stream = false;     // always sent: Ollama streams unless told not to
  bool reasoning = false;  // the deployment reasons: reasoning_effort becomes `think`
};

std::variant<native_body, openai_error> build_native_body(const boost::json::object& request,
                                                          const body_settings& settings);

}  // namespace keygate::ollama
