// The fake's deterministic Gemini answer to a generateContent request, as a whole
// GenerateContentResponse or as the chunks of a stream.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fake {

struct gemini_answer {
  std::string response_id;               // fake_<n>
  std::string model;                     // from the path, echoed as modelVersion
  int tokens = 0;                        // text tokens "tok0 tok1 ..."
  int thoughts = 0;                      // thinkingConfig.includeThoughts: a thought part first
  std::optional<std::string> json_text;  // responseMimeType application/json: the text, as JSON
  int candidates = 1;                    // generationConfig.candidateCount
  std::optional<std::string> tool_name;  // a functionCall part after the text
  std::string tool_arguments;            // its args, a JSON text
  std::string finish_reason;             // STOP or MAX_TOKENS
  std::int64_t prompt_tokens = 0;
};

// Reads what the answer depends on: token budget, stop sequences, candidate count, tools, prompt
// words. Accepts camelCase and snake_case field names, as Google does.
gemini_answer plan_gemini_answer(const boost::json::object& request, std::string response_id,
                                 std::string model, int tokens);

std::string gemini_response_json(const gemini_answer& answer);

struct gemini_chunks {
  std::vector<std::string> events;  // "data: {...}\r\n\r\n"
  std::size_t first_content = 0;    // index of the first text chunk
};
gemini_chunks gemini_stream_chunks(const gemini_answer& answer);

}  // namespace fake
