#include "gateway/console/export.hpp"

#include <boost/json/serialize.hpp>
#include <cctype>
#include <map>

namespace keygate::console {

namespace {

std::string text_of(const boost::json::value* value) {
  return value && value->is_string() ? std::string(value->as_string()) : std::string();
}

// Pretty JSON, two spaces a level, for people who open the file.
void write_pretty(const boost::json::value& value, std::string& out, int depth) {
  const std::string indent(static_cast<std::size_t>(depth + 1) * 2, ' ');
  const std::string closing(static_cast<std::size_t>(depth) * 2, ' ');
  if (const auto* object = value.if_object(); object && !object->empty()) {
    out += "{\n";
    bool first = true;
    for (const auto& [key, item] : *object) {
      if (!first) out += ",\n";
      first = false;
      out += indent + boost::json::serialize(boost::json::value(key)) + ": ";
      write_pretty(item, out, depth + 1);
    }
    out += "\n" + closing + "}";
  } else if (const auto* array = value.if_array(); array && !array->empty()) {
    out += "[\n";
    bool first = true;
    for (const auto& item : *array) {
      if (!first) out += ",\n";
      first = false;
      out += indent;
      write_pretty(item, out, depth + 1);
    }
    out += "\n" + closing + "]";
  } else {
    out += boost::json::serialize(value);
  }
}

}  // namespace

boost::json::array active_path(const boost::json::object& conversation) {
  const auto* messages = conversation.if_contains("messages");
  if (!messages || !messages->is_array() || messages->as_array().empty()) return {};
  std::map<std::string, const boost::json::object*> by_id;
  for (const auto& m : messages->as_array())
    if (const auto* object = m.if_object()) by_id[text_of(object->if_contains("id"))] = object;
  std::string leaf = text_of(conversation.if_contains("active_leaf"));
  if (!by_id.contains(leaf))
    leaf = text_of(messages->as_array().back().as_object().if_contains("id"));
  boost::json::array path;
  for (std::size_t guard = 0; by_id.contains(leaf) && guard <= by_id.size(); ++guard) {
    const auto* m = by_id[leaf];
    path.insert(path.begin(), *m);
    leaf = text_of(m->if_contains("parent_id"));
  }
  return path;
}

std::string export_markdown(const boost::json::object& conversation) {
  std::string title = text_of(conversation.if_contains("title"));
  std::string out = "# " + (title.empty() ? std::string("Conversation") : title) + "\n\n";
  if (auto prompt = text_of(conversation.if_contains("system_prompt")); !prompt.empty())
    out += "## System\n\n" + prompt + "\n\n";
  for (const auto& item : active_path(conversation)) {
    const auto& m = item.as_object();
    const bool user = text_of(m.if_contains("role")) == "user";
    std::string model = text_of(m.if_contains("model"));
    out += "## " + (user ? std::string("You") : model.empty() ? std::string("Assistant") : model);
    out += "\n\n" + text_of(m.if_contains("content")) + "\n\n";
  }
  return out;
}

std::string export_json(const boost::json::object& conversation) {
  std::string out;
  write_pretty(conversation, out, 0);
  return out + "\n";
}

std::string export_file_name(const boost::json::object& conversation, std::string_view extension) {
  std::string name;
  bool dash = false;
  for (char c : text_of(conversation.if_contains("title"))) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      if (dash && !name.empty()) name += '-';
      name += c;
      dash = false;
    } else {
      dash = true;
    }
    if (name.size() >= 60) break;
  }
  if (name.empty()) name = "conversation";
  return name + "." + std::string(extension);
}

}  // namespace keygate::console
