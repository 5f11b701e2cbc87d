#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include "gateway/routes/routes.hpp"
#include "gateway/translators/openai/openai_wire.hpp"

namespace keygate {

task<void> handle_models(exchange& ex, const worker_services& services, const caller& who) {
  // Created once per process: a model's "created" stays the same across calls.
  static const std::int64_t started = openai::unix_now();
  boost::json::array data;
  const auto table = services.store.current();
  for (const auto& group : table->cfg().models) {
    if (!who.allows(group.name)) continue;
    data.push_back({{"id", group.name},
                    {"object", "model"},
                    {"created", started},
                    {"owned_by", group.deployments.front().provider}});
  }
  boost::json::object list{{"object", "list"}, {"data", std::move(data)}};
  co_await ex.respond(http::status::ok, boost::json::serialize(list));
}

}  // namespace keygate
