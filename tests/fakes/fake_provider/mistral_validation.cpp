#include "mistral_validation.hpp"

#include <algorithm>
#include <initializer_list>
#include <set>

#include "mistral_errors.hpp"

namespace fake {

namespace json = boost::json;

namespace {

using names = std::initializer_list<std::string_view>;

const names chat_fields{"model",
                        "messages",
                        "temperature",
                        "top_p",
                        "max_tokens",
                        "stream",
                        "stop",
                        "random_seed",
                        "metadata",
                        "response_format",
                        "tools",
                        "tool_choice",
                        "presence_penalty",
                        "frequency_penalty",
                        "min_tokens",
                        "repetition_penalty",
                        "top_k",
                        "logprobs",
                        "top_logprobs",
                        "n",
                        "prediction",
                        "parallel_tool_calls",
                        "reasoning_effort",
                        "prompt_mode",
                        "guardrails",
                        "prompt_cache_key",
                        "service_tier",
                        "safe_prompt"};
const names embeddings_fields{"model",        "input",          "metadata", "output_dimension",
                              "output_dtype", "encoding_format"};

class checker {
 public:
  // Every key of `object` outside `allowed` is an extra_forbidden problem at loc + key.
  void closed(const json::object& object, names allowed, const json::array& loc) {
    for (const auto& field : object)
      if (std::find(allowed.begin(), allowed.end(), field.key()) == allowed.end())
        problem("extra_forbidden", at(loc, field.key()), "Extra inputs are not permitted");
  }
  void problem(std::string_view type, json::array loc, std::string_view msg) {
    detail.push_back(pydantic_problem(type, std::move(loc), msg));
  }
  static json::array at(json::array loc, json::value key) {
    loc.push_back(std::move(key));
    return loc;
  }

  void message(const json::object& m, std::size_t i) {
    const json::array loc{"messages", i};
    const auto* role = m.if_contains("role");
    const std::string_view r =
        role && role->is_string() ? std::string_view(role->get_string()) : "";
    if (r == "system" || r == "user") return closed(m, {"role", "content"}, loc);
    if (r == "tool") return closed(m, {"role", "content", "tool_call_id", "name"}, loc);
    if (r != "assistant")
      return problem("union_tag_invalid", loc, "Input tag does not match any of the roles");
    closed(m, {"role", "content", "tool_calls", "prefix"}, loc);
    const auto* calls = m.if_contains("tool_calls");
    if (!calls || !calls->is_array()) return;
    for (std::size_t j = 0; j < calls->get_array().size(); ++j) {
      const auto* call = calls->get_array()[j].if_object();
      const auto call_loc = at(at(loc, "tool_calls"), j);
      if (!call) {
        problem("model_type", call_loc, "Input should be an object");
        continue;
      }
      closed(*call, {"id", "type", "function", "index"}, call_loc);
      if (const auto* f = call->if_contains("function"); f && f->is_object())
        closed(f->get_object(), {"name", "arguments"}, at(call_loc, "function"));
    }
  }

  json::array detail;
};

bool mistral_id(const json::value* id) {
  if (!id || !id->is_string() || id->get_string().size() != 9) return false;
  for (char c : id->get_string())
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
  return true;
}

std::string id_text(const json::value* id) {
  return id && id->is_string() ? std::string(id->get_string()) : std::string("null");
}

bool has_content(const json::object& m) {
  const auto* content = m.if_contains("content");
  if (!content || content->is_null()) return false;
  if (content->is_string()) return !content->get_string().empty();
  return !content->is_array() || !content->get_array().empty();
}

// What Mistral's server checks once the schema is met.
std::optional<std::string> conversation_problem(const json::array& messages) {
  std::set<std::string> open_calls;  // ids of the last assistant turn's calls
  for (const auto& item : messages) {
    const auto& m = item.get_object();
    const auto role = m.at("role").get_string();
    const auto* calls = m.if_contains("tool_calls");
    const bool calling = calls && calls->is_array() && !calls->get_array().empty();
    if (role == "assistant" && !has_content(m) && !calling)
      return "Assistant message must have either content or tool_calls, but not none.";
    if (role == "assistant") open_calls.clear();
    if (calling)
      for (const auto& call : calls->get_array()) {
        const auto* id = call.get_object().if_contains("id");
        if (!mistral_id(id))
          return "Tool call id was " + id_text(id) +
                 " but must be a-z, A-Z, 0-9, with a length of 9.";
        open_calls.insert(id_text(id));
      }
    if (role != "tool") continue;
    const auto* id = m.if_contains("tool_call_id");
    if (!mistral_id(id))
      return "Tool call id was " + id_text(id) + " but must be a-z, A-Z, 0-9, with a length of 9.";
    if (!open_calls.count(id_text(id)))
      return "Tool message with tool_call_id " + id_text(id) +
             " does not answer a call of the previous assistant message.";
  }
  return std::nullopt;
}

}  // namespace

std::optional<mistral_refusal> check_mistral_chat(const json::value& body) {
  checker c;
  if (!body.is_object()) {
    c.problem("model_attributes_type", {}, "Input should be a valid dictionary");
    return mistral_refusal{422, std::move(c.detail), {}};
  }
  const auto& request = body.get_object();
  c.closed(request, chat_fields, {});
  if (!request.contains("model")) c.problem("missing", {"model"}, "Field required");
  const auto* messages = request.if_contains("messages");
  if (!messages || !messages->is_array()) {
    c.problem("missing", {"messages"}, "Field required");
  } else {
    for (std::size_t i = 0; i < messages->get_array().size(); ++i) {
      const auto* m = messages->get_array()[i].if_object();
      if (!m)
        c.problem("model_type", {"messages", i}, "Input should be an object");
      else
        c.message(*m, i);
    }
  }
  if (!c.detail.empty()) return mistral_refusal{422, std::move(c.detail), {}};
  if (auto problem = conversation_problem(messages->get_array()))
    return mistral_refusal{400, {}, std::move(*problem)};
  return std::nullopt;
}

std::optional<mistral_refusal> check_mistral_embeddings(const json::value& body) {
  checker c;
  if (!body.is_object()) {
    c.problem("model_attributes_type", {}, "Input should be a valid dictionary");
    return mistral_refusal{422, std::move(c.detail), {}};
  }
  const auto& request = body.get_object();
  c.closed(request, embeddings_fields, {});
  if (!request.contains("model")) c.problem("missing", {"model"}, "Field required");
  const auto* input = request.if_contains("input");
  bool texts = input && (input->is_string() || input->is_array());
  if (texts && input->is_array())
    for (const auto& item : input->get_array()) texts = texts && item.is_string();
  if (!texts) c.problem("string_type", {"input"}, "Input should be a valid string");
  if (!c.detail.empty()) return mistral_refusal{422, std::move(c.detail), {}};
  return std::nullopt;
}

}  // namespace fake
