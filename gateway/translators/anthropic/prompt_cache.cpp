#include "gateway/translators/anthropic/prompt_cache.hpp"

#include <vector>

#include "gateway/translators/common/prompt_cache_plan.hpp"

namespace keygate::anthropic {

namespace json = boost::json;

namespace {

// Thinking blocks cannot carry a breakpoint; nor can anything that is not a block.
bool can_mark(const json::value& block) {
  const auto* o = block.if_object();
  if (!o) return false;
  const auto* type = o->if_contains("type");
  return !(type && type->is_string() &&
           (type->get_string() == "thinking" || type->get_string() == "redacted_thinking"));
}

// Content whose last block can take a breakpoint: a string (it becomes a block) or blocks.
bool markable_content(const json::value* content) {
  if (!content) return false;
  if (content->is_string()) return true;
  const auto* blocks = content->if_array();
  return blocks && !blocks->empty() && can_mark(blocks->back());
}

// The content's last block, a string first turned into one text block.
json::object& last_block(json::value& content) {
  if (content.is_string()) {
    json::array blocks;
    blocks.push_back(json::object{{"type", "text"}, {"text", content.get_string()}});
    content = std::move(blocks);
  }
  return content.get_array().back().get_object();
}

}  // namespace

int place_cache_breakpoints(json::object& body, std::string_view model) {
  for (const char* part : {"tools", "system", "messages"})
    if (const auto* v = body.if_contains(part);
        v && prompt_cache::marked_anywhere(*v, "cache_control"))
      return 0;

  using prompt_cache::part;
  std::vector<prompt_cache::piece> pieces;
  std::vector<json::value*> owners;  // each piece's content (or tools list)
  if (auto* tools = body.if_contains("tools"); tools && tools->is_array()) {
    std::int64_t tokens = 0;
    for (const auto& tool : tools->get_array()) tokens += prompt_cache::estimated_tokens(tool);
    if (!tools->get_array().empty()) {
      pieces.push_back({part::tools, false, tokens, tools->get_array().back().is_object()});
      owners.push_back(tools);
    }
  }
  if (auto* system = body.if_contains("system")) {
    pieces.push_back(
        {part::system, false, prompt_cache::estimated_tokens(*system), markable_content(system)});
    owners.push_back(system);
  }
  if (auto* messages = body.if_contains("messages"); messages && messages->is_array()) {
    for (auto& message : messages->get_array()) {
      auto* m = message.if_object();
      auto* content = m ? m->if_contains("content") : nullptr;
      const auto* role = m ? m->if_contains("role") : nullptr;
      pieces.push_back({part::message, role && role->is_string() && role->get_string() == "user",
                        content ? prompt_cache::estimated_tokens(*content) : 0,
                        markable_content(content)});
      owners.push_back(content);
    }
  }

  const auto chosen =
      prompt_cache::choose_breakpoints(pieces, prompt_cache::min_cacheable_tokens(model));
  for (auto i : chosen) {
    json::object& block = pieces[i].where == part::tools
                              ? owners[i]->get_array().back().get_object()
                              : last_block(*owners[i]);
    block["cache_control"] = json::object{{"type", "ephemeral"}};
  }
  return static_cast<int>(chosen.size());
}

}  // namespace keygate::anthropic
