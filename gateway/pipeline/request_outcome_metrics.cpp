#include "gateway/pipeline/request_outcome_metrics.hpp"

namespace keygate {

metrics::request_times times_of(const exchange& ex, bool stream, const request_report& report) {
  metrics::request_times t;
  t.total = std::chrono::steady_clock::now() - ex.started_at();
  t.overhead = t.total - ex.waited();
  const auto answered = ex.answer_started_at();
  if (stream && answered && report.outcome.status == 200)
    t.first_token = *answered - ex.started_at();
  return t;
}

void count_model_request(const worker_services& services, std::string_view route,
                         std::string_view model, const request_report& report,
                         const request_accounting& accounting,
                         const metrics::request_times& times) {
  const auto& who = accounting.caller_labels();
  metrics::request_labels labels{
      .route = route, .key = who.key, .key_alias = who.key_alias, .team = who.team};
  // Only a configured name: what a client typed for an unknown model stays out of the labels.
  const bool known = report.table ? report.table->find(model) != nullptr
                                  : services.store.current()->find(model) != nullptr;
  if (known) labels.model = model;
  if (report.served_by) {
    labels.provider = report.served_by->provider;
    labels.deployment = report.served_by->id;
  }
  metrics::count_request(labels, report.outcome.status, times);
}

void count_unauthenticated(std::string_view route, int status, const exchange& ex) {
  metrics::request_times times;
  times.total = std::chrono::steady_clock::now() - ex.started_at();
  times.overhead = times.total - ex.waited();
  metrics::count_request({.route = route}, status, times);
}

}  // namespace keygate
