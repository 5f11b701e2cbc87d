#include "gateway/pipeline/cache_key.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <vector>

#include "gateway/base/key_hash.hpp"

namespace keygate {

namespace {

namespace json = boost::json;

void write_sorted(const json::value& v, std::string& out) {
  if (v.is_object()) {
    const auto& o = v.as_object();
    std::vector<const json::key_value_pair*> members;
    members.reserve(o.size());
    for (const auto& member : o) members.push_back(&member);
    std::sort(members.begin(), members.end(),
              [](const auto* a, const auto* b) { return a->key() < b->key(); });
    out.push_back('{');
    for (std::size_t i = 0; i < members.size(); ++i) {
      if (i) out.push_back(',');
      out += json::serialize(json::string(members[i]->key()));
      out.push_back(':');
      write_sorted(members[i]->value(), out);
    }
    out.push_back('}');
  } else if (v.is_array()) {
    out.push_back('[');
    bool first = true;
    for (const auto& item : v.as_array()) {
      if (!first) out.push_back(',');
      first = false;
      write_sorted(item, out);
    }
    out.push_back(']');
  } else {
    out += json::serialize(v);
  }
}

}  // namespace

std::optional<std::string> response_cache_key(std::string_view route, std::string_view group,
                                              std::string_view client_body,
                                              std::string_view key_id) {
  json::error_code ec;
  auto body = json::parse(client_body, ec);
  if (ec || !body.is_object()) return std::nullopt;
  body.as_object().erase("user");
  std::string text;
  text.reserve(client_body.size() + group.size() + 64);
  // Lengths first: no two different triples write the same text.
  text.append(std::to_string(route.size())).append(":").append(route);
  text.append(std::to_string(group.size())).append(":").append(group);
  text.append(std::to_string(key_id.size())).append(":").append(key_id);
  write_sorted(body, text);
  return "kgc:" + sha256_hex(text);
}

}  // namespace keygate
