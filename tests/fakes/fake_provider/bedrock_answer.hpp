// The fake's deterministic Bedrock answer to a Converse request, as a whole response or as the
// eventstream messages of a ConverseStream.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fake {

struct bedrock_answer {
  int tokens = 0;                        // text tokens "tok0 tok1 ..."
  int thinking = 0;                      // reasoning pieces "think0 think1 ..." before the text
  bool text = true;                      // false when toolChoice forces the call
  std::optional<std::string> tool_name;  // a toolUse block after the text
  std::string tool_input;                // its input, a JSON text
  std::string tool_use_id;
  std::string stop_reason;
  std::int64_t input_tokens = 0;  // not read from or written to the prompt cache
  std::int64_t cache_read_tokens = 0;
  std::int64_t cache_write_tokens = 0;
};

// Reads what the answer depends on: maxTokens, stopSequences, tools and toolChoice, prompt words,
// Claude's thinking in additionalModelRequestFields (three reasoning pieces first), and for a
// Claude `model` the cachePoint blocks (the prompt cache, as for Anthropic).
bedrock_answer plan_bedrock_answer(const boost::json::object& request, std::string tool_use_id,
                                   int tokens, std::string_view model = {});

std::string converse_json(const bedrock_answer& answer);

struct bedrock_frames {
  std::vector<std::string> frames;  // whole eventstream messages
  std::size_t first_content = 0;    // index of the first text delta
};
// Text blocks come without a contentBlockStart, as Bedrock sends them; some events carry "p"
// padding.
bedrock_frames converse_stream_frames(const bedrock_answer& answer);

}  // namespace fake
