#include "gateway/engine/attempt.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace keygate {

namespace {

bool mentions_any(const openai_error& error, std::initializer_list<std::string_view> needles) {
  std::string haystack = error.code.value_or("") + " " + error.type + " " + error.message;
  std::transform(haystack.begin(), haystack.end(), haystack.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::any_of(needles.begin(), needles.end(),
                     [&](std::string_view n) { return haystack.find(n) != std::string::npos; });
}

}  // namespace

failure_kind classify_upstream_error(int upstream_status, const openai_error& error) {
  // 424: Bedrock's ModelErrorException, a model that failed this time (docs/mapping.md#errors).
  if (upstream_status == 408 || upstream_status == 409 || upstream_status == 424 ||
      upstream_status == 429 || upstream_status >= 500)
    return failure_kind::retryable;
  if (upstream_status == 401 || upstream_status == 403 || upstream_status == 404)
    return failure_kind::deployment_fault;
  if (mentions_any(error, {"context_length_exceeded", "maximum context length", "context window",
                           "prompt is too long", "too many tokens"}))
    return failure_kind::context_window;
  if (mentions_any(error, {"content_policy", "content_filter", "content management policy",
                           "safety system"}))
    return failure_kind::content_policy;
  return failure_kind::client_error;
}

}  // namespace keygate
