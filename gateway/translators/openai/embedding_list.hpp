// OpenAI's embeddings answer, written by the gateway for providers that return plain floats:
// {"object":"list","data":[{"object":"embedding","index":0,"embedding":[...]}],"model":...,"usage":...}
// With base64, each embedding is the base64 of its little-endian float32 values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/canonical/embeddings_request.hpp"

namespace keygate::openai {

std::string base64_of_floats(const std::vector<float>& values);
// The floats of a base64 embedding, or nothing when it is not one.
std::optional<std::vector<float>> floats_of_base64(std::string_view text);

std::string embedding_list_json(const std::vector<std::vector<float>>& vectors,
                                std::string_view model, embedding_encoding encoding,
                                std::int64_t prompt_tokens);

}  // namespace keygate::openai
