// A client's body, as keygate reads it, through every provider's request builder: the chat one,
// or (selector bit 0x20) the embeddings one. Whatever the body, the answer is a native request
// or an OpenAI error with a 4xx status.
#include <boost/json.hpp>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <variant>

#include "gateway/canonical/canonical_request.hpp"
#include "gateway/canonical/embeddings_request.hpp"
#include "gateway/engine/http_provider.hpp"
#include "tests/fuzz/fuzz_input.hpp"
#include "tests/fuzz/fuzz_providers.hpp"

namespace {

using keygate::native_request;
using keygate::openai_error;

void check(const std::variant<native_request, openai_error>& built) {
  if (const auto* error = std::get_if<openai_error>(&built))
    if (error->status < 400 || error->status > 499 || error->message.empty()) std::abort();
}

// Parsed the way a translating provider parses the client's body.
boost::json::value parse_body(std::string_view body) {
  boost::json::parse_options options;
  options.max_depth = keygate::max_request_json_depth;
  boost::system::error_code ec;
  auto parsed = boost::json::parse(body, ec, {}, options);
  return ec ? boost::json::value() : parsed;
}

void build_chat(const keygate::fuzz::fuzz_provider& provider, std::string body) {
  keygate::canonical_request view;
  if (keygate::parse_chat_request(body, view)) return;  // refused before any provider sees it
  const auto parsed = parse_body(view.body);
  if (!parsed.is_object()) return;
  const keygate::translate_input in{&parsed.as_object(), view, provider.target};
  check(provider.wire.build(in));
}

void build_embeddings(const keygate::fuzz::fuzz_provider& provider, std::string body) {
  keygate::embeddings_request view;
  if (keygate::parse_embeddings_request(body, view)) return;
  const auto parsed = parse_body(view.common.body);
  if (!parsed.is_object()) return;
  const keygate::embeddings_input in{&parsed.as_object(), view, provider.target};
  check(provider.wire.build_embeddings(in));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto in = keygate::fuzz::read_input(data, size);
  const auto& provider = keygate::fuzz::pick_provider(in.selector & 0xdf);
  if (in.selector & 0x20)
    build_embeddings(provider, std::string(in.payload));
  else
    build_chat(provider, std::string(in.payload));
  return 0;
}
