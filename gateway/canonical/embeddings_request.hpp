// The client's embeddings request, parsed once: what the gateway checks and routes on, and where
// the model sits in the original bytes so a passthrough can rewrite only that.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "gateway/base/openai_error.hpp"
#include "gateway/canonical/canonical_request.hpp"

namespace keygate {

enum class embedding_encoding { floats, base64 };

struct embeddings_request {
  // The body, the model and its byte span, as a chat view holds them (never a stream), so the
  // passthrough body and the router read both requests alike.
  canonical_request common;
  embedding_encoding encoding = embedding_encoding::floats;
  std::optional<std::int64_t> dimensions;
  std::size_t input_count = 0;  // 1 for a single string or a single token list
  bool token_input = false;     // int[] or int[][] rather than text
  std::int64_t word_count = 0;  // words of the texts, or the tokens given: a prompt estimate
};

inline constexpr std::size_t max_embedding_inputs = 2048;

// Validates the request's shape and fills `out` (see parse_chat_request for the body's lifetime).
std::optional<openai_error> parse_embeddings_request(std::string& body, embeddings_request& out);

// Whitespace-separated words in a text.
std::int64_t count_words(std::string_view text);

}  // namespace keygate
