// Errors in OpenAI's shape: {"error":{"message","type","param","code"}}.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace keygate {

struct openai_error {
  int status = 500;
  std::string message;
  std::string type = "server_error";
  std::optional<std::string> param;
  std::optional<std::string> code;

  std::string to_json() const;
  // The SSE event that ends a failed stream: `data: {"error":...}\n\n`.
  std::string to_sse_event() const;
};

// The error type OpenAI uses for a status it sends itself.
std::string_view error_type_for_status(int status);

openai_error invalid_request(std::string message, std::optional<std::string> param = {},
                             std::optional<std::string> code = {});
openai_error model_not_found(std::string_view model);

}  // namespace keygate
