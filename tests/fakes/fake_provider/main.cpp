// The fake provider: a fast local stand-in for the providers' APIs, for tests and benchmarks.
#include <cstdlib>
#include <iostream>

#include "anthropic_api.hpp"
#include "azure_api.hpp"
#include "bedrock_api.hpp"
#include "cohere_api.hpp"
#include "embeddings_api.hpp"
#include "endpoints_api.hpp"
#include "fake_stats.hpp"
#include "gateway/http/error_response.hpp"
#include "gateway/http/http_server.hpp"
#include "gateway/program/port_file.hpp"
#include "gemini_api.hpp"
#include "google_token_api.hpp"
#include "image_api.hpp"
#include "last_request.hpp"
#include "mistral_api.hpp"
#include "ollama_api.hpp"
#include "openai_api.hpp"
#include "responses_api.hpp"
#include "vertex_api.hpp"

namespace {

bool is_image_path_get(const keygate::exchange& ex, std::string_view path) {
  return ex.request().method() == keygate::http::verb::get && fake::is_image_path(path);
}

keygate::task<void> route(keygate::exchange& ex) {
  fake::note_peer(ex);
  std::string_view path = ex.request().target();
  path = path.substr(0, path.find('?'));
  if (path == "/fake/stats") co_return co_await fake::respond_stats(ex);
  if (path == "/fake/vertex") co_return co_await fake::vertex_control(ex);
  if (path == "/fake/google/accounts") co_return co_await fake::google_register_account(ex);
  const fake::request_counter answering;
  const bool post = ex.request().method() == keygate::http::verb::post;
  if (path.starts_with("/v1beta/models/") && path.ends_with(":batchEmbedContents") && post)
    co_return co_await fake::gemini_batch_embed(ex);
  if (path.starts_with("/v1beta/models/") && post) co_return co_await fake::gemini_generate(ex);
  if (path == std::string(fake::mistral_prefix) + "/chat/completions" && post)
    co_return co_await fake::mistral_chat(ex);
  if (path == std::string(fake::mistral_prefix) + "/embeddings" && post)
    co_return co_await fake::mistral_embeddings(ex);
  if (path == std::string(fake::cohere_prefix) + "/chat" && post)
    co_return co_await fake::cohere_chat(ex);
  if (path == std::string(fake::cohere_prefix) + "/embed" && post)
    co_return co_await fake::cohere_embed(ex);
  if (fake::is_bedrock_path(path) && post) co_return co_await fake::bedrock_converse(ex);
  if (fake::is_vertex_path(path) && post) co_return co_await fake::vertex_predict(ex);
  if (path == "/token" && post) co_return co_await fake::google_token(ex);
  if (path == "/api/chat" && post) co_return co_await fake::ollama_chat(ex);
  if (path == "/api/embed" && post) co_return co_await fake::ollama_embed(ex);
  if (path == "/api/tags") co_return co_await fake::ollama_tags(ex);
  if (path == std::string(fake::cohere_prefix) + "/rerank" && post)
    co_return co_await fake::cohere_rerank(ex);
  // Azure's addressing of the endpoints beyond chat: /openai/v1/{operation} and
  // /openai/deployments/{deployment}/{operation}?api-version=...
  if (path.starts_with("/openai/") && post) {
    for (std::string_view operation : {"/completions", "/images/generations", "/audio/speech",
                                       "/audio/transcriptions", "/audio/translations"})
      if (path.ends_with(operation) && !path.ends_with("/chat/completions"))
        co_return co_await fake::serve_endpoint(ex, operation);
  }
  if (path.starts_with("/openai/")) co_return co_await fake::azure_openai(ex);
  if (path.starts_with("/v1/")) path.remove_prefix(3);
  if (path == "/chat/completions") co_return co_await fake::openai_chat(ex);
  if (fake::is_endpoint_path(path) && post) co_return co_await fake::serve_endpoint(ex, path);
  if (path == "/embeddings" && post) co_return co_await fake::openai_embeddings(ex);
  if (path == "/models") co_return co_await fake::openai_models(ex);
  if (path == "/responses" && post) co_return co_await fake::openai_responses(ex);
  if (path == "/messages" && ex.request().method() == keygate::http::verb::post)
    co_return co_await fake::anthropic_messages(ex);
  if (path == "/messages/count_tokens" && post) co_return co_await fake::anthropic_count_tokens(ex);
  if (is_image_path_get(ex, path)) co_return co_await fake::serve_image(ex);
  if (path == "/fake/last-request") co_return co_await fake::respond_last_request(ex);
  if (path == "/health") co_return co_await ex.respond(keygate::http::status::ok, "{}");
  const keygate::openai_error error{404, "Unknown path.", "invalid_request_error", {}, {}};
  co_await keygate::respond_error(ex, error);
}

}  // namespace

int main(int argc, char** argv) {
  keygate::server_options options;
  options.port = 0;
  options.threads = 1;
  options.shutdown_grace = std::chrono::milliseconds(1000);
  std::string port_file;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string_view flag = argv[i];
    if (flag == "--host")
      options.host = argv[i + 1];
    else if (flag == "--port")
      options.port = static_cast<std::uint16_t>(std::atoi(argv[i + 1]));
    else if (flag == "--threads")
      options.threads = static_cast<unsigned>(std::atoi(argv[i + 1]));
    else if (flag == "--port-file")
      port_file = argv[i + 1];
    else {
      std::cerr << "usage: fake_provider [--host H] [--port N] [--threads N] [--port-file F]\n";
      return 2;
    }
  }
  options.limits.max_connections = 100'000;
  options.cors_allow_origin.clear();  // OpenAI's API sends no CORS headers
  keygate::http_server server(
      options, [](unsigned, keygate::net::io_context&) { return keygate::request_handler(route); });
  server.listen();
  if (!port_file.empty()) keygate::write_port_file(port_file, server.port());
  std::cout << "fake_provider listening on " << options.host << ":" << server.port() << std::endl;
  server.run();
  return 0;
}
