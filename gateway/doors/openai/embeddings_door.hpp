// POST /v1/embeddings: OpenAI's embeddings request, read in place; lists go out as they come.
#pragma once

#include "gateway/pipeline/front_door.hpp"

namespace keygate::doors {

class embeddings_door final : public front_door {
 public:
  std::string_view route() const override { return "embeddings"; }
  client_dialect dialect() const override { return client_dialect::openai_embeddings; }
  std::optional<openai_error> read(exchange& ex, embeddings_request& into) override {
    return parse_embeddings_request(ex.request().body(), into);
  }
  void log_fields(json_line& line, const embeddings_request& request, std::int64_t) const override {
    line.field("inputs", request.input_count);
  }
};

}  // namespace keygate::doors
