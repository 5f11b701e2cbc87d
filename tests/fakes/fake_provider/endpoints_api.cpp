#include "endpoints_api.hpp"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cctype>
#include <chrono>
#include <cmath>

#include "cohere_api.hpp"
#include "cohere_errors.hpp"
#include "fake_io.hpp"
#include "fault_knobs.hpp"
#include "gateway/canonical/endpoint_request.hpp"
#include "gateway/canonical/transcription_request.hpp"
#include "gateway/http/error_response.hpp"
#include "last_request.hpp"
#include "openai_api.hpp"

namespace fake {

namespace json = boost::json;
namespace http = keygate::http;
using keygate::task;

namespace {

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A 1x1 transparent PNG, base64.
constexpr std::string_view tiny_png_base64 =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

// Refuses like OpenAI: the request's own 400, a missing or wrong key, a knob's status.
task<bool> openai_refused(keygate::exchange& ex, const std::optional<keygate::openai_error>& error,
                          const fault_knobs& knobs) {
  co_await sleep_for(ex, knobs.latency);
  if (knobs.reset_before_headers) {
    ex.abort();
    co_return true;
  }
  // Azure's paths carry the key as api-key; OpenAI's as a bearer token.
  const auto& req = ex.request();
  const auto azure_key = req.find("api-key");
  const bool unauthorized =
      req.target().starts_with("/openai/")
          ? azure_key == req.end() || azure_key->value().empty() || azure_key->value() == "bad-key"
          : openai_unauthorized(req);
  if (unauthorized) {
    co_await send_openai_error(ex, 401, knobs);
    co_return true;
  }
  if (error) {
    co_await keygate::respond_error(ex, *error);
    co_return true;
  }
  if (knobs.status >= 400) {
    co_await send_openai_error(ex, knobs.status, knobs);
    co_return true;
  }
  co_return false;
}

std::string completion_text(int tokens) {
  std::string text;
  for (int i = 0; i < tokens; ++i) text += token_text(i);
  return text;
}

std::int64_t word_estimate(std::string_view body) {
  return std::max<std::int64_t>(1, static_cast<std::int64_t>(body.size() / 16));
}

double seconds_of(const keygate::transcription_request& form) {
  // WAV says; anything else is taken as 16 kB a second.
  if (form.wav_seconds) return std::round(*form.wav_seconds * 100) / 100;
  return std::max(0.1, std::round(static_cast<double>(form.file_bytes) / 16000 * 100) / 100);
}

}  // namespace

std::size_t speech_bytes_for(std::size_t characters) {
  return 10 + 64 * characters;
}

task<void> openai_completions(keygate::exchange& ex) {
  remember_request(ex.request().body());
  keygate::endpoint_request request;
  auto error = keygate::parse_completions_request(ex.request().body(), request);
  const auto knobs = read_knobs(ex.request(), request.common.model);
  if (co_await openai_refused(ex, error, knobs)) co_return;
  int tokens = knobs.tokens;
  std::string_view finish = "stop";
  if (request.common.max_tokens && *request.common.max_tokens < tokens) {
    tokens = static_cast<int>(*request.common.max_tokens);
    finish = "length";
  }
  const std::string id = "cmpl-fake" + std::to_string(now_seconds());
  const std::int64_t prompt = word_estimate(request.common.body);
  const std::string usage = R"({"prompt_tokens":)" + std::to_string(prompt) +
                            R"(,"completion_tokens":)" + std::to_string(tokens) +
                            R"(,"total_tokens":)" + std::to_string(prompt + tokens) + "}";
  const std::string head = R"({"id":")" + id + R"(","object":"text_completion","created":)" +
                           std::to_string(now_seconds()) + R"(,"model":)" +
                           json::serialize(json::string(request.common.model));
  if (!request.common.stream) {
    std::string body = head + R"(,"choices":[{"text":)" +
                       json::serialize(json::string(completion_text(tokens))) +
                       R"(,"index":0,"logprobs":null,"finish_reason":")" + std::string(finish) +
                       R"("}],"usage":)" + usage + "}";
    if (knobs.malformed) body = R"({"id":"cmpl-broken","choices":[)";
    co_return co_await send_whole(ex, std::move(body), knobs);
  }
  std::vector<std::string> events;
  events.reserve(static_cast<std::size_t>(tokens) + 3);
  for (int i = 0; i < tokens; ++i)
    events.push_back("data: " + head + R"(,"choices":[{"text":)" +
                     json::serialize(json::string(token_text(i))) +
                     R"(,"index":0,"logprobs":null,"finish_reason":null}]})" + "\n\n");
  events.push_back("data: " + head + R"(,"choices":[{"text":"","index":0,"logprobs":null,)" +
                   R"("finish_reason":")" + std::string(finish) + R"("}]})" + "\n\n");
  if (request.common.include_usage)
    events.push_back("data: " + head + R"(,"choices":[],"usage":)" + usage + "}\n\n");
  events.emplace_back("data: [DONE]\n\n");
  keygate::http_fields fields;
  fields.set(http::field::content_type, "text/event-stream; charset=utf-8");
  fields.set(http::field::cache_control, "no-cache");
  co_await send_events(ex, events, 0, tokens, knobs, std::move(fields));
}

