#include "azure_filters.hpp"

#include <boost/json.hpp>

namespace fake {

namespace json = boost::json;

namespace {

json::object safe_results() {
  json::object results;
  for (const char* category : {"hate", "self_harm", "sexual", "violence"})
    results[category] = json::object{{"filtered", false}, {"severity", "safe"}};
  return results;
}

json::array prompt_filter_results() {
  return json::array{json::object{{"prompt_index", 0}, {"content_filter_results", safe_results()}}};
}

}  // namespace

std::string prompt_filter_event() {
  json::object chunk{{"choices", json::array{}},
                     {"created", 0},
                     {"id", ""},
                     {"model", ""},
                     {"object", ""},
                     {"prompt_filter_results", prompt_filter_results()}};
  return "data: " + json::serialize(chunk) + "\n\n";
}

std::string with_content_filters(std::string_view completion) {
  auto body = json::parse(completion).as_object();
  body["prompt_filter_results"] = prompt_filter_results();
  for (auto& choice : body["choices"].as_array())
    choice.as_object()["content_filter_results"] = safe_results();
  return json::serialize(body);
}

}  // namespace fake
