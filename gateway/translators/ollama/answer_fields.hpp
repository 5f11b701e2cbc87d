// What an Ollama /api/chat answer says in OpenAI's terms, for whole answers and streams alike:
// finish reasons, usage, tool calls with their ids (docs/ollama.md,
// docs/mapping.md#tool-calls-ids-tool-messages-arguments, docs/mapping.md#finish-reasons,
// docs/mapping.md#usage).
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/base/usage.hpp"
#include "gateway/translators/openai/openai_wire.hpp"

namespace keygate::ollama {

// done_reason → "stop" or "length". "load" and "unload" (the model was only loaded or unloaded,
// nothing generated), a missing reason and reasons newer than this code are "stop"; the caller
// turns a turn with tool calls into "tool_calls".
std::string_view finish_reason_for(std::string_view done_reason);

// prompt_eval_count (left out when the prompt was cached: 0) and eval_count of a done:true object.
token_usage read_usage(const boost::json::object& chunk);

// Whether a parsed object is a /api/chat answer (or an Ollama error).
bool is_chat_chunk(const boost::json::object& chunk);

// The tool calls of an answer's message. Arguments arrive as an object and become its compact JSON
// text; a call without an id gets synthesized_call_id(seed, first_index + its position, ...).
std::vector<openai::tool_call> read_tool_calls(const boost::json::object& message,
                                               std::string_view seed, int first_index);

// "call_" + 24 alphanumerics derived from SHA-256 of the seed (the answer's created_at), the
// call's OpenAI index, name and arguments: the same answer always gets the same ids, and two
// answers (two created_at times) get different ones.
std::string synthesized_call_id(std::string_view seed, int index, std::string_view name,
                                std::string_view arguments);

// The answer's created_at (RFC 3339, nanoseconds) as Unix seconds, or now when it has none.
std::int64_t created_of(const boost::json::object& chunk);

}  // namespace keygate::ollama
