#include "bedrock_api.hpp"

#include <atomic>

#include "bedrock_answer.hpp"
#include "bedrock_auth.hpp"
#include "bedrock_errors.hpp"
#include "bedrock_validation.hpp"
#include "fake_io.hpp"
#include "gateway/translators/bedrock/event_stream.hpp"
#include "last_request.hpp"
#include "request_json.hpp"

namespace fake {

namespace http = keygate::http;
using keygate::task;

namespace {

std::atomic<std::uint64_t> next_id{1};

constexpr std::string_view model_prefix = "/model/";

// The model id between "/model/" and the last '/', percent-decoded: knobs ride on it as
// "<model>@status=429" (docs/fake-provider.md).
std::string model_of(std::string_view path) {
  auto id = path.substr(model_prefix.size());
  id = id.substr(0, id.rfind('/'));
  std::string out;
  for (std::size_t i = 0; i < id.size(); ++i) {
    if (id[i] == '%' && i + 2 < id.size()) {
      out += static_cast<char>(std::stoi(std::string(id.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += id[i];
    }
  }
  return out;
}

}  // namespace

bool is_bedrock_path(std::string_view path) {
  return path.starts_with(model_prefix) &&
         (path.ends_with("/converse") || path.ends_with("/converse-stream"));
}

task<void> bedrock_converse(keygate::exchange& ex) {
  remember_request(ex.request().body());
  const auto n = next_id++;
  ex.extra_headers().set("x-amzn-RequestId", "fake-bedrock-" + std::to_string(n));
  std::string_view path = ex.request().target();
  path = path.substr(0, path.find('?'));
  const bool stream = path.ends_with("/converse-stream");
  const auto knobs = read_knobs(ex.request(), model_of(path));
  co_await sleep_for(ex, knobs.latency);
  if (knobs.reset_before_headers) co_return ex.abort();
  if (auto failure = check_bedrock_auth(ex.request()))
    co_return co_await send_bedrock_error(ex, failure->status, failure->error_type,
                                          failure->message, knobs);
  boost::system::error_code ec;
  const auto body = parse_request_json(ex.request().body(), ec);
  if (auto problem = ec ? std::optional<std::string>("Malformed input request, please reformat "
                                                     "your input and try again.")
                        : converse_problem(body))
    co_return co_await send_bedrock_error(ex, 400, "ValidationException", *problem, knobs);
  if (knobs.status >= 400) co_return co_await send_bedrock_error(ex, knobs.status, "", "", knobs);

  const auto answer = plan_bedrock_answer(body.get_object(), "tooluse_fake" + std::to_string(n),
                                          knobs.tokens, model_of(path));
  if (stream) {
    auto planned = converse_stream_frames(answer);
    if (knobs.malformed) planned.frames.front()[9] ^= 0x01;  // a prelude CRC that fails
    if (knobs.stream_error)
      planned.frames.insert(
          planned.frames.begin() + static_cast<std::ptrdiff_t>(planned.first_content + 1),
          keygate::aws::encode_exception("throttlingException",
                                         R"({"message":"Too many tokens, please wait."})"));
    keygate::http_fields fields;
    fields.set(http::field::content_type, "application/vnd.amazon.eventstream");
    co_return co_await send_events(ex, planned.frames, planned.first_content, answer.tokens, knobs,
                                   std::move(fields));
  }
  std::string whole = converse_json(answer);
  if (knobs.malformed) whole = R"({"output":{"message":{"role":"assistant","content":[)";
  co_await send_whole(ex, std::move(whole), knobs);
}

}  // namespace fake
