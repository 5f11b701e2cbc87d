// What the spend ledger stores about one finished request, and how the ledger is set up.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "gateway/base/usage.hpp"

namespace keygate {

struct ledger_record {
  std::string request_id;
  std::int64_t time_ms = 0;  // unix ms when the request arrived
  std::string key_id;        // virtual key id ("" when auth is off), never the secret
  std::string team;          // "" when none
  std::string endpoint;      // "chat.completions" | "embeddings"
  std::string model;         // what the client asked
  std::string deployment;    // deployment id that served it ("" if none)
  std::string provider;
  int status = 0;
  std::string error_code;
  token_usage usage;                       // prompt, completion, cached, cache_write, reasoning
  std::optional<std::int64_t> cost_nanos;  // nano-USD; nullopt = no price known
  double latency_ms = 0;
  std::optional<double> ttft_ms;  // a stream's time to its first bytes; nullopt otherwise
  double overhead_ms = 0;         // time spent in keygate itself, waits excluded
  int attempts = 0;               // deployments tried
  bool stream = false;
  bool client_gone = false;
  // Who below the key asked (OpenAI's `user`, a forwarded user header); "" when not said.
  std::string end_user;
  bool cache_hit = false;  // answered from keygate's response cache, at no cost
  // A cache hit's cost had it gone upstream (nano-USD); nullopt when none or unknown.
  std::optional<std::int64_t> saved_nanos;
  std::string attempt_log;  // the tries as a JSON array (docs/admin-api.md); "" when not kept
};

struct ledger_options {
  std::string path = "keygate-ledger.db";
  // How long the writer gathers plain appends before a commit; a durable append, or a queue half
  // full, commits at once.
  std::chrono::milliseconds flush_interval{5};
  // Records queued and not yet committed beyond which plain appends are dropped (durable ones
  // still queue: their callers wait).
  std::size_t max_queue = 100'000;
  // How long a write waits on a lock held by another connection before it counts as failed and is
  // retried with backoff.
  std::chrono::milliseconds busy_timeout{1000};
  // How long closing the ledger keeps retrying a database that fails before it gives the queued
  // records up (logged; their durable appends throw).
  std::chrono::milliseconds close_timeout{5000};
  // WAL length (4 KB pages) at which a background checkpoint copies it into the database file.
  int checkpoint_pages = 1000;
  // Durable appends go to a journal file and return at once; off, they wait for their commit
  // (docs/ledger.md#the-journal).
  bool journal = true;
  // Journal length at which the writer starts a new file and removes the old one once its records
  // are committed: what a restart after a crash reads back at most (twice this).
  std::uint64_t journal_turn_over_bytes = 4u << 20;
};

}  // namespace keygate
