#include "gateway/translators/mock/hashed_embedding.hpp"

#include <boost/json/serialize.hpp>
#include <cmath>
#include <cstdint>

namespace keygate {

std::vector<float> hashed_embedding(std::string_view seed, std::size_t dimensions) {
  std::uint64_t state = 1469598103934665603ULL;  // FNV-1a
  for (char c : seed) {
    state ^= static_cast<unsigned char>(c);
    state *= 1099511628211ULL;
  }
  std::vector<float> values(dimensions);
  double norm = 0;
  for (auto& value : values) {
    // splitmix64 steps, each giving a value in [-1, 1).
    state += 0x9E3779B97F4A7C15ULL;
    std::uint64_t z = state;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    value = static_cast<float>(static_cast<double>(z >> 11) / 4503599627370496.0 - 1.0);
    norm += static_cast<double>(value) * value;
  }
  if (norm > 0)
    for (auto& value : values) value = static_cast<float>(value / std::sqrt(norm));
  return values;
}

std::vector<std::string> embedding_seeds(const boost::json::value& input) {
  std::vector<std::string> seeds;
  if (input.is_string()) {
    seeds.emplace_back(input.get_string());
    return seeds;
  }
  if (!input.is_array()) return seeds;
  const auto& items = input.get_array();
  if (!items.empty() && items.front().is_number()) {
    seeds.push_back(boost::json::serialize(input));
    return seeds;
  }
  for (const auto& item : items)
    seeds.push_back(item.is_string() ? std::string(item.get_string())
                                     : boost::json::serialize(item));
  return seeds;
}

}  // namespace keygate
