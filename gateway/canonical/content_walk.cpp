#include "gateway/canonical/content_walk.hpp"

namespace keygate::openai {

namespace json = boost::json;

namespace {

std::string_view string_at(const json::object& object, std::string_view key) {
  auto it = object.find(key);
  return it != object.end() && it->value().is_string() ? std::string_view(it->value().get_string())
                                                       : std::string_view();
}

// Calls on_part(part object, param, type) for each part of an array content.
template <class F>
std::optional<openai_error> each_part(const json::array& parts, const std::string& where,
                                      F&& on_part) {
  for (std::size_t j = 0; j < parts.size(); ++j) {
    const std::string param = where + ".content[" + std::to_string(j) + "]";
    if (!parts[j].is_object()) return invalid_request("A content part must be an object.", param);
    const auto& part = parts[j].get_object();
    if (auto error = on_part(part, param, string_at(part, "type"))) return error;
  }
  return std::nullopt;
}

std::optional<openai_error> not_text(const std::string& param, std::string_view type) {
  if (type == "input_audio" || type == "file")
    return unsupported(param, "Content parts of type '" + std::string(type) +
                                  "' are not supported by this provider.");
  return invalid_request("Only text content is allowed here.", param);
}

}  // namespace

openai_error unsupported(std::string param, std::string message) {
  return invalid_request(std::move(message), std::move(param),
                         std::string("unsupported_parameter"));
}

std::string_view image_url_of(const json::object& part) {
  auto image = part.find("image_url");
  if (image == part.end()) return {};
  if (image->value().is_object()) return string_at(image->value().get_object(), "url");
  if (image->value().is_string()) return image->value().get_string();
  return {};
}

std::optional<data_url> parse_data_url(std::string_view url) {
  if (!url.starts_with("data:")) return std::nullopt;
  const auto marker = url.find(";base64,");
  if (marker == std::string_view::npos) return std::nullopt;
  return data_url{url.substr(5, marker - 5), url.substr(marker + 8)};
}

parts_or_error text_content(const json::value& content, const std::string& where,
                            const make_text& text) {
  json::array out;
  if (content.is_null()) return out;
  if (content.is_string()) {
    if (!content.get_string().empty()) out.push_back(text(content.get_string()));
    return out;
  }
  if (!content.is_array())
    return invalid_request("Content must be a string or an array of parts.", where + ".content");
  auto error = each_part(content.get_array(), where,
                         [&](const json::object& part, const std::string& param,
                             std::string_view type) -> std::optional<openai_error> {
                           if (type != "text" && type != "refusal") return not_text(param, type);
                           auto piece = string_at(part, type);
                           if (!piece.empty()) out.push_back(text(piece));
                           return std::nullopt;
                         });
  if (error) return *error;
  return out;
}

parts_or_error user_content(const json::value& content, const std::string& where,
                            const make_text& text, const make_image& image) {
  if (!content.is_array()) return text_content(content, where, text);
  json::array out;
  auto error = each_part(content.get_array(), where,
                         [&](const json::object& part, const std::string& param,
                             std::string_view type) -> std::optional<openai_error> {
                           if (type == "text") {
                             auto piece = string_at(part, "text");
                             if (!piece.empty()) out.push_back(text(piece));
                             return std::nullopt;
                           }
                           if (type != "image_url") return not_text(param, type);
                           auto made = image(part, param);
                           if (auto* e = std::get_if<openai_error>(&made)) return *e;
                           out.push_back(std::move(std::get<json::object>(made)));
                           return std::nullopt;
                         });
  if (error) return *error;
  return out;
}

std::optional<openai_error> for_each_function_tool(
    const json::value& tools,
    const std::function<void(const json::object& function, const std::string& param)>& on_tool) {
  if (!tools.is_array()) return invalid_request("tools must be an array.", std::string("tools"));
  const auto& list = tools.get_array();
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string param = "tools[" + std::to_string(i) + "]";
    const json::object* function = nullptr;
    if (list[i].is_object() && string_at(list[i].get_object(), "type") == "function")
      if (auto f = list[i].get_object().find("function");
          f != list[i].get_object().end() && f->value().is_object())
        function = &f->value().get_object();
    if (!function)
      return unsupported(param + ".type", "Only function tools are supported by this provider.");
    on_tool(*function, param);
  }
  return std::nullopt;
}

}  // namespace keygate::openai
