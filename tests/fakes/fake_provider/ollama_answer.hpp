// The fake's deterministic answer to an Ollama /api/chat request, as the final done:true object
// of stream:false or as the NDJSON lines of a stream.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fake {

struct ollama_answer {
  std::string model;
  int tokens = 0;                       // content tokens "tok0 tok1 ..."
  int thinking_tokens = 0;              // "think0 think1 think2" when `think` asks for thinking
  std::vector<std::string> tool_names;  // one whole call per declared tool, args {"city":"Oslo"}
  std::optional<std::string> json_content;  // with `format`: the answer as a JSON text
  std::string done_reason;                  // stop, length or load
  std::int64_t prompt_tokens = 0;           // words of every message content
};

// Reads what the answer depends on: messages (none: a load request), options.num_predict and
// options.stop, tools, format and think.
ollama_answer plan_ollama_answer(const boost::json::object& request, std::string model, int tokens);

// The whole answer (stream:false).
std::string ollama_whole_json(const ollama_answer& answer);

struct ollama_lines {
  std::vector<std::string> lines;  // each ends with "\n"
  std::size_t first_content = 0;   // index of the first content line
};
// One line per thinking token, then per content token, one per tool call, and the done:true line
// with the durations and counts.
ollama_lines ollama_stream_lines(const ollama_answer& answer);

// An {"error":...} line, as Ollama sends one inside a stream.
std::string ollama_error_line(std::string_view message);

}  // namespace fake
