// POST /v1/chat/completions: the canonical dialect itself. The body is read in place and answers
// go out as they come, so this door adds nothing to the request's path.
#pragma once

#include "gateway/pipeline/front_door.hpp"

namespace keygate::doors {

class chat_door final : public front_door {
 public:
  std::string_view route() const override { return "chat.completions"; }
  client_dialect dialect() const override { return client_dialect::openai_chat; }
  std::optional<openai_error> read(exchange& ex, embeddings_request& into) override {
    return parse_chat_request(ex.request().body(), into.common);
  }
  void log_fields(json_line& line, const embeddings_request& request,
                  std::int64_t completion_tokens) const override {
    line.field("stream", request.common.stream).field("completion_tokens", completion_tokens);
  }
};

}  // namespace keygate::doors
