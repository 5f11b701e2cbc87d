#include "gateway/translators/bedrock/prompt_cache.hpp"

#include <vector>

#include "gateway/translators/common/prompt_cache_plan.hpp"

namespace keygate::bedrock {

namespace json = boost::json;

namespace {

// A list a cachePoint can follow: not empty, and not ending in a reasoning block.
bool markable(const json::value* list) {
  const auto* items = list ? list->if_array() : nullptr;
  if (!items || items->empty()) return false;
  const auto* last = items->back().if_object();
  return last && !last->contains("reasoningContent");
}

}  // namespace

bool caches_prompts(std::string_view model) {
  return model.find("anthropic.claude") != std::string_view::npos;
}

int place_cache_points(json::object& body, std::string_view model) {
  auto* tool_config = body.if_contains("toolConfig");
  auto* tools = tool_config && tool_config->is_object()
                    ? tool_config->get_object().if_contains("tools")
                    : nullptr;
  for (const json::value* part : {tools, body.if_contains("system"), body.if_contains("messages")})
    if (part && prompt_cache::marked_anywhere(*part, "cachePoint")) return 0;

  using prompt_cache::part;
  std::vector<prompt_cache::piece> pieces;
  std::vector<json::value*> lists;  // where each piece's cachePoint is appended
  if (tools && tools->is_array() && !tools->get_array().empty()) {
    std::int64_t tokens = 0;
    for (const auto& tool : tools->get_array()) tokens += prompt_cache::estimated_tokens(tool);
    pieces.push_back({part::tools, false, tokens, markable(tools)});
    lists.push_back(tools);
  }
  if (auto* system = body.if_contains("system")) {
    pieces.push_back(
        {part::system, false, prompt_cache::estimated_tokens(*system), markable(system)});
    lists.push_back(system);
  }
  if (auto* messages = body.if_contains("messages"); messages && messages->is_array()) {
    for (auto& message : messages->get_array()) {
      auto* m = message.if_object();
      auto* content = m ? m->if_contains("content") : nullptr;
      const auto* role = m ? m->if_contains("role") : nullptr;
      pieces.push_back({part::message, role && role->is_string() && role->get_string() == "user",
                        content ? prompt_cache::estimated_tokens(*content) : 0, markable(content)});
      lists.push_back(content);
    }
  }

  const auto chosen =
      prompt_cache::choose_breakpoints(pieces, prompt_cache::min_cacheable_tokens(model));
  for (auto i : chosen)
    lists[i]->get_array().push_back(json::object{{"cachePoint", {{"type", "default"}}}});
  return static_cast<int>(chosen.size());
}

}  // namespace keygate::bedrock
