// /v1/responses: new responses through the Responses door, and the stored ones read, listed and
// deleted, each only with the key that made it (another key's id is not found).
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "gateway/doors/responses/responses_door.hpp"
#include "gateway/http/error_response.hpp"
#include "gateway/logging/logging.hpp"
#include "gateway/pipeline/model_request.hpp"
#include "gateway/routes/routes.hpp"

namespace keygate {

namespace json = boost::json;

namespace {

openai_error response_not_found(std::string_view id) {
  return {404, "No response with id '" + std::string(id) + "' was found.", "invalid_request_error",
          std::nullopt, std::string("not_found")};
}

task<void> refuse(exchange& ex, const openai_error& error) {
  co_await respond_error(ex, error);
}

// input_items' paging: `order` (desc by default), `limit` (1-100, 20 by default), `after` an id.
json::object item_page(const json::array& items, std::string_view query) {
  std::string order = "desc", after;
  std::size_t limit = 20;
  while (!query.empty()) {
    const auto end = query.find('&');
    const auto pair = query.substr(0, end);
    const auto eq = pair.find('=');
    const auto name = pair.substr(0, eq);
    const auto value = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    if (name == "order" && (value == "asc" || value == "desc")) order = value;
    if (name == "after") after = value;
    if (name == "limit") {
      std::size_t n = 0;
      for (char c : value)
        n = c >= '0' && c <= '9' ? n * 10 + static_cast<std::size_t>(c - '0') : 0;
      if (n >= 1 && n <= 100) limit = n;
    }
    query = end == std::string_view::npos ? std::string_view() : query.substr(end + 1);
  }
  std::vector<const json::value*> ordered;
  for (const auto& item : items) ordered.push_back(&item);
  if (order == "desc") std::reverse(ordered.begin(), ordered.end());
  json::array data;
  bool skipping = !after.empty();
  bool more = false;
  for (const auto* item : ordered) {
    const auto* object = item->if_object();
    const auto* id = object ? object->if_contains("id") : nullptr;
    if (skipping) {
      if (id && id->is_string() && id->get_string() == after) skipping = false;
      continue;
    }
    if (data.size() == limit) {
      more = true;
      break;
    }
    data.push_back(*item);
  }
  json::object page;
  page["object"] = "list";
  page["first_id"] = data.empty() ? json::value(nullptr) : data.front().as_object().at("id");
  page["last_id"] = data.empty() ? json::value(nullptr) : data.back().as_object().at("id");
  page["has_more"] = more;
  page["data"] = std::move(data);
  return page;
}

task<void> stored_route(exchange& ex, worker_services& services, const caller& who,
                        std::string_view rest) {
  std::string_view id = rest.substr(1);
  bool items = false;
  if (auto slash = id.find('/'); slash != std::string_view::npos) {
    if (id.substr(slash) != "/input_items") co_return co_await refuse(ex, response_not_found(id));
    items = true;
    id = id.substr(0, slash);
  }
  const auto method = ex.request().method();
  if (method != http::verb::get && (items || method != http::verb::delete_)) {
    ex.extra_headers().set(http::field::allow, items ? "GET" : "GET, DELETE");
    const openai_error error{405, "Use GET or DELETE on a stored response.",
                             "invalid_request_error", std::nullopt,
                             std::string("method_not_allowed")};
    co_return co_await refuse(ex, error);
  }
  auto* store = services.shared.responses.get();
  if (!store) co_return co_await refuse(ex, response_not_found(id));
  const std::string key(who.key_id());
  std::optional<stored_response> found;
  bool removed = false;
  bool failed = false;
  try {
    if (method == http::verb::delete_)
      removed = store->remove(id, key);
    else
      found = store->find(id, key);
  } catch (const std::exception& e) {
    log_error("response store failed", {{"reason", e.what()}});
    failed = true;
  }
  if (failed) {
    const openai_error error{503, "Stored responses cannot be read right now.", "server_error",
                             std::nullopt, std::string("response_store_unavailable")};
    co_return co_await refuse(ex, error);
  }
  if (method == http::verb::delete_) {
    if (!removed) co_return co_await refuse(ex, response_not_found(id));
    json::object deleted;
    deleted["id"] = id;
    deleted["object"] = "response.deleted";
    deleted["deleted"] = true;
    co_return co_await ex.respond(http::status::ok, json::serialize(deleted));
  }
  if (!found) co_return co_await refuse(ex, response_not_found(id));
  if (!items) co_return co_await ex.respond(http::status::ok, std::move(found->response));
  json::error_code ec;
  auto list = json::parse(found->input_items, ec);
  const std::string_view target = ex.request().target();
  const auto query_at = target.find('?');
  const std::string_view query =
      query_at == std::string_view::npos ? std::string_view() : target.substr(query_at + 1);
  const auto page = item_page(list.is_array() ? list.as_array() : json::array(), query);
  co_await ex.respond(http::status::ok, json::serialize(page));
}

}  // namespace

task<void> handle_responses(exchange& ex, worker_services& services, const caller& who,
                            std::string_view rest) {
  if (!rest.empty()) co_return co_await stored_route(ex, services, who, rest);
  if (ex.request().method() != http::verb::post) {
    ex.extra_headers().set(http::field::allow, "POST");
    const openai_error error{405, "Use POST to make a response.", "invalid_request_error",
                             std::nullopt, std::string("method_not_allowed")};
    co_return co_await refuse(ex, error);
  }
  doors::responses::responses_door door(services.shared.responses.get(), std::string(who.key_id()));
  co_await serve_model_request(ex, services, who, door);
}

}  // namespace keygate
