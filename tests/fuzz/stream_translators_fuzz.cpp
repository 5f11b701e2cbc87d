// Every provider's stream translator fed arbitrary upstream bytes at arbitrary splits, as a
// streamed chat with usage asked for. Whatever the upstream sends, a translating provider emits
// only well-formed OpenAI events: "data: " and a JSON object, or "data: [DONE]".
#include <boost/json.hpp>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "gateway/canonical/canonical_request.hpp"
#include "tests/fuzz/fuzz_input.hpp"
#include "tests/fuzz/fuzz_providers.hpp"

namespace {

struct streamed_chat {
  streamed_chat() {
    parse_chat_request(raw, view);
    parsed = boost::json::parse(raw);
  }
  std::string raw = R"({"model":"fuzz","stream":true,"stream_options":{"include_usage":true},)"
                    R"("messages":[{"role":"user","content":"Hi"}],"tools":[{"type":"function",)"
                    R"("function":{"name":"lookup","parameters":{"type":"object"}}}]})";
  keygate::canonical_request view;
  boost::json::value parsed;
};

bool translates(std::string_view provider) {
  return provider != "openai" && provider != "azure";  // these forward upstream bytes as they are
}

[[noreturn]] void malformed(std::string_view emitted) {
  std::fprintf(stderr, "malformed OpenAI event in: %.*s\n", static_cast<int>(emitted.size()),
               emitted.data());
  std::abort();
}

void check_events(std::string_view emitted) {
  for (std::string_view bytes = emitted; !bytes.empty();) {
    const auto end = bytes.find("\n\n");
    if (end == std::string_view::npos || !bytes.starts_with("data: ")) malformed(emitted);
    const auto data = bytes.substr(6, end - 6);
    boost::system::error_code ec;
    if (data != "[DONE]" && !boost::json::parse(data, ec).is_object()) malformed(emitted);
    bytes.remove_prefix(end + 2);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const streamed_chat chat;
  const auto in = keygate::fuzz::read_input(data, size);
  const auto& provider = keygate::fuzz::pick_provider(in.selector);
  const keygate::translate_input request{&chat.parsed.as_object(), chat.view, provider.target};
  auto stream = provider.wire.stream(request);
  keygate::outgoing_bytes out;
  // As the gateway relays: a stream judged malformed by its first output is dropped unsent
  // (another deployment may be tried); after that, everything emitted reaches the client.
  bool started = false;
  bool dropped = false;
  keygate::fuzz::feed_in_pieces(in.payload, in.split_seed, [&](std::string_view piece) {
    if (dropped) return;
    stream->feed(piece, out);
    if (!started && !out.empty()) {
      started = true;
      dropped = stream->malformed();
    }
    if (started && !dropped && translates(provider.name)) {
      std::string emitted;
      for (const auto& b : out.buffers())
        emitted.append(static_cast<const char*>(b.data()), b.size());
      check_events(emitted);
    }
    out.clear();
  });
  (void)stream->done();
  (void)stream->upstream_error();
  (void)stream->malformed();
  (void)stream->usage();
  return 0;
}
