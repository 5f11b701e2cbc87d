#include "gateway/console/chatgpt_import.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include "gateway/console/api_error.hpp"

namespace keygate::console {

namespace {

[[noreturn]] void chatgpt_malformed(const std::string& where, std::string_view what) {
  throw api_failure(
      bad_request("Nothing imported: " + where + " " + std::string(what) + ".", "invalid_import"));
}

// ChatGPT's times are seconds since the epoch, fractional; absent or null: the fallback.
std::int64_t time_ms(const boost::json::value* value, const std::string& where,
                     std::int64_t fallback) {
  if (!value || value->is_null()) return fallback;
  if (!value->is_number()) chatgpt_malformed(where, "must be a number of seconds");
  const double seconds = value->to_number<double>();
  if (!(seconds >= 0 && seconds < 1e11)) chatgpt_malformed(where, "is not a time");
  return static_cast<std::int64_t>(seconds * 1000);
}

const boost::json::object& object_at(const boost::json::value& value, const std::string& where) {
  if (!value.is_object()) chatgpt_malformed(where, "must be an object");
  return value.as_object();
}

// "conversation 3.mapping.<id><suffix>": where in the file a node's field is.
std::string node_path(const std::string& where, std::string_view id, std::string_view suffix) {
  std::string path = where;
  path += ".mapping.";
  path += id;
  path += suffix;
  return path;
}

struct node_view {
  std::string parent;  // "" for a root
  const boost::json::object* message = nullptr;
};

// What a node adds: its role and text, or nothing (a node to splice out).
struct node_text {
  std::string role;
  std::string text;
  std::optional<std::string> model;
  std::int64_t created_ms = 0;
};

std::optional<node_text> read_message(const boost::json::object& message, const std::string& where,
                                      std::int64_t fallback_ms) {
  const auto* author = message.if_contains("author");
  if (!author) chatgpt_malformed(where + ".author", "is missing");
  const auto& author_object = object_at(*author, where + ".author");
  const auto* role = author_object.if_contains("role");
  if (!role || !role->is_string()) chatgpt_malformed(where + ".author.role", "must be a string");
  node_text out;
  out.role = std::string(role->as_string());
  out.created_ms = time_ms(message.if_contains("create_time"), where + ".create_time", fallback_ms);
  const auto* content = message.if_contains("content");
  if (!content || content->is_null()) return std::nullopt;
  const auto& content_object = object_at(*content, where + ".content");
  if (const auto* parts = content_object.if_contains("parts"); parts && !parts->is_null()) {
    if (!parts->is_array()) chatgpt_malformed(where + ".content.parts", "must be an array");
    for (const auto& part : parts->as_array()) {
      if (!part.is_string()) continue;  // an image or a file: not text
      if (!out.text.empty()) out.text += "\n";
      out.text += part.as_string();
    }
  }
  if (out.role != "user" && out.role != "assistant") return std::nullopt;  // system, tool
  if (out.text.find_first_not_of(" \t\r\n") == std::string::npos) return std::nullopt;
  if (const auto* metadata = message.if_contains("metadata"); metadata && metadata->is_object()) {
    const auto& m = metadata->as_object();
    if (const auto* hidden = m.if_contains("is_visually_hidden_from_conversation");
        hidden && hidden->is_bool() && hidden->as_bool())
      return std::nullopt;
    if (const auto* slug = m.if_contains("model_slug"); slug && slug->is_string())
      out.model = std::string(slug->as_string());
  }
  return out;
}

}  // namespace

planned_conversation plan_chatgpt_conversation(const boost::json::object& conversation,
                                               const std::string& where, std::int64_t now_ms) {
  planned_conversation plan;
  if (const auto* title = conversation.if_contains("title"); title && !title->is_null()) {
    if (!title->is_string()) chatgpt_malformed(where + ".title", "must be a string");
    if (!title->as_string().empty()) plan.title = std::string(title->as_string());
  }
  plan.created_ms =
      time_ms(conversation.if_contains("create_time"), where + ".create_time", now_ms);
  plan.updated_ms =
      time_ms(conversation.if_contains("update_time"), where + ".update_time", plan.created_ms);
  if (!plan.title) plan.title = "Imported conversation";

  const auto* mapping_value = conversation.if_contains("mapping");
  if (!mapping_value) chatgpt_malformed(where + ".mapping", "is missing");
  const auto& mapping = object_at(*mapping_value, where + ".mapping");

  std::map<std::string, node_view, std::less<>> nodes;
  for (const auto& [id, value] : mapping) {
    const std::string node_where = node_path(where, id, "");
    const auto& node = object_at(value, node_where);
    node_view view;
    if (const auto* parent = node.if_contains("parent"); parent && !parent->is_null()) {
      if (!parent->is_string())
        chatgpt_malformed(node_where + ".parent", "must be a string or null");
      view.parent = std::string(parent->as_string());
    }
    if (const auto* message = node.if_contains("message"); message && !message->is_null())
      view.message = &object_at(*message, node_where + ".message");
    nodes.emplace(std::string(id), view);
  }
  for (const auto& [id, node] : nodes)
    if (!node.parent.empty() && !nodes.contains(node.parent))
      chatgpt_malformed(node_path(where, id, ".parent"), "names no node of the mapping");

  // Each node's depth orders parents before children; a loop has no depth.
  std::map<std::string, std::size_t, std::less<>> depth;
  for (const auto& [id, node] : nodes) {
    std::vector<std::string> chain{id};
    std::set<std::string> seen{id};
    std::string at = node.parent;
    while (!at.empty() && !depth.contains(at)) {
      if (!seen.insert(at).second)
        chatgpt_malformed(where + ".mapping", "has nodes that are their own ancestors");
      chain.push_back(at);
      at = nodes.at(at).parent;
    }
    std::size_t d = at.empty() ? 0 : depth.at(at) + 1;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) depth[*it] = d++;
  }
  std::vector<std::pair<std::size_t, std::string>> order;
  order.reserve(depth.size());
  for (const auto& [id, d] : depth) order.emplace_back(d, id);
  std::sort(order.begin(), order.end());

  // Kept nodes become messages; every node maps to its nearest kept ancestor-or-self.
  std::map<std::string, int, std::less<>> kept;
  std::int64_t last_ms = plan.created_ms;
  for (const auto& [d, id] : order) {
    const auto& node = nodes.at(id);
    const int parent = node.parent.empty() ? -1 : kept.at(node.parent);
    std::optional<node_text> text;
    if (node.message)
      text = read_message(*node.message, node_path(where, id, ".message"), plan.created_ms);
    if (!text) {
      kept[id] = parent;
      continue;
    }
    planned_message m;
    m.parent = parent;
    m.role = text->role;
    m.content = std::move(text->text);
    m.model = text->model;
    m.created_ms = text->created_ms;
    last_ms = std::max(last_ms, m.created_ms);
    plan.messages.push_back(std::move(m));
    kept[id] = static_cast<int>(plan.messages.size()) - 1;
  }
  plan.updated_ms = std::max(plan.updated_ms, last_ms);

  if (const auto* current = conversation.if_contains("current_node");
      current && current->is_string()) {
    if (auto it = kept.find(std::string_view(current->as_string())); it != kept.end())
      plan.active_leaf = it->second;
  }
  if (plan.active_leaf < 0 && !plan.messages.empty())
    plan.active_leaf = static_cast<int>(plan.messages.size()) - 1;
  return plan;
}

}  // namespace keygate::console
