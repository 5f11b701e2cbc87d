#include "gateway/services/exposition.hpp"

#include <prometheus/text_serializer.h>

#include "gateway/metrics/metric_families.hpp"
#include "gateway/services/state_metrics.hpp"

namespace keygate::metrics {

std::string exposition_text(const routing_store& store, const shared_services& shared) {
  auto collected = families().registry.Collect();
  collected.push_back(families().cost.collect());
  collected.push_back(families().cache_saved.collect());
  collected.push_back(families().prompt_cache_saved.collect());
  collected.push_back(families().prompt_cache_write_premium.collect());
  auto state = state_families(store, shared);
  collected.insert(collected.end(), std::make_move_iterator(state.begin()),
                   std::make_move_iterator(state.end()));
  return prometheus::TextSerializer().Serialize(collected);
}

}  // namespace keygate::metrics
