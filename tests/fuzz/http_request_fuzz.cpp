// Bytes from a client, at arbitrary splits, through the request parser as every connection
// configures it, request after request as on a keep-alive connection. Each request read whole
// goes on to the body checks of the route it names.
#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "gateway/base/request_id.hpp"
#include "gateway/canonical/canonical_request.hpp"
#include "gateway/canonical/embeddings_request.hpp"
#include "gateway/http/request_parser.hpp"
#include "tests/fuzz/fuzz_input.hpp"

namespace {

namespace http = boost::beast::http;

// Small limits, so the fuzzer reaches them.
keygate::server_limits fuzz_limits() {
  keygate::server_limits limits;
  limits.max_header_bytes = 2048;
  limits.max_body_bytes = 8192;
  return limits;
}

void route(keygate::request_parser& parser) {
  auto request = parser.release();
  (void)keygate::is_acceptable_request_id(request["x-request-id"]);
  if (request.target() == "/v1/chat/completions") {
    keygate::canonical_request view;
    (void)keygate::parse_chat_request(request.body(), view);
  } else if (request.target() == "/v1/embeddings") {
    keygate::embeddings_request view;
    (void)keygate::parse_embeddings_request(request.body(), view);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const keygate::server_limits limits = fuzz_limits();
  const auto in = keygate::fuzz::read_input(data, size);
  std::optional<keygate::request_parser> parser(std::in_place);
  keygate::apply_limits(*parser, limits);
  std::string pending;
  bool failed = false;
  keygate::fuzz::feed_in_pieces(in.payload, in.split_seed, [&](std::string_view piece) {
    pending.append(piece);
    while (!failed && !pending.empty()) {
      boost::system::error_code ec;
      const auto used = parser->put(boost::asio::buffer(pending), ec);
      pending.erase(0, used);
      if (ec == http::error::need_more) return;
      if (ec) {
        failed = true;  // the connection answers 4xx and closes
        return;
      }
      if (parser->is_done()) {
        route(*parser);
        parser.emplace();
        keygate::apply_limits(*parser, limits);
      } else if (used == 0) {
        return;
      }
    }
  });
  return 0;
}
