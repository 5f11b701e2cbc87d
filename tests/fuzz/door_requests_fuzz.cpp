// A client's body through the front doors' readers: Anthropic's Messages (a message or, selector
// bit 0x01, a token count) and OpenAI's Responses (selector bit 0x02, the payload's JSON object,
// continuing a stored conversation when bit 0x04 is set). Whatever the body, the answer is a
// canonical request the chat parser takes, or an error with a 4xx status and a message.
#include <boost/json.hpp>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <variant>

#include "gateway/canonical/canonical_request.hpp"
#include "gateway/doors/anthropic/messages_request.hpp"
#include "gateway/doors/responses/responses_request.hpp"
#include "gateway/engine/http_provider.hpp"
#include "tests/fuzz/fuzz_input.hpp"

namespace {

using keygate::openai_error;

void check_error(const openai_error& error) {
  if (error.status < 400 || error.status > 499 || error.message.empty()) std::abort();
}

// A canonical body the door made must be one the chat parser reads (it is the door's own JSON).
void check_canonical(std::string canonical, bool needs_max_tokens) {
  keygate::canonical_request view;
  if (auto error = keygate::parse_chat_request(canonical, view)) {
    // The only refusals left to the chat parser are about values the door passes through as
    // the client sent them (a temperature out of range, ...): 4xx, never a crash.
    check_error(*error);
    return;
  }
  if (needs_max_tokens && canonical.find("\"max_completion_tokens\"") == std::string::npos)
    std::abort();
}

void read_messages(std::string_view body, bool count) {
  namespace doors = keygate::doors::anthropic;
  auto read = doors::read_messages_request(
      body, count ? doors::messages_body::count_tokens : doors::messages_body::create);
  if (const auto* error = std::get_if<openai_error>(&read)) return check_error(*error);
  auto& reading = std::get<doors::messages_reading>(read);
  if (reading.model.empty()) std::abort();
  check_canonical(std::move(reading.canonical), !count);
}

// A stored conversation as a continuation finds it: a user message and the answer to it.
boost::json::array history() {
  return boost::json::parse(
             R"([{"type":"message","role":"user","content":"earlier","id":"msg_1"},)"
             R"({"type":"message","role":"assistant","id":"msg_2",)"
             R"("content":[{"type":"output_text","text":"answer"}]},)"
             R"({"type":"function_call","call_id":"call_1","name":"f","arguments":"{}"}])")
      .as_array();
}

void read_responses(std::string_view body, bool continued) {
  boost::json::parse_options options;
  options.max_depth = keygate::max_request_json_depth;
  boost::system::error_code ec;
  auto parsed = boost::json::parse(body, ec, {}, options);
  if (ec || !parsed.is_object()) return;  // the door refuses these before reading
  auto read = keygate::doors::responses::read_responses_request(
      parsed.as_object(), continued ? history() : boost::json::array());
  if (const auto* error = std::get_if<openai_error>(&read)) return check_error(*error);
  check_canonical(std::move(std::get<keygate::doors::responses::responses_reading>(read).canonical),
                  false);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto in = keygate::fuzz::read_input(data, size);
  if (in.selector & 0x02)
    read_responses(in.payload, (in.selector & 0x04) != 0);
  else
    read_messages(in.payload, (in.selector & 0x01) != 0);
  return 0;
}
