#include "gateway/translators/ollama/answer_fields.hpp"

#include <openssl/evp.h>

#include <array>
#include <boost/json/serialize.hpp>
#include <chrono>

#include "gateway/engine/upstream_error.hpp"
#include "gateway/translators/ollama/json_fields.hpp"

namespace keygate::ollama {

namespace json = boost::json;

std::string_view finish_reason_for(std::string_view done_reason) {
  if (done_reason == "length") return "length";
  return "stop";  // stop, load, unload, none, and reasons newer than this code
}

token_usage read_usage(const json::object& chunk) {
  token_usage usage;
  usage.prompt = count_at(chunk, "prompt_eval_count");
  usage.completion = count_at(chunk, "eval_count");
  usage.known = true;
  return usage;
}

bool is_chat_chunk(const json::object& chunk) {
  for (const char* key : {"message", "done", "error"})
    if (chunk.contains(key)) return true;
  return false;
}

std::vector<openai::tool_call> read_tool_calls(const json::object& message, std::string_view seed,
                                               int first_index) {
  std::vector<openai::tool_call> calls;
  const auto* list = find(message, "tool_calls");
  if (!list || !list->is_array()) return calls;
  for (const auto& item : list->get_array()) {
    if (!item.is_object()) continue;
    const auto& function = object_at(item.get_object(), "function");
    openai::tool_call call;
    call.name = std::string(string_at(function, "name"));
    const auto* args = find(function, "arguments");
    if (args && args->is_string())  // already a JSON text: some servers send one
      call.arguments = std::string(args->get_string());
    else
      call.arguments = args ? json::serialize(*args) : std::string("{}");
    call.id = std::string(string_at(item.get_object(), "id"));
    if (call.id.empty())
      call.id = synthesized_call_id(seed, first_index + static_cast<int>(calls.size()), call.name,
                                    call.arguments);
    calls.push_back(std::move(call));
  }
  return calls;
}

std::string synthesized_call_id(std::string_view seed, int index, std::string_view name,
                                std::string_view arguments) {
  std::string input(seed);
  input += '\n' + std::to_string(index) + '\n';
  input += name;
  input += '\n';
  input += arguments;
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  EVP_Digest(input.data(), input.size(), digest.data(), &size, EVP_sha256(), nullptr);
  static constexpr std::string_view alphabet =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  std::string id = "call_";
  for (int i = 0; i < 24; ++i) id += alphabet[digest[static_cast<std::size_t>(i)] % 62];
  return id;
}

std::int64_t created_of(const json::object& chunk) {
  if (auto at = parse_rfc3339(string_at(chunk, "created_at")))
    return std::chrono::duration_cast<std::chrono::seconds>(at->time_since_epoch()).count();
  return openai::unix_now();
}

}  // namespace keygate::ollama
