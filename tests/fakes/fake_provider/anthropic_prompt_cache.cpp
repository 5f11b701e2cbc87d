#include "anthropic_prompt_cache.hpp"

#include <boost/json/serialize.hpp>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_set>
#include <vector>

#include "gateway/translators/openai/message_text.hpp"

namespace fake {

namespace json = boost::json;

namespace {

// Anthropic looks this many blocks back from a breakpoint for an earlier cached prefix.
constexpr std::size_t lookback_blocks = 20;

std::mutex cache_mutex;
std::unordered_set<std::size_t> written;  // hashes of cached prefixes

struct block {
  std::size_t prefix_hash = 0;  // of everything up to and including this block
  std::int64_t tokens_through = 0;
  bool breakpoint = false;
};

std::int64_t words(const json::object& b) {
  std::int64_t n = 0;
  if (const auto* text = b.if_contains("text"); text && text->is_string())
    n += keygate::openai::count_words(text->get_string());
  if (const auto* inner = b.if_contains("content")) {
    if (inner->is_string()) n += keygate::openai::count_words(inner->get_string());
    if (inner->is_array())
      for (const auto& item : inner->get_array())
        if (item.is_object()) n += words(item.get_object());
  }
  return n;
}

void add_block(std::vector<block>& out, const json::value& v) {
  // Bedrock's breakpoint is a block of its own: it marks the one before it.
  if (const auto* o = v.if_object(); o && o->contains("cachePoint")) {
    if (!out.empty()) out.back().breakpoint = true;
    return;
  }
  json::value copy = v;
  bool marked = false;
  std::int64_t n = 0;
  if (auto* o = copy.if_object()) {
    marked = o->erase("cache_control") > 0;
    n = words(*o);
  } else if (v.is_string()) {
    n = keygate::openai::count_words(v.get_string());
  }
  const std::size_t before = out.empty() ? 0 : out.back().prefix_hash;
  const std::size_t hash = std::hash<std::string>{}(std::to_string(before) + json::serialize(copy));
  out.push_back({hash, (out.empty() ? 0 : out.back().tokens_through) + n, marked});
}

void add_content(std::vector<block>& out, const json::value& content) {
  if (content.is_array()) {
    for (const auto& item : content.get_array()) add_block(out, item);
  } else {
    add_block(out, content);
  }
}

std::int64_t minimum_tokens(std::string_view name) {
  if (name.find("opus-4-5") != std::string_view::npos ||
      name.find("haiku-4-5") != std::string_view::npos)
    return 4096;
  if (name.find("haiku") != std::string_view::npos) return 2048;
  return 1024;
}

}  // namespace

prompt_cache_usage use_prompt_cache(const json::object& request, std::int64_t prompt_tokens,
                                    std::string_view model) {
  std::vector<block> blocks;
  const json::value* tools = request.if_contains("tools");  // Anthropic's, or Bedrock's:
  if (const auto* config = request.if_contains("toolConfig"); config && config->is_object())
    tools = config->get_object().if_contains("tools");
  if (tools && tools->is_array())
    for (const auto& tool : tools->get_array()) add_block(blocks, tool);
  if (const auto* system = request.if_contains("system")) add_content(blocks, *system);
  if (const auto* messages = request.if_contains("messages"); messages && messages->is_array())
    for (const auto& m : messages->get_array())
      if (const auto* content = m.is_object() ? m.get_object().if_contains("content") : nullptr)
        add_content(blocks, *content);

  std::vector<std::size_t> breakpoints;
  for (std::size_t i = 0; i < blocks.size(); ++i)
    if (blocks[i].breakpoint) breakpoints.push_back(i);
  prompt_cache_usage usage;
  if (breakpoints.empty()) return usage;
  const std::int64_t minimum = minimum_tokens(model);

  std::lock_guard lock(cache_mutex);
  std::int64_t read = 0;
  for (auto b : breakpoints)
    for (std::size_t back = 0; back < lookback_blocks && back <= b; ++back)
      if (written.contains(blocks[b - back].prefix_hash))
        read = std::max(read, blocks[b - back].tokens_through);
  std::int64_t write_through = 0;
  for (auto b : breakpoints)
    if (blocks[b].tokens_through >= minimum) {
      written.insert(blocks[b].prefix_hash);
      write_through = std::max(write_through, blocks[b].tokens_through);
    }
  usage.read = std::min(read, prompt_tokens);
  usage.write = std::max<std::int64_t>(0, std::min(write_through, prompt_tokens) - usage.read);
  return usage;
}

}  // namespace fake
