// One model request's accounting, from admission to its ledger record: it reserves the request's
// share of every limit, prices the answer, writes the record durably before the answer's last
// bytes, and settles the limits with the real usage. Everything happens once, whatever way the
// request ends.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "gateway/access/authenticate.hpp"
#include "gateway/access/key_labels.hpp"
#include "gateway/canonical/canonical_request.hpp"
#include "gateway/engine/answer_sink.hpp"
#include "gateway/engine/routing_table.hpp"
#include "gateway/limits/admission_plan.hpp"
#include "gateway/services/worker_services.hpp"

namespace keygate {

struct ledger_record;

// How a model request ended, as its accounting and its records need it.
struct request_report {
  answer_outcome outcome;
  const deployment* served_by = nullptr;  // the last deployment tried
  int attempts = 0;
  // The configuration served_by belongs to, kept as long as the report (a reload may replace it).
  std::shared_ptr<const routing_table> table;
};

struct refused_request {
  openai_error error;
  std::optional<std::chrono::milliseconds> retry_after;
};

class request_accounting {
 public:
  request_accounting(exchange& ex, worker_services& services, const caller& who,
                     std::string_view endpoint, const canonical_request& request);

  // Takes from the caller's limits. Sets the x-ratelimit-* headers either way.
  task<std::optional<refused_request>> admit(const routed_group& group);

  // The cost in USD as a JSON number ("0.000042"), or empty when no price is known.
  std::string cost_text(const deployment& target, const token_usage& usage);
  // Once, just before the last bytes of a successful answer: settles the limits with the real
  // usage and writes the ledger record durably.
  task<void> before_last_bytes(const deployment& target, const answer_outcome& outcome);
  // The same for an answer from the response cache: it costs nothing and saved `saved_nanos`
  // (what it cost when it was made).
  task<void> before_last_bytes_cached(const answer_outcome& outcome,
                                      std::optional<std::int64_t> saved_nanos);

  // Gives back what admission took and records the request (unless already recorded), however it
  // ended: refused, failed, cancelled or answered.
  task<void> finish(const request_report& report);

  // An endpoint billed per unit (docs/endpoints.md): its body is no prompt, and its worst case is
  // the units it may bill; set before admission.
  void set_billed_units(usage_unit unit, double units) {
    billed_unit_ = unit;
    billed_units_ = units;
  }

  // Who below the key asked; set before admission.
  void set_end_user(std::string end_user) { end_user_ = std::move(end_user); }
  const std::string& end_user() const { return end_user_; }

  std::optional<std::int64_t> cost_nanos() const { return cost_; }
  // What the provider's prompt cache saved: cache reads at the difference from the input price,
  // less the cache-write premiums (negative when the writes cost more); none without cache tokens
  // or a price.
  std::optional<std::int64_t> prompt_cache_saved_nanos() const { return prompt_cache_saved_; }
  const metrics::caller_labels& caller_labels() const { return labels_; }
  std::int64_t estimated_tokens() const { return estimate_.tokens; }

 private:
  void compute_cost(const deployment* target, const token_usage& usage);
  task<void> settle(const token_usage& usage);
  ledger_record make_record(const deployment* target, const answer_outcome& outcome) const;
  // Counts the record's tokens and cost in the metrics; true when the ledger takes it too.
  bool count(const ledger_record& record);

  exchange& ex_;
  worker_services& services_;
  const caller& who_;
  std::string_view endpoint_;
  const canonical_request& request_;
  std::int64_t arrived_ms_;
  request_estimate estimate_;
  admission_request admitted_;
  bool holds_admission_ = false;
  bool recorded_ = false;
  std::optional<std::int64_t> cost_;
  std::optional<std::int64_t> prompt_cache_saved_;
  std::int64_t cache_read_saving_ = 0;    // cache reads at the difference from the input price
  std::int64_t cache_write_premium_ = 0;  // cache writes above the input price
  metrics::caller_labels labels_;
  std::string end_user_;
  usage_unit billed_unit_ = usage_unit::none;
  double billed_units_ = 0;
};

}  // namespace keygate
