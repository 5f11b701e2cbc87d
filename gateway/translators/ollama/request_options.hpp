// OpenAI's sampling, output-format, thinking and tool fields in Ollama's terms: `options`,
// `format`, `think` and `tools` (docs/ollama.md, docs/mapping.md).
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <vector>

#include "gateway/base/openai_error.hpp"

namespace keygate::ollama {

// temperature, top_p, seed, penalties, max tokens (num_predict) and stop into `options`.
std::optional<openai_error> add_options(const boost::json::object& request,
                                        boost::json::object& native);
// response_format: json_object → "json", json_schema → the schema itself.
std::optional<openai_error> add_format(const boost::json::object& request,
                                       boost::json::object& native);
// reasoning_effort → think, when the deployment reasons; otherwise it is dropped.
std::optional<openai_error> add_think(const boost::json::object& request, bool reasoning,
                                      boost::json::object& native,
                                      std::vector<std::string>& dropped);
// tools as they are (strict left out); tool_choice "auto" dropped, "none" sends no tools, any
// other choice is a 400: Ollama cannot force a call. parallel_tool_calls is dropped.
std::optional<openai_error> add_tools(const boost::json::object& request,
                                      boost::json::object& native,
                                      std::vector<std::string>& dropped);

}  // namespace keygate::ollama
