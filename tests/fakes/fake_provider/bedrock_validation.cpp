#include "bedrock_validation.hpp"

#include <array>

namespace fake {

namespace json = boost::json;

namespace {

constexpr std::array<std::string_view, 10> known_fields{
    "messages",         "system",          "inferenceConfig",
    "toolConfig",       "guardrailConfig", "additionalModelRequestFields",
    "promptVariables",  "requestMetadata", "additionalModelResponseFieldPaths",
    "performanceConfig"};

bool known(std::string_view key) {
  for (auto field : known_fields)
    if (field == key) return true;
  return false;
}

// A content block is an object with exactly one known member.
std::optional<std::string> block_problem(const json::value& block, bool& tool_blocks) {
  const auto* fields = block.if_object();
  if (!fields || fields->size() != 1)
    return "Malformed input request: a content block must have exactly one member";
  const auto& [key, value] = *fields->begin();
  if (key == "toolUse" || key == "toolResult") tool_blocks = true;
  if (key == "text" && (!value.is_string() || value.get_string().empty()))
    return "The text field in the ContentBlock object is blank. Add text to the text field, and "
           "try again.";
  if (key == "cachePoint") {
    const auto* point = value.if_object();
    const auto* type = point ? point->if_contains("type") : nullptr;
    if (!type || !type->is_string() || type->get_string() != "default")
      return "Malformed input request: cachePoint.type must be default";
  }
  if (key == "image") {
    const auto* image = value.if_object();
    const auto* source = image ? image->if_contains("source") : nullptr;
    if (!source || !source->is_object() || !source->get_object().contains("bytes"))
      return "Malformed input request: image.source.bytes is required";
  }
  return std::nullopt;
}

// Bedrock's limit on cache checkpoints in one request (system, messages and tools together).
constexpr int max_cache_points = 4;

int cache_points(const json::value& v) {
  int n = 0;
  if (const auto* o = v.if_object()) {
    if (o->contains("cachePoint")) ++n;
    for (const auto& member : *o) n += cache_points(member.value());
  } else if (const auto* a = v.if_array()) {
    for (const auto& item : *a) n += cache_points(item);
  }
  return n;
}

}  // namespace

std::optional<std::string> converse_problem(const json::value& body) {
  const auto* request = body.if_object();
  if (!request) return "Malformed input request, please reformat your input and try again.";
  for (const auto& field : *request)
    if (!known(field.key()))
      return "Malformed input request: extraneous key [" + std::string(field.key()) +
             "] is not permitted, please reformat your input and try again.";
  const auto* messages = request->if_contains("messages");
  if (!messages || !messages->is_array() || messages->get_array().empty())
    return "A conversation must start with a user message. Try again with a conversation that "
           "starts with a user message.";
  bool tool_blocks = false;
  std::string_view previous;
  for (const auto& message : messages->get_array()) {
    const auto* fields = message.if_object();
    const auto* role = fields ? fields->if_contains("role") : nullptr;
    const auto* content = fields ? fields->if_contains("content") : nullptr;
    if (!role || !role->is_string() || !content || !content->is_array() ||
        content->get_array().empty())
      return "Malformed input request: each message needs a role and a non-empty content";
    const std::string_view name = role->get_string();
    if (previous.empty() && name != "user")
      return "A conversation must start with a user message. Try again with a conversation that "
             "starts with a user message.";
    if (name == previous)
      return "A conversation must alternate between user and assistant roles. Make sure the "
             "conversation alternates between user and assistant roles and try again.";
    previous = name;
    for (const auto& block : content->get_array())
      if (auto problem = block_problem(block, tool_blocks)) return problem;
  }
  if (cache_points(*request) > max_cache_points)
    return "A maximum of 4 cache checkpoints are allowed per request. Remove some and try again.";
  if (tool_blocks && !request->contains("toolConfig"))
    return "The toolConfig field must be defined when using toolUse and toolResult content "
           "blocks.";
  return std::nullopt;
}

}  // namespace fake
