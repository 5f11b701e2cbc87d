#include "gateway/translators/openai/message_text.hpp"

#include <simdjson.h>

namespace keygate::openai {

namespace {

namespace od = simdjson::ondemand;

// Text of a content that is a string or an array of {type:"text",text} parts.
std::string content_text(od::value content) {
  std::string_view text;
  if (!content.get_string().get(text)) return std::string(text);
  od::array parts;
  std::string joined;
  if (content.get_array().get(parts)) return joined;
  for (auto part : parts) {
    std::string_view piece;
    if (!part["text"].get_string().get(piece)) {
      if (!joined.empty()) joined.push_back(' ');
      joined.append(piece);
    }
  }
  return joined;
}

}  // namespace

std::int64_t count_words(std::string_view text) {
  std::int64_t words = 0;
  bool in_word = false;
  for (unsigned char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (!space && !in_word) ++words;
    in_word = !space;
  }
  return words;
}

message_summary summarize_messages(const std::string& body) {
  thread_local od::parser parser;
  message_summary summary;
  od::document doc;
  if (parser.iterate(body.data(), body.size(), body.capacity()).get(doc)) return summary;
  od::array messages;
  if (doc.find_field_unordered("messages").get_array().get(messages)) return summary;
  for (auto message : messages) {
    std::string_view role;
    if (message["role"].get_string().get(role)) continue;
    od::value content;
    if (message.find_field_unordered("content").get(content)) continue;
    std::string text = content_text(content);
    summary.word_count += count_words(text);
    if (role == "user") summary.last_user_text = std::move(text);
  }
  return summary;
}

}  // namespace keygate::openai
