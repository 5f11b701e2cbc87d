// Deterministic stand-in embeddings: a unit vector derived from a hash of the input, so the same
// text always embeds the same way. Used by the mock provider and the fake provider.
#pragma once

#include <boost/json/value.hpp>
#include <cstddef>
#include <string_view>
#include <vector>

namespace keygate {

inline constexpr std::size_t default_mock_dimensions = 8;

std::vector<float> hashed_embedding(std::string_view seed, std::size_t dimensions);

// One seed per input of an OpenAI embeddings request's "input": each string, each token list
// (as JSON), or the single token list.
std::vector<std::string> embedding_seeds(const boost::json::value& input);

}  // namespace keygate
