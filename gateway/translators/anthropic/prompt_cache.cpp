#include "gateway/translators/anthropic/prompt_cache.hpp"

#include <boost/json/serialize.hpp>
#include <vector>

namespace keygate::anthropic {

namespace json = boost::json;

namespace {

// keygate's usual estimate: about four bytes a token.
std::int64_t estimated_tokens(const json::value& v) {
  if (v.is_string()) return static_cast<std::int64_t>(v.get_string().size() / 4);
  return static_cast<std::int64_t>(json::serialize(v).size() / 4);
}

bool has_breakpoint(const json::value& v) {
  if (const auto* o = v.if_object()) {
    if (o->contains("cache_control")) return true;
    for (const auto& member : *o)
      if (has_breakpoint(member.value())) return true;
  } else if (const auto* a = v.if_array()) {
    for (const auto& item : *a)
      if (has_breakpoint(item)) return true;
  }
  return false;
}

// Thinking blocks cannot carry a breakpoint; nor can anything that is not a block.
bool can_mark(const json::value& block) {
  const auto* o = block.if_object();
  if (!o) return false;
  const auto* type = o->if_contains("type");
  return !(type && type->is_string() &&
           (type->get_string() == "thinking" || type->get_string() == "redacted_thinking"));
}

// The content's last block, a string first turned into one text block; null when none.
json::object* last_block(json::value& content) {
  if (content.is_string()) {
    json::array blocks;
    blocks.push_back(json::object{{"type", "text"}, {"text", content.get_string()}});
    content = std::move(blocks);
  }
  auto* blocks = content.if_array();
  if (!blocks || blocks->empty() || !can_mark(blocks->back())) return nullptr;
  return &blocks->back().get_object();
}

struct mark {
  json::value* owner = nullptr;  // the content (or tools list) whose last block takes it
  std::int64_t tokens_through = 0;
};

}  // namespace

std::int64_t min_cacheable_tokens(std::string_view model) {
  if (model.find("opus-4-5") != std::string_view::npos ||
      model.find("haiku-4-5") != std::string_view::npos)
    return 4096;
  if (model.find("haiku") != std::string_view::npos) return 2048;
  return 1024;
}

int place_cache_breakpoints(json::object& body, std::string_view model) {
  for (const char* part : {"tools", "system", "messages"})
    if (const auto* v = body.if_contains(part); v && has_breakpoint(*v)) return 0;

  // The prefix is cached in this order: tools, system, messages.
  std::int64_t tokens = 0;
  std::vector<mark> marks;
  if (auto* tools = body.if_contains("tools"); tools && tools->is_array()) {
    for (const auto& tool : tools->get_array()) tokens += estimated_tokens(tool);
    if (!tools->get_array().empty()) marks.push_back({tools, tokens});
  }
  if (auto* system = body.if_contains("system")) {
    tokens += estimated_tokens(*system);
    marks.push_back({system, tokens});
  }
  auto* messages = body.if_contains("messages");
  if (messages && messages->is_array() && !messages->get_array().empty()) {
    auto& list = messages->get_array();
    std::vector<std::int64_t> through(list.size());
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (const auto* m = list[i].if_object())
        if (const auto* content = m->if_contains("content")) tokens += estimated_tokens(*content);
      through[i] = tokens;
    }
    // The user turn before the last message: the previous request's last breakpoint.
    for (std::size_t i = list.size() - 1; i-- > 0;) {
      auto* m = list[i].if_object();
      const auto* role = m ? m->if_contains("role") : nullptr;
      if (role && role->is_string() && role->get_string() == "user") {
        if (auto* content = m->if_contains("content")) marks.push_back({content, through[i]});
        break;
      }
    }
    if (auto* last = list.back().if_object())
      if (auto* content = last->if_contains("content")) marks.push_back({content, through.back()});
  }

  const std::int64_t minimum = min_cacheable_tokens(model);
  int placed = 0;
  for (const auto& m : marks) {
    if (placed == max_cache_breakpoints || m.tokens_through < minimum) continue;
    json::object* block = nullptr;
    if (m.owner == body.if_contains("tools")) {
      block = m.owner->get_array().back().if_object();
    } else {
      block = last_block(*m.owner);
    }
    if (!block) continue;
    (*block)["cache_control"] = json::object{{"type", "ephemeral"}};
    ++placed;
  }
  return placed;
}

}  // namespace keygate::anthropic
