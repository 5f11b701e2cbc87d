#include "gateway/translators/mistral/message_list.hpp"

#include "gateway/canonical/content_walk.hpp"
#include "gateway/translators/common/json_fields.hpp"
#include "gateway/translators/mistral/tool_call_id.hpp"

namespace keygate::mistral {

namespace json = boost::json;

namespace {

using json_fields::find;
using json_fields::object_at;
using json_fields::string_at;
using openai::parts_or_error;

json::object text_chunk(std::string_view text) {
  return {{"type", "text"}, {"text", text}};
}

// Images pass as they came: a URL string or {url, detail?}, http(s) or data URL
// (docs/mapping.md#images).
std::variant<json::object, openai_error> image_chunk(const json::object& part,
                                                     const std::string& param) {
  const auto url = openai::image_url_of(part);
  if (url.empty()) return invalid_request("An image_url part needs a URL.", param + ".image_url");
  json::value image(url);
  if (const auto* given = find(part, "image_url"); given && given->is_object())
    if (auto detail = string_at(given->get_object(), "detail"); !detail.empty())
      image = json::object{{"url", url}, {"detail", detail}};
  return json::object{{"type", "image_url"}, {"image_url", std::move(image)}};
}

const json::value& content_of(const json::object& message) {
  static const json::value none;
  const auto* content = find(message, "content");
  return content ? *content : none;
}

// A string stays a string; an array becomes Mistral chunks. Empty: nothing to send.
std::variant<json::value, openai_error> content_value(const parts_or_error& parts,
                                                      const json::value& original) {
  if (const auto* error = std::get_if<openai_error>(&parts)) return *error;
  if (original.is_string()) return original;
  const auto& chunks = std::get<json::array>(parts);
  if (chunks.empty()) return json::value(nullptr);
  return json::value(chunks);
}

bool is_empty(const json::value& content) {
  return content.is_null() || (content.is_string() && content.get_string().empty());
}

class converter {
 public:
  std::optional<openai_error> add(const json::object& message, const std::string& where) {
    const auto role = string_at(message, "role");
    if (role != "tool" && find(message, "name")) out.dropped_names = true;
    if (role == "system" || role == "developer") return add_text("system", message, where);
    if (role == "user") return add_user(message, where);
    if (role == "assistant") return add_assistant(message, where);
    if (role == "tool") return add_tool(message, where);
    return openai::unsupported(where + ".role", "Messages with role '" + std::string(role) +
                                                    "' are not supported by this provider.");
  }

  native_messages out;

 private:
  std::optional<openai_error> add_text(std::string_view role, const json::object& message,
                                       const std::string& where) {
    const auto& original = content_of(message);
    auto content = content_value(openai::text_content(original, where, text_chunk), original);
    if (auto* error = std::get_if<openai_error>(&content)) return *error;
    out.messages.push_back(
        json::object{{"role", role}, {"content", std::move(std::get<json::value>(content))}});
    return std::nullopt;
  }

  std::optional<openai_error> add_user(const json::object& message, const std::string& where) {
    const auto& original = content_of(message);
    auto content =
        content_value(openai::user_content(original, where, text_chunk, image_chunk), original);
    if (auto* error = std::get_if<openai_error>(&content)) return *error;
    out.messages.push_back(
        json::object{{"role", "user"}, {"content", std::move(std::get<json::value>(content))}});
    return std::nullopt;
  }

  std::optional<openai_error> add_assistant(const json::object& message, const std::string& where) {
    const auto& original = content_of(message);
    auto content = content_value(openai::text_content(original, where, text_chunk), original);
    if (auto* error = std::get_if<openai_error>(&content)) return *error;
    json::array calls;
    if (const auto* given = find(message, "tool_calls")) {
      if (!given->is_array())
        return invalid_request("tool_calls must be an array.", where + ".tool_calls");
      for (std::size_t j = 0; j < given->get_array().size(); ++j) {
        auto call =
            tool_call(given->get_array()[j], where + ".tool_calls[" + std::to_string(j) + "]");
        if (auto* error = std::get_if<openai_error>(&call)) return *error;
        calls.push_back(std::move(std::get<json::object>(call)));
      }
    }
    auto& text = std::get<json::value>(content);
    if (is_empty(text) && calls.empty()) return std::nullopt;  // Mistral refuses empty turns
    json::object native{{"role", "assistant"}};
    if (!is_empty(text)) native["content"] = std::move(text);
    if (!calls.empty()) native["tool_calls"] = std::move(calls);
    out.messages.push_back(std::move(native));
    return std::nullopt;
  }

  static std::variant<json::object, openai_error> tool_call(const json::value& item,
                                                            const std::string& param) {
    if (!item.is_object()) return invalid_request("A tool call must be an object.", param);
    const auto& call = item.get_object();
    const auto& function = object_at(call, "function");
    const auto id = string_at(call, "id");
    if (id.empty()) return invalid_request("A tool call needs an id.", param + ".id");
    const auto* arguments = find(function, "arguments");
    if (string_at(function, "name").empty() || !arguments || !arguments->is_string())
      return invalid_request("A tool call needs a function name and string arguments.",
                             param + ".function");
    return json::object{
        {"id", mistral_call_id(id)},
        {"type", "function"},
        {"function", {{"name", string_at(function, "name")}, {"arguments", *arguments}}}};
  }

  std::optional<openai_error> add_tool(const json::object& message, const std::string& where) {
    const auto id = string_at(message, "tool_call_id");
    if (id.empty())
      return invalid_request("A tool message needs a tool_call_id.", where + ".tool_call_id");
    const auto& original = content_of(message);
    auto content = content_value(openai::text_content(original, where, text_chunk), original);
    if (auto* error = std::get_if<openai_error>(&content)) return *error;
    auto& text = std::get<json::value>(content);
    json::object native{{"role", "tool"},
                        {"tool_call_id", mistral_call_id(id)},
                        {"content", text.is_null() ? json::value("") : std::move(text)}};
    if (auto name = string_at(message, "name"); !name.empty()) native["name"] = name;
    out.messages.push_back(std::move(native));
    return std::nullopt;
  }
};

}  // namespace

std::variant<native_messages, openai_error> convert_messages(const json::value& messages) {
  converter c;
  auto error = openai::for_each_message(
      messages, [&](const json::object& m, const std::string& where) { return c.add(m, where); });
  if (error) return *error;
  return std::move(c.out);
}

}  // namespace keygate::mistral