task<void> openai_images(keygate::exchange& ex) {
  remember_request(ex.request().body());
  keygate::endpoint_request request;
  auto error = keygate::parse_image_request(ex.request().body(), request);
  const auto knobs = read_knobs(ex.request(), request.common.model);
  if (co_await openai_refused(ex, error, knobs)) co_return;
  const bool inline_data = request.response_format == "b64_json";
  std::string data = "[";
  for (std::int64_t i = 0; i < request.items; ++i) {
    if (i) data += ',';
    data += inline_data ? R"({"b64_json":")" + std::string(tiny_png_base64) + R"("})"
                        : R"({"url":"http://)" + std::string(ex.request()[http::field::host]) +
                              "/fake/image.png?n=" + std::to_string(i) + R"("})";
  }
  data += ']';
  std::string body = R"({"created":)" + std::to_string(now_seconds()) + R"(,"data":)" + data + "}";
  if (knobs.malformed) body = R"({"created":1,"data":[)";
  co_await send_whole(ex, std::move(body), knobs);
}

task<void> openai_speech(keygate::exchange& ex) {
  remember_request(ex.request().body());
  keygate::endpoint_request request;
  auto error = keygate::parse_speech_request(ex.request().body(), request);
  const auto knobs = read_knobs(ex.request(), request.common.model);
  if (co_await openai_refused(ex, error, knobs)) co_return;
  // An ID3 tag, then one frame-sized run of bytes per character, sent in 4 kB chunks.
  std::string audio = "ID3\x04";
  audio.resize(speech_bytes_for(static_cast<std::size_t>(request.characters)), '\xFF');
  const std::string type = request.response_format == "wav" ? "audio/wav" : "audio/mpeg";
  const std::string head = "Content-Type: " + type + "\r\n";
  if (!co_await ex.begin_stream(http::status::ok, head)) co_return;
  constexpr std::size_t chunk = 4096;
  for (std::size_t at = 0; at < audio.size(); at += chunk) {
    if (at > 0) co_await sleep_for(ex, knobs.itl);
    if (knobs.reset_mid_stream && at >= audio.size() / 2) co_return ex.abort();
    if (!co_await ex.write_chunk(std::string_view(audio).substr(at, chunk))) co_return;
  }
  co_await ex.end_stream();
}

task<void> openai_transcription(keygate::exchange& ex, bool translate) {
  const auto& req = ex.request();
  keygate::transcription_request form;
  auto error =
      keygate::parse_transcription_request(req.body(), req[http::field::content_type], form);
  remember_request("{\"model\":" + json::serialize(json::string(form.common.model)) +
                   ",\"file_bytes\":" + std::to_string(form.file_bytes) + "}");
  const auto knobs = read_knobs(req, form.common.model);
  if (co_await openai_refused(ex, error, knobs)) co_return;
  const double seconds = seconds_of(form);
  const std::string text =
      translate ? "Hello from the fake translation." : "Hello from the fake transcription.";
  std::string body;
  std::string_view type = "application/json";
  if (form.response_format == "text") {
    body = text + "\n";
    type = "text/plain; charset=utf-8";
  } else if (form.response_format == "verbose_json") {
    json::object answer{{"task", translate ? "translate" : "transcribe"},
                        {"language", "english"},
                        {"duration", seconds},
                        {"text", text},
                        {"segments", json::array()}};
    body = json::serialize(answer);
  } else {
    json::object answer{{"text", text},
                        {"usage", json::object{{"type", "duration"}, {"seconds", seconds}}}};
    body = json::serialize(answer);
  }
  if (knobs.malformed) body = R"({"text":)";
  co_await ex.respond(http::status::ok, std::move(body), type);
}

