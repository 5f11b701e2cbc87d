#include "gateway/translators/gemini/contents_list.hpp"

#include <boost/json/parse.hpp>
#include <map>
#include <string>

#include "gateway/canonical/content_walk.hpp"
#include "gateway/translators/gemini/content_parts.hpp"
#include "gateway/translators/gemini/json_fields.hpp"

namespace keygate::gemini {

namespace json = boost::json;

namespace {

const json::value& content_of(const json::object& message) {
  static const json::value null_content;
  auto it = message.find("content");
  return it == message.end() ? null_content : it->value();
}

// A tool result travels as {"output": ...}: the JSON object the text holds, else the text itself.
json::object function_output(const std::string& text) {
  boost::system::error_code ec;
  auto parsed = json::parse(text, ec);
  if (!ec && parsed.is_object()) return {{"output", std::move(parsed)}};
  return {{"output", text}};
}

class converter {
 public:
  std::optional<openai_error> add(const json::object& message, const std::string& where) {
    if (message.contains("name")) out.dropped_names = true;
    const auto role = string_at(message, "role");
    if (role == "system" || role == "developer") return add_system(message, where);
    if (role == "user") return add_user(message, where);
    if (role == "assistant") return add_assistant(message, where);
    if (role == "tool") return add_tool_result(message, where);
    return unsupported(where + ".role", "Messages with role '" + std::string(role) +
                                            "' are not supported by this provider.");
  }

  native_contents out;

 private:
  std::optional<openai_error> add_system(const json::object& message, const std::string& where) {
    auto text = joined_text(content_of(message), where, "\n");
    if (auto* error = std::get_if<openai_error>(&text)) return *error;
    if (!std::get<std::string>(text).empty())
      out.system_parts.push_back(json::object{{"text", std::get<std::string>(text)}});
    return std::nullopt;
  }

  std::optional<openai_error> add_user(const json::object& message, const std::string& where) {
    auto converted = user_parts(content_of(message), where);
    if (auto* error = std::get_if<openai_error>(&converted)) return *error;
    auto& parts = std::get<json::array>(converted);
    if (results_turn_open_) {  // text after tool results joins their turn, after them
      auto& turn = last_turn_parts();
      for (auto& part : parts) turn.push_back(std::move(part));
      results_turn_open_ = false;
      return std::nullopt;
    }
    if (!parts.empty()) push_turn("user", std::move(parts));
    return std::nullopt;
  }

  std::optional<openai_error> add_assistant(const json::object& message, const std::string& where) {
    results_turn_open_ = false;
    auto converted = text_parts(content_of(message), where);
    if (auto* error = std::get_if<openai_error>(&converted)) return *error;
    auto& parts = std::get<json::array>(converted);
    if (const auto* calls = find(message, "tool_calls"); calls && calls->is_array()) {
      const auto& list = calls->get_array();
      for (std::size_t j = 0; j < list.size(); ++j) {
        auto part = function_call(list[j], where + ".tool_calls[" + std::to_string(j) + "]");
        if (auto* error = std::get_if<openai_error>(&part)) return *error;
        parts.push_back(std::move(std::get<json::object>(part)));
      }
    }
    if (!parts.empty()) push_turn("model", std::move(parts));
    return std::nullopt;
  }

  // One assistant tool call as a functionCall part; its arguments must hold a JSON object.
  std::variant<json::object, openai_error> function_call(const json::value& call,
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
    json::object fields;
    const std::string id(string_at(call.get_object(), "id"));
    if (!id.empty()) {
      fields["id"] = id;
      call_names_[id] = name;
    }
    fields["name"] = name;
    fields["args"] = std::move(args);
    return json::object{{"functionCall", std::move(fields)}};
  }

  std::optional<openai_error> add_tool_result(const json::object& message,
                                              const std::string& where) {
    const std::string id(string_at(message, "tool_call_id"));
    if (id.empty())
      return invalid_request("A tool message needs a tool_call_id.", where + ".tool_call_id");
    auto name = call_names_.find(id);
    if (name == call_names_.end())
      return invalid_request(
          "This provider needs the function's name for a tool result, but no "
          "earlier assistant tool call has the id '" +
              id + "'.",
          where + ".tool_call_id");
    auto text = joined_text(content_of(message), where, "");
    if (auto* error = std::get_if<openai_error>(&text)) return *error;
    json::object response{{"id", id},
                          {"name", name->second},
                          {"response", function_output(std::get<std::string>(text))}};
    if (!results_turn_open_) push_turn("user", json::array{});
    last_turn_parts().push_back(json::object{{"functionResponse", std::move(response)}});
    results_turn_open_ = true;
    return std::nullopt;
  }

  void push_turn(std::string_view role, json::array parts) {
    out.contents.push_back(json::object{{"role", role}, {"parts", std::move(parts)}});
  }

  json::array& last_turn_parts() { return out.contents.back().get_object()["parts"].get_array(); }

  std::map<std::string, std::string> call_names_;  // tool-call id → function name
  bool results_turn_open_ = false;
};

}  // namespace

std::variant<native_contents, openai_error> convert_messages(const json::value& messages) {
  converter convert;
  auto error = openai::for_each_message(messages,
                                        [&](const json::object& message, const std::string& where) {
                                          return convert.add(message, where);
                                        });
  if (error) return *error;
  return std::move(convert.out);
}

}  // namespace keygate::gemini
