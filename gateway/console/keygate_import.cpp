#include "gateway/console/keygate_import.hpp"

#include <map>

#include "gateway/console/api_error.hpp"
#include "gateway/console/conversations.hpp"
#include "gateway/console/json_fields.hpp"
#include "gateway/console/messages.hpp"

namespace keygate::console {

namespace {

[[noreturn]] void export_malformed(const std::string& where, std::string_view what) {
  throw api_failure(
      bad_request("Nothing imported: " + where + " " + std::string(what) + ".", "invalid_import"));
}

std::optional<std::string> text_field(const boost::json::object& o, const char* name,
                                      const std::string& where) {
  const auto* value = o.if_contains(name);
  if (!value || value->is_null()) return std::nullopt;
  if (!value->is_string()) export_malformed(where + "." + name, "must be a string or null");
  return std::string(value->as_string());
}

std::int64_t time_field(const boost::json::object& o, const char* name, std::int64_t fallback) {
  const auto* value = o.if_contains(name);
  return value && value->is_number() && to_int64(*value) > 0 ? to_int64(*value) : fallback;
}

}  // namespace

planned_conversation plan_keygate_conversation(const boost::json::object& conversation,
                                               const std::string& where, std::int64_t now_ms) {
  planned_conversation plan;
  plan.title = text_field(conversation, "title", where);
  plan.model = text_field(conversation, "model", where);
  plan.system_prompt = text_field(conversation, "system_prompt", where);
  if (const auto* settings = conversation.if_contains("settings")) {
    try {
      plan.settings = read_settings(*settings);
    } catch (const api_failure& failure) {
      export_malformed(where + ".settings", failure.error().message);
    }
  }
  plan.created_ms = time_field(conversation, "created_at", now_ms);
  plan.updated_ms = time_field(conversation, "updated_at", plan.created_ms);

  const auto& messages = conversation.at("messages");
  if (!messages.is_array()) export_malformed(where + ".messages", "must be an array");
  // Parents first: an export lists messages oldest first, so a parent comes before its children;
  // a file that does not is refused rather than guessed at.
  std::map<std::string, int, std::less<>> index_of;
  int i = 0;
  for (const auto& item : messages.as_array()) {
    const std::string at = where + ".messages[" + std::to_string(i++) + "]";
    if (!item.is_object()) export_malformed(at, "must be an object");
    const auto& m = item.as_object();
    boost::json::object as_new = m;
    as_new.erase("id");
    as_new.erase("parent_id");
    planned_message planned;
    try {
      const auto input = read_new_message(as_new);
      planned.role = input.role;
      planned.content = input.content;
      planned.reasoning = input.reasoning;
      planned.attachments = input.attachments;
      planned.model = input.model;
      planned.status = input.status == "streaming" ? "incomplete" : input.status;
    } catch (const api_failure& failure) {
      export_malformed(at, failure.error().message);
    }
    if (auto parent = text_field(m, "parent_id", at)) {
      auto it = index_of.find(*parent);
      if (it == index_of.end()) export_malformed(at + ".parent_id", "names no earlier message");
      planned.parent = it->second;
    }
    planned.created_ms = time_field(m, "created_at", plan.created_ms);
    plan.messages.push_back(std::move(planned));
    if (auto id = text_field(m, "id", at))
      index_of[*id] = static_cast<int>(plan.messages.size()) - 1;
  }
  if (auto leaf = text_field(conversation, "active_leaf", where)) {
    if (auto it = index_of.find(*leaf); it != index_of.end()) plan.active_leaf = it->second;
  }
  return plan;
}

}  // namespace keygate::console
