#include "gateway/doors/anthropic/model_list.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace keygate::doors::anthropic {

namespace json = boost::json;

namespace {

struct page_query {
  std::size_t limit = 20;
  std::string after_id;
  std::string before_id;
};

page_query read_query(std::string_view query) {
  page_query page;
  while (!query.empty()) {
    const auto end = query.find('&');
    const auto pair = query.substr(0, end);
    const auto eq = pair.find('=');
    const auto name = pair.substr(0, eq);
    const auto value = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    if (name == "after_id") page.after_id = value;
    if (name == "before_id") page.before_id = value;
    if (name == "limit") {
      std::size_t n = 0;
      for (char c : value) n = c >= '0' && c <= '9' && n <= 1000 ? n * 10 + (c - '0') : 1001;
      if (n >= 1 && n <= 1000) page.limit = n;
    }
    query = end == std::string_view::npos ? std::string_view() : query.substr(end + 1);
  }
  return page;
}

}  // namespace

std::string model_list(const std::vector<std::string>& models, std::string_view created_at,
                       std::string_view query) {
  const auto page = read_query(query);
  auto first = models.begin();
  auto last = models.end();
  if (!page.after_id.empty()) {
    auto it = std::find(models.begin(), models.end(), page.after_id);
    first = it == models.end() ? models.end() : it + 1;
  }
  if (!page.before_id.empty()) last = std::find(first, models.end(), page.before_id);
  bool more = false;
  if (static_cast<std::size_t>(last - first) > page.limit) {
    // Before an id, the page is the one right before it; else the one right after the start.
    if (!page.before_id.empty())
      first = last - static_cast<std::ptrdiff_t>(page.limit);
    else
      last = first + static_cast<std::ptrdiff_t>(page.limit);
    more = true;
  }
  json::array data;
  for (auto it = first; it != last; ++it) {
    json::object model;
    model["type"] = "model";
    model["id"] = *it;
    model["display_name"] = *it;
    model["created_at"] = created_at;
    data.push_back(std::move(model));
  }
  json::object list;
  list["data"] = std::move(data);
  list["has_more"] = more;
  list["first_id"] = first != last ? json::value(*first) : json::value(nullptr);
  list["last_id"] = first != last ? json::value(*(last - 1)) : json::value(nullptr);
  return json::serialize(list);
}

}  // namespace keygate::doors::anthropic
