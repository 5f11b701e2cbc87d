// What the front-door tests share: the models behind the doors, the keys, and readers for the
// Anthropic and Responses shapes, the ledger and the metrics.
#pragma once

#include <sqlite3.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "harness.hpp"

namespace keygate::testing::doors {

inline std::string entry(const std::string& name, const std::string& provider,
                         const std::string& model, const std::string& base = "FAKE",
                         const std::string& extra = "") {
  return "  - name: " + name + "\n    provider: " + provider + "\n    model: \"" + model +
         "\"\n    api_base: " + base + "\n    api_key: test-key\n" + extra;
}

// One model of each kind a door meets: an OpenAI deployment, native Anthropic, Gemini and Mistral
// (translated), strict ones (translated on each door), Azure with and without the Responses API,
// and the faults.
inline std::string door_models() {
  return entry("gpt", "openai", "fake-gpt@tokens=4") +
         entry("gpt-truncate", "openai", "fake-gpt@truncate=1,tokens=6") +
         entry("claude", "anthropic", "claude-fake@tokens=4") +
         entry("claude-529", "anthropic", "claude-fake@status=529", "FAKE",
               "    fallbacks: [gpt]\n") +
         entry("gpt-fails", "openai", "fake-gpt@status=500", "FAKE", "    fallbacks: [claude]\n") +
         entry("compatible", "openai_compatible", "fake-gpt@tokens=4") +
         entry("gemini", "gemini", "gemini-fake@tokens=4", "FAKEbeta") +
         entry("mistral", "mistral", "mistral-small@tokens=4", "FAKE_ROOT/mistral/v1") +
         entry("gpt-strict", "openai", "fake-gpt@tokens=4", "FAKE", "    strict: true\n") +
         entry("azure-responses", "azure", "fake-gpt@tokens=4", "FAKE_ROOT",
               "    responses: true\n") +
         entry("azure-dated-responses", "azure", "fake-gpt@tokens=4", "FAKE_ROOT",
               "    responses: true\n    api_version: \"2025-04-01-preview\"\n") +
         entry("azure-chat", "azure", "fake-gpt@tokens=4", "FAKE_ROOT") +
         entry("claude-strict", "anthropic", "claude-fake@tokens=4", "FAKE", "    strict: true\n");
}

inline std::string door_keys() {
  return "auth:\n  master_key: master-key-doors-0001\n  keys:\n"
         "    - {id: alice, key: sk-alice-doors-1}\n"
         "    - {id: bob, key: sk-bob-doors-1}\n"
         "    - {id: paced, key: sk-paced-doors-1, rpm: 1}\n";
}

inline std::map<std::string, std::string> anthropic_key(const std::string& secret) {
  return {{"x-api-key", secret},
          {"anthropic-version", "2023-06-01"},
          {"content-type", "application/json"}};
}

// What Claude Code sends (tests/golden/doors/claude_code_messages.json), with `model` as the model.
struct captured_request {
  std::map<std::string, std::string> headers;
  std::string body;
  std::vector<std::string> translated_drops;  // what a translated deployment names
};
inline captured_request claude_code_request(const std::string& model, const std::string& secret) {
  std::ifstream file(std::string(KEYGATE_SOURCE_DIR) +
                     "/tests/golden/doors/claude_code_messages.json");
  std::stringstream text;
  text << file.rdbuf();
  auto fixture = boost::json::parse(text.str()).as_object();
  captured_request out;
  for (const auto& [name, value] : fixture.at("headers").as_object())
    out.headers[std::string(name)] = std::string(value.as_string());
  out.headers["authorization"] = "Bearer " + secret;
  auto body = fixture.at("body").as_object();
  body["model"] = model;
  out.body = boost::json::serialize(body);
  for (const auto& name : fixture.at("translated_drops").as_array())
    out.translated_drops.emplace_back(name.as_string());
  return out;
}

// The data of each event of an SSE body, parsed, with its `event:` name.
struct sse_event {
  std::string name;
  boost::json::object data;
};
inline std::vector<sse_event> events_of(const std::string& body) {
  std::vector<sse_event> out;
  std::size_t at = 0;
  while (at < body.size()) {
    auto end = body.find("\n\n", at);
    if (end == std::string::npos) end = body.size();
    const std::string event = body.substr(at, end - at);
    at = end + 2;
    sse_event e;
    std::size_t line_start = 0;
    while (line_start < event.size()) {
      auto line_end = event.find('\n', line_start);
      if (line_end == std::string::npos) line_end = event.size();
      const std::string line = event.substr(line_start, line_end - line_start);
      if (line.starts_with("event: ")) e.name = line.substr(7);
      if (line.starts_with("data: ")) {
        auto parsed = boost::json::parse(line.substr(6));
        if (parsed.is_object()) e.data = parsed.as_object();
      }
      line_start = line_end + 1;
    }
    if (!e.name.empty() || !e.data.empty()) out.push_back(std::move(e));
  }
  return out;
}

inline std::vector<std::string> names_of(const std::vector<sse_event>& events) {
  std::vector<std::string> names;
  for (const auto& e : events) names.push_back(e.name);
  return names;
}

// The ledger's endpoint for a request id ("" when it has no row), and how many rows it has.
inline std::pair<std::string, int> ledger_row(const std::string& path,
                                              const std::string& request_id) {
  sqlite3* db = nullptr;
  std::pair<std::string, int> out{"", 0};
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    return out;
  }
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "SELECT endpoint FROM requests WHERE request_id = ?", -1, &stmt, nullptr);
  sqlite3_bind_text(stmt, 1, request_id.c_str(), -1, SQLITE_TRANSIENT);
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    out.first = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    ++out.second;
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return out;
}

}  // namespace keygate::testing::doors
