// Arbitrary upstream answers through every provider's readers: a whole chat answer, an
// embeddings answer, and an error body with the status from the split byte. Each gives an OpenAI
// answer that is JSON, or an OpenAI error.
#include <boost/beast/http/fields.hpp>
#include <boost/json.hpp>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <variant>

#include "gateway/canonical/canonical_request.hpp"
#include "gateway/canonical/embeddings_request.hpp"
#include "tests/fuzz/fuzz_input.hpp"
#include "tests/fuzz/fuzz_providers.hpp"

namespace {

// The client's requests the answers belong to.
struct client_requests {
  client_requests() {
    keygate::parse_chat_request(chat_raw, chat);
    chat_parsed = boost::json::parse(chat_raw);
    keygate::parse_embeddings_request(embed_raw, embeddings);
    embed_parsed = boost::json::parse(embed_raw);
  }
  std::string chat_raw = R"({"model":"fuzz","messages":[{"role":"user","content":"Hi"}],)"
                         R"("response_format":{"type":"json_object"}})";
  std::string embed_raw = R"({"model":"fuzz","input":["one","two"]})";
  keygate::canonical_request chat;
  keygate::embeddings_request embeddings;
  boost::json::value chat_parsed;
  boost::json::value embed_parsed;
};

void check(const std::variant<keygate::openai_answer, keygate::openai_error>& parsed) {
  if (const auto* answer = std::get_if<keygate::openai_answer>(&parsed)) {
    boost::system::error_code ec;
    if (!boost::json::parse(answer->body, ec).is_object()) std::abort();
  } else if (std::get<keygate::openai_error>(parsed).message.empty()) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const client_requests requests;
  const auto in = keygate::fuzz::read_input(data, size);
  const auto& provider = keygate::fuzz::pick_provider(in.selector);
  const keygate::translate_input chat{&requests.chat_parsed.as_object(), requests.chat,
                                      provider.target};
  check(provider.wire.parse(chat, std::string(in.payload)));
  const keygate::embeddings_input embed{&requests.embed_parsed.as_object(), requests.embeddings,
                                        provider.target};
  check(provider.wire.parse_embeddings(embed, std::string(in.payload)));
  const int status = 400 + in.split_seed % 200;
  const auto error = provider.wire.error(status, in.payload, {});
  if (error.message.empty() || error.status < 400) std::abort();
  (void)provider.wire.retry_after_in_body(in.payload);
  return 0;
}
