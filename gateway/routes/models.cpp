#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <chrono>
#include <ctime>

#include "gateway/doors/anthropic/model_list.hpp"
#include "gateway/routes/routes.hpp"
#include "gateway/translators/openai/openai_wire.hpp"

namespace keygate {

namespace {

std::string rfc3339(std::int64_t unix_seconds) {
  const auto t = static_cast<std::time_t>(unix_seconds);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

}  // namespace

task<void> handle_models(exchange& ex, const worker_services& services, const caller& who) {
  // Created once per process: a model's "created" stays the same across calls.
  static const std::int64_t started = openai::unix_now();
  const auto table = services.store.current();
  std::vector<const model_group*> allowed;
  for (const auto& group : table->cfg().models)
    if (who.allows(group.name)) allowed.push_back(&group);

  const std::string_view target = ex.request().target();
  if (ex.request().find("anthropic-version") != ex.request().end()) {
    std::vector<std::string> names;
    names.reserve(allowed.size());
    for (const auto* group : allowed) names.push_back(group->name);
    const auto query = target.find('?');
    auto list = doors::anthropic::model_list(
        names, rfc3339(started),
        query == std::string_view::npos ? std::string_view() : target.substr(query + 1));
    co_return co_await ex.respond(http::status::ok, std::move(list));
  }
  boost::json::array data;
  for (const auto* group : allowed)
    data.push_back({{"id", group->name},
                    {"object", "model"},
                    {"created", started},
                    {"owned_by", group->deployments.front().provider}});
  boost::json::object list{{"object", "list"}, {"data", std::move(data)}};
  co_await ex.respond(http::status::ok, boost::json::serialize(list));
}

}  // namespace keygate
