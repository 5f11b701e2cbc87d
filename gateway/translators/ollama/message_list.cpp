#include "gateway/translators/ollama/message_list.hpp"

#include <array>
#include <boost/json/parse.hpp>
#include <map>
#include <string>

#include "gateway/canonical/image_urls.hpp"
#include "gateway/translators/ollama/json_fields.hpp"

namespace keygate::ollama {

namespace json = boost::json;

namespace {

const json::value& content_of(const json::object& message) {
  static const json::value null_content;
  auto it = message.find("content");
  return it == message.end() ? null_content : it->value();
}

json::object text_part(std::string_view text) {
  return {{"text", text}};
}

bool is_image_type(std::string_view media_type) {
  constexpr std::array<std::string_view, 4> allowed{"image/jpeg", "image/png", "image/gif",
                                                    "image/webp"};
  for (auto type : allowed)
    if (media_type == type) return true;
  return false;
}

// A data URL's base64 payload, which is what Ollama takes. The gateway downloads http(s) URLs into
// data URLs before build(), so one that gets here was not.
std::variant<json::object, openai_error> image_part(const json::object& part,
                                                    const std::string& param) {
  const std::string_view url = openai::image_url_of(part);
  if (openai::is_http_url(url))
    return unsupported(param,
                       "This provider takes images only inline: the image URL was not downloaded. "
                       "Send the image as a base64 data URL.");
  if (!url.starts_with("data:"))
    return invalid_request("An image_url must be an http(s) URL or a data URL.", param);
  const auto inline_image = openai::parse_data_url(url);
  if (!inline_image || inline_image->data.empty() || !is_image_type(inline_image->media_type))
    return invalid_request("Images must be base64 data URLs of type jpeg, png, gif or webp.",
                           param);
  return json::object{{"image", inline_image->data}};
}

// Joins the text parts a content walker made; images are collected apart.
std::string joined(const json::array& parts, std::string_view separator, json::array* images) {
  std::string text;
  bool first = true;
  for (const auto& item : parts) {
    const auto& part = item.get_object();
    if (auto image = part.find("image"); image != part.end()) {
      if (images) images->push_back(image->value());
      continue;
    }
    if (!first) text += separator;
    first = false;
    text += part.at("text").get_string();
  }
  return text;
}

class converter {
 public:
  std::optional<openai_error> add(const json::object& message, const std::string& where) {
    if (message.contains("name")) out.dropped_names = true;
    const auto role = string_at(message, "role");
    if (role == "system" || role == "developer") return add_text("system", message, where, "\n");
    if (role == "user") return add_user(message, where);
    if (role == "assistant") return add_assistant(message, where);
    if (role == "tool") return add_tool_result(message, where);
    return unsupported(where + ".role", "Messages with role '" + std::string(role) +
                                            "' are not supported by this provider.");
  }

  native_messages out;

 private:
  std::optional<openai_error> add_text(std::string_view role, const json::object& message,
                                       const std::string& where, std::string_view separator) {
    auto parts = openai::text_content(content_of(message), where, text_part);
    if (auto* error = std::get_if<openai_error>(&parts)) return *error;
    push(json::object{{"role", role},
                      {"content", joined(std::get<json::array>(parts), separator, nullptr)}});
    return std::nullopt;
  }

  std::optional<openai_error> add_user(const json::object& message, const std::string& where) {
    auto parts = openai::user_content(content_of(message), where, text_part, image_part);
    if (auto* error = std::get_if<openai_error>(&parts)) return *error;
    json::array images;
    json::object native{{"role", "user"},
                        {"content", joined(std::get<json::array>(parts), "\n", &images)}};
    if (!images.empty()) native["images"] = std::move(images);
    push(std::move(native));
    return std::nullopt;
  }

  std::optional<openai_error> add_assistant(const json::object& message, const std::string& where) {
    auto parts = openai::text_content(content_of(message), where, text_part);
    if (auto* error = std::get_if<openai_error>(&parts)) return *error;
    json::object native{{"role", "assistant"},
                        {"content", joined(std::get<json::array>(parts), "\n", nullptr)}};
    if (const auto* calls = find(message, "tool_calls"); calls && calls->is_array()) {
      json::array native_calls;
      const auto& list = calls->get_array();
      for (std::size_t j = 0; j < list.size(); ++j) {
        auto call = tool_call(list[j], where + ".tool_calls[" + std::to_string(j) + "]");
        if (auto* error = std::get_if<openai_error>(&call)) return *error;
        native_calls.push_back(std::move(std::get<json::object>(call)));
      }
      if (!native_calls.empty()) native["tool_calls"] = std::move(native_calls);
    }
    push(std::move(native));
    return std::nullopt;
  }

  // One assistant tool call; Ollama wants its arguments as a JSON object.
  std::variant<json::object, openai_error> tool_call(const json::value& call,
                                                     const std::string& param) {
    const json::object* function = nullptr;
    if (call.is_object())
      if (const auto* f = find(call.get_object(), "function"); f && f->is_object())
        function = &f->get_object();
    if (!function) return invalid_request("A tool call needs a function.", param);
    const std::string name(string_at(*function, "name"));
    if (name.empty()) return invalid_request("A tool call needs a name.", param + ".function.name");
    std::string_view arguments = string_at(*function, "arguments");
    json::value args = json::object{};
    if (arguments.find_first_not_of(" \t\r\n") != std::string_view::npos) {
      boost::system::error_code ec;
      args = json::parse(arguments, ec);
      if (ec || !args.is_object())
        return invalid_request("The tool call's arguments are not a JSON object.",
                               param + ".function.arguments");
    }
    json::object native;
    const std::string id(string_at(call.get_object(), "id"));
    if (!id.empty()) {
      native["id"] = id;
      call_names_[id] = name;
    }
    native["function"] = json::object{{"name", name}, {"arguments", std::move(args)}};
    return native;
  }

  // The result goes as a tool message naming the function (looked up by the call's id) and the
  // id; an id that matches no earlier call is sent without a name, which Ollama accepts.
  std::optional<openai_error> add_tool_result(const json::object& message,
                                              const std::string& where) {
    const std::string id(string_at(message, "tool_call_id"));
    if (id.empty())
      return invalid_request("A tool message needs a tool_call_id.", where + ".tool_call_id");
    auto parts = openai::text_content(content_of(message), where, text_part);
    if (auto* error = std::get_if<openai_error>(&parts)) return *error;
    json::object native{{"role", "tool"},
                        {"content", joined(std::get<json::array>(parts), "", nullptr)}};
    if (auto name = call_names_.find(id); name != call_names_.end())
      native["tool_name"] = name->second;
    native["tool_call_id"] = id;
    push(std::move(native));
    return std::nullopt;
  }

  void push(json::object message) { out.messages.push_back(std::move(message)); }

  std::map<std::string, std::string> call_names_;  // tool-call id → function name
};

}  // namespace

std::variant<native_messages, openai_error> convert_messages(const json::value& messages) {
  converter convert;
  auto error = openai::for_each_message(messages,
                                        [&](const json::object& message, const std::string& where) {
                                          return convert.add(message, where);
                                        });
  if (error) return *error;
  return std::move(convert.out);
}

}  // namespace keygate::ollama
