#include "ollama_api.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <charconv>

#include "fake_io.hpp"
#include "gateway/translators/mock/hashed_embedding.hpp"
#include "gateway/translators/openai/message_text.hpp"
#include "last_request.hpp"
#include "ollama_answer.hpp"
#include "ollama_checks.hpp"
#include "request_json.hpp"

namespace fake {

namespace http = keygate::http;
namespace json = boost::json;
using keygate::task;

namespace {

std::string model_of(const json::value& body) {
  if (!body.is_object()) return {};
  auto it = body.get_object().find("model");
  return it != body.get_object().end() && it->value().is_string()
             ? std::string(it->value().get_string())
             : std::string();
}

// Ollama streams unless the request says "stream": false.
bool streams(const json::object& request) {
  auto it = request.find("stream");
  return it == request.end() || !it->value().is_bool() || it->value().get_bool();
}

std::string vector_json(const std::vector<float>& values) {
  std::string out = "[";
  char buffer[32];
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) out += ',';
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, values[i]);
    out.append(buffer, ec == std::errc() ? end : buffer);
  }
  return out + "]";
}

// The request parsed and checked, or the error already sent (nullopt).
struct checked_request {
  json::value body;
  std::string model;
  fault_knobs knobs;
};

task<std::optional<checked_request>> check(keygate::exchange& ex, bool chat) {
  remember_request(ex.request().body());
  boost::system::error_code ec;
  checked_request out;
  out.body = parse_request_json(ex.request().body(), ec);
  out.model = ec ? std::string() : model_of(out.body);
  out.knobs = read_knobs(ex.request(), out.model);
  co_await sleep_for(ex, out.knobs.latency);
  if (out.knobs.reset_before_headers) {
    ex.abort();
    co_return std::nullopt;
  }
  std::optional<std::string> problem;
  if (ec)
    problem = "invalid character in request body: " + ec.message();
  else
    problem = chat ? ollama_chat_problem(out.body) : ollama_embed_problem(out.body);
  int status = problem ? 400 : 0;
  if (!problem && ollama_unauthorized(ex.request())) status = 401;
  if (!problem && out.knobs.status >= 400) status = out.knobs.status;
  if (status == 0) co_return out;
  co_await send_ollama_error(ex, status, problem.value_or(""), out.model);
  co_return std::nullopt;
}

}  // namespace

task<void> ollama_chat(keygate::exchange& ex) {
  auto checked = co_await check(ex, true);
  if (!checked) co_return;
  const auto& request = checked->body.get_object();
  const auto& knobs = checked->knobs;
  const auto answer = plan_ollama_answer(request, checked->model, knobs.tokens);
  if (!streams(request)) {
    std::string whole = ollama_whole_json(answer);
    if (knobs.malformed) whole = R"({"model":")" + answer.model + R"(","message":)";
    co_return co_await send_whole(ex, std::move(whole), knobs);
  }
  auto planned = ollama_stream_lines(answer);
  if (knobs.malformed) planned.lines.front() = "{\"model\": broken\n";
  if (knobs.stream_error) {  // half of the tokens, then Ollama's error line ends the body
    planned.lines.resize(planned.first_content + static_cast<std::size_t>(answer.tokens / 2));
    planned.lines.push_back(ollama_error_line("an error was encountered while running the model"));
  }
  keygate::http_fields fields;
  fields.set(http::field::content_type, "application/x-ndjson");
  co_await send_events(ex, planned.lines, planned.first_content, answer.tokens, knobs,
                       std::move(fields));
}

task<void> ollama_embed(keygate::exchange& ex) {
  auto checked = co_await check(ex, false);
  if (!checked) co_return;
  const auto& request = checked->body.get_object();
  std::size_t dimensions = keygate::default_mock_dimensions;
  if (const auto* n = request.if_contains("dimensions"); n && n->is_int64() && n->get_int64() > 0)
    dimensions = static_cast<std::size_t>(n->get_int64());
  std::int64_t words = 0;
  std::string vectors;
  for (const auto& seed : keygate::embedding_seeds(request.at("input"))) {
    words += keygate::openai::count_words(seed);
    vectors +=
        (vectors.empty() ? "" : ",") + vector_json(keygate::hashed_embedding(seed, dimensions));
  }
  std::string body = R"({"model":)" + json::serialize(json::string(checked->model)) +
                     R"(,"embeddings":[)" + vectors +
                     R"(],"total_duration":2000000,"load_duration":1000000)";
  if (words > 0) body += R"(,"prompt_eval_count":)" + std::to_string(words);
  body += "}";
  if (checked->knobs.malformed) body = R"({"model":"x","embeddings":[[)";
  co_await send_whole(ex, std::move(body), checked->knobs);
}

// The models the fake lists; any model name is served all the same.
std::string tags_json() {
  json::array models;
  for (const char* name : {"llama3.2:latest", "all-minilm:latest"})
    models.push_back(json::object{{"name", name},
                                  {"model", name},
                                  {"modified_at", "2026-01-01T00:00:00Z"},
                                  {"size", 2019393189},
                                  {"digest",
                                   "a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3"
                                   "bcd3abbcb5b8b72"},
                                  {"details",
                                   {{"parent_model", ""},
                                    {"format", "gguf"},
                                    {"family", "llama"},
                                    {"families", json::array{"llama"}},
                                    {"parameter_size", "3.2B"},
                                    {"quantization_level", "Q4_K_M"}}}});
  return json::serialize(json::object{{"models", std::move(models)}});
}

task<void> ollama_tags(keygate::exchange& ex) {
  co_await ex.respond(http::status::ok, tags_json(), "application/json; charset=utf-8");
}

}  // namespace fake
