#include "gateway/doors/common/model_field.hpp"

#include <simdjson.h>

namespace keygate::doors {

std::optional<byte_span> find_model_value(std::string& body) {
  thread_local simdjson::ondemand::parser parser;
  body.reserve(body.size() + simdjson::SIMDJSON_PADDING);
  try {
    simdjson::ondemand::document doc;
    if (parser.iterate(body.data(), body.size(), body.capacity()).get(doc)) return std::nullopt;
    simdjson::ondemand::object root;
    if (doc.get_object().get(root)) return std::nullopt;
    for (auto field : root) {
      std::string_view key;
      if (field.unescaped_key().get(key) || key != "model") continue;
      simdjson::ondemand::value value;
      if (field.value().get(value)) return std::nullopt;
      std::string_view raw = value.raw_json_token();
      while (!raw.empty() &&
             (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\r' || raw.back() == '\t'))
        raw.remove_suffix(1);
      if (raw.size() < 2 || raw.front() != '"') return std::nullopt;
      return byte_span{static_cast<std::size_t>(raw.data() - body.data()), raw.size()};
    }
  } catch (const simdjson::simdjson_error&) {
  }
  return std::nullopt;
}

}  // namespace keygate::doors
