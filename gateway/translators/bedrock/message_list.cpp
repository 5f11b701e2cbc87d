#include "gateway/translators/bedrock/message_list.hpp"

#include <boost/json/parse.hpp>

#include "gateway/canonical/content_walk.hpp"
#include "gateway/translators/bedrock/content_blocks.hpp"
#include "gateway/translators/common/json_fields.hpp"

namespace keygate::bedrock {

namespace json = boost::json;

namespace {

using json_fields::string_at;

const json::value& content_of(const json::object& message) {
  static const json::value null_content;
  auto it = message.find("content");
  return it == message.end() ? null_content : it->value();
}

// One assistant tool call as a toolUse block; its arguments string must hold a JSON object.
std::variant<json::object, openai_error> tool_use_block(const json::value& call,
                                                        const std::string& param) {
  const json::object* function = nullptr;
  if (call.is_object())
    if (auto it = call.get_object().find("function");
        it != call.get_object().end() && it->value().is_object())
      function = &it->value().get_object();
  if (!function) return invalid_request("A tool call needs a function.", param);
  std::string_view arguments = string_at(*function, "arguments");
  json::value input = json::object{};
  if (arguments.find_first_not_of(" \t\r\n") != std::string_view::npos) {
    boost::system::error_code ec;
    input = json::parse(arguments, ec);
    if (ec || !input.is_object())
      return invalid_request("The tool call's arguments are not a JSON object.",
                             param + ".function.arguments");
  }
  return json::object{{"toolUse",
                       {{"toolUseId", sanitize_tool_id(string_at(call.get_object(), "id"))},
                        {"name", string_at(*function, "name")},
                        {"input", std::move(input)}}}};
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
    return openai::unsupported(where + ".role", "Messages with role '" + std::string(role) +
                                                    "' are not supported by this provider.");
  }

  native_messages out;

 private:
  std::optional<openai_error> add_system(const json::object& message, const std::string& where) {
    auto blocks = text_blocks(content_of(message), where);
    if (auto* error = std::get_if<openai_error>(&blocks)) return *error;
    auto text = joined_text(std::get<json::array>(blocks));
    if (!text.empty()) out.system.push_back(json::object{{"text", std::move(text)}});
    return std::nullopt;
  }

  std::optional<openai_error> add_user(const json::object& message, const std::string& where) {
    auto blocks = user_blocks(content_of(message), where);
    if (auto* error = std::get_if<openai_error>(&blocks)) return *error;
    push_turn("user", std::move(std::get<json::array>(blocks)));
    return std::nullopt;
  }

  std::optional<openai_error> add_assistant(const json::object& message, const std::string& where) {
    auto blocks = text_blocks(content_of(message), where);
    if (auto* error = std::get_if<openai_error>(&blocks)) return *error;
    auto& parts = std::get<json::array>(blocks);
    if (auto calls = message.find("tool_calls");
        calls != message.end() && calls->value().is_array()) {
      const auto& list = calls->value().get_array();
      for (std::size_t j = 0; j < list.size(); ++j) {
        auto block = tool_use_block(list[j], where + ".tool_calls[" + std::to_string(j) + "]");
        if (auto* error = std::get_if<openai_error>(&block)) return *error;
        auto& use = std::get<json::object>(block);
        out.history_tools.insert(std::string(use.at("toolUse").at("name").get_string()));
        out.has_tool_blocks = true;
        parts.push_back(std::move(use));
      }
    }
    push_turn("assistant", std::move(parts));
    return std::nullopt;
  }

  std::optional<openai_error> add_tool_result(const json::object& message,
                                              const std::string& where) {
    auto id = message.find("tool_call_id");
    if (id == message.end() || !id->value().is_string())
      return invalid_request("A tool message needs a tool_call_id.", where + ".tool_call_id");
    auto blocks = text_blocks(content_of(message), where);
    if (auto* error = std::get_if<openai_error>(&blocks)) return *error;
    json::array result_content;
    result_content.push_back(json::object{{"text", joined_text(std::get<json::array>(blocks))}});
    json::object result{{"toolResult",
                         {{"toolUseId", sanitize_tool_id(id->value().get_string())},
                          {"content", std::move(result_content)},
                          {"status", "success"}}}};
    out.has_tool_blocks = true;
    push_turn("user", json::array{std::move(result)});
    return std::nullopt;
  }

  // Bedrock wants roles to alternate: a turn of the same role as the last one joins it. Tool
  // results come first in their turn, so user text after them lands after them.
  void push_turn(std::string_view role, json::array content) {
    if (content.empty()) return;
    if (!out.messages.empty()) {
      auto& last = out.messages.back().get_object();
      if (last.at("role").get_string() == role) {
        auto& turn = last["content"].get_array();
        for (auto& block : content) turn.push_back(std::move(block));
        return;
      }
    }
    out.messages.push_back(json::object{{"role", role}, {"content", std::move(content)}});
  }
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

}  // namespace keygate::bedrock