task<void> cohere_rerank(keygate::exchange& ex) {
  remember_request(ex.request().body());
  const auto& req = ex.request();
  keygate::endpoint_request request;
  auto error = keygate::parse_rerank_request(ex.request().body(), request);
  const auto knobs = read_knobs(req, request.common.model);
  co_await sleep_for(ex, knobs.latency);
  if (knobs.reset_before_headers) co_return ex.abort();
  auto auth = req.find(http::field::authorization);
  if (auth == req.end() || !auth->value().starts_with("Bearer ") ||
      auth->value() == "Bearer bad-key")
    co_return co_await send_cohere_error(ex, 401, "", knobs);
  if (error) co_return co_await send_cohere_error(ex, 400, error->message, knobs);
  if (knobs.status >= 400) co_return co_await send_cohere_error(ex, knobs.status, "", knobs);

  // Scores: the share of the query's words each document holds, ties by order.
  const auto parsed = json::parse(request.common.body).as_object();
  const std::string query(parsed.at("query").as_string());
  auto words_of = [](std::string_view text) {
    std::vector<std::string> words;
    std::string word;
    for (const char c : text) {
      if (std::isalnum(static_cast<unsigned char>(c))) {
        word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      } else if (!word.empty()) {
        words.push_back(std::move(word));
        word.clear();
      }
    }
    if (!word.empty()) words.push_back(word);
    return words;
  };
  const auto query_words = words_of(query);
  struct scored {
    std::size_t index;
    double score;
    std::string text;
  };
  std::vector<scored> results;
  const auto& documents = parsed.at("documents").as_array();
  for (std::size_t i = 0; i < documents.size(); ++i) {
    const auto& document = documents[i];
    std::string text = document.is_string() ? std::string(document.as_string())
                       : document.is_object() && document.as_object().contains("text")
                           ? std::string(document.as_object().at("text").as_string())
                           : json::serialize(document);
    const auto words = words_of(text);
    std::size_t hits = 0;
    for (const auto& w : query_words)
      if (std::find(words.begin(), words.end(), w) != words.end()) ++hits;
    const double score = query_words.empty()
                             ? 0
                             : static_cast<double>(hits) / static_cast<double>(query_words.size());
    results.push_back({i, std::round((score * 0.9 + 0.05) * 1e6) / 1e6, std::move(text)});
  }
  std::stable_sort(results.begin(), results.end(),
                   [](const scored& a, const scored& b) { return a.score > b.score; });
  std::size_t top_n = results.size();
  if (const auto* n = parsed.if_contains("top_n"); n && n->is_int64())
    top_n = std::min(top_n, static_cast<std::size_t>(n->as_int64()));
  const auto* wants = parsed.if_contains("return_documents");
  const bool with_documents = wants && wants->is_bool() && wants->as_bool();
  json::array out;
  for (std::size_t i = 0; i < top_n; ++i) {
    json::object item{{"index", results[i].index}, {"relevance_score", results[i].score}};
    if (with_documents) item["document"] = json::object{{"text", results[i].text}};
    out.push_back(std::move(item));
  }
  json::object answer{{"id", "rerank-fake-" + std::to_string(now_seconds())},
                      {"results", std::move(out)},
                      {"meta", json::object{{"api_version", json::object{{"version", "2"}}},
                                            {"billed_units", json::object{{"search_units", 1}}}}}};
  std::string body = json::serialize(answer);
  if (knobs.malformed) body = R"({"results":[)";
  co_await send_whole(ex, std::move(body), knobs);
}

bool is_endpoint_path(std::string_view operation) {
  return operation == "/completions" || operation == "/images/generations" ||
         operation == "/audio/speech" || operation == "/audio/transcriptions" ||
         operation == "/audio/translations" || operation == "/rerank";
}

task<void> serve_endpoint(keygate::exchange& ex, std::string_view operation) {
  if (operation == "/completions") co_return co_await openai_completions(ex);
  if (operation == "/images/generations") co_return co_await openai_images(ex);
  if (operation == "/audio/speech") co_return co_await openai_speech(ex);
  if (operation == "/audio/transcriptions") co_return co_await openai_transcription(ex, false);
  if (operation == "/audio/translations") co_return co_await openai_transcription(ex, true);
  co_await cohere_rerank(ex);
}

}  // namespace fake
