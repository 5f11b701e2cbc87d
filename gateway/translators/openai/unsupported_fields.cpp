#include "gateway/translators/openai/unsupported_fields.hpp"

#include <string>

#include "gateway/canonical/content_walk.hpp"
#include "gateway/translators/common/json_fields.hpp"

namespace keygate::openai {

using json_fields::find;
using json_fields::is_true;
using json_fields::number;

std::optional<openai_error> reject_audio_and_legacy_functions(const boost::json::object& request) {
  if (find(request, "audio")) return unsupported("audio", "This provider does not produce audio.");
  if (const auto* modalities = find(request, "modalities"); modalities && modalities->is_array())
    for (const auto& m : modalities->get_array())
      if (m.is_string() && m.get_string() == "audio")
        return unsupported("modalities", "This provider does not produce audio.");
  for (const char* legacy : {"functions", "function_call"})
    if (find(request, legacy))
      return unsupported(legacy, std::string(legacy) + " is not supported here; use tools.");
  return std::nullopt;
}

std::optional<openai_error> reject_log_probabilities(const boost::json::object& request) {
  if (is_true(find(request, "logprobs")))
    return unsupported("logprobs", "Log probabilities are not available through this provider.");
  if (auto top = number(find(request, "top_logprobs")); top && *top > 0)
    return unsupported("top_logprobs",
                       "Log probabilities are not available through this provider.");
  return std::nullopt;
}

std::optional<openai_error> reject_several_choices(const boost::json::object& request) {
  if (auto n = number(find(request, "n")); n && *n > 1)
    return unsupported("n", "This provider returns one choice per request; n must be 1.");
  return std::nullopt;
}

}  // namespace keygate::openai
