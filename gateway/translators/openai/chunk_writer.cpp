#include "gateway/translators/openai/chunk_writer.hpp"

#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

namespace keygate::openai {

namespace json = boost::json;

namespace {

std::string event(const response_meta& meta, json::object delta, const json::value& finish,
                  bool usage_null) {
  json::object chunk{{"id", meta.id},
                     {"object", "chat.completion.chunk"},
                     {"created", meta.created},
                     {"model", meta.model}};
  chunk["choices"] = json::array{json::object{
      {"index", 0}, {"delta", std::move(delta)}, {"logprobs", nullptr}, {"finish_reason", finish}}};
  if (usage_null) chunk["usage"] = nullptr;
  return "data: " + json::serialize(chunk) + "\n\n";
}

}  // namespace

chunk_writer::chunk_writer(response_meta meta, bool include_usage)
    : meta_(std::move(meta)), include_usage_(include_usage) {}

void chunk_writer::ensure_role(outgoing_bytes& out) {
  if (role_sent_) return;
  role_sent_ = true;
  out.emit(role_chunk_event(meta_, include_usage_));
}

void chunk_writer::text(std::string_view delta, outgoing_bytes& out) {
  ensure_role(out);
  if (delta.empty()) return;
  out.emit(event(meta_, {{"content", delta}}, nullptr, include_usage_));
}

void chunk_writer::reasoning(std::string_view delta, outgoing_bytes& out) {
  ensure_role(out);
  if (delta.empty()) return;
  out.emit(event(meta_, {{"reasoning_content", delta}}, nullptr, include_usage_));
}

int chunk_writer::start_tool_call(std::string_view id, std::string_view name, outgoing_bytes& out) {
  ensure_role(out);
  const int index = tool_calls_++;
  json::object call{{"index", index},
                    {"id", id},
                    {"type", "function"},
                    {"function", {{"name", name}, {"arguments", ""}}}};
  out.emit(event(meta_, {{"tool_calls", json::array{std::move(call)}}}, nullptr, include_usage_));
  return index;
}

void chunk_writer::tool_arguments(int index, std::string_view fragment, outgoing_bytes& out) {
  if (fragment.empty()) return;
  json::object call{{"index", index}, {"function", {{"arguments", fragment}}}};
  out.emit(event(meta_, {{"tool_calls", json::array{std::move(call)}}}, nullptr, include_usage_));
}

void chunk_writer::finish(std::string_view reason, outgoing_bytes& out) {
  if (finished_) return;
  ensure_role(out);
  finished_ = true;
  const std::string_view final_reason = tool_calls_ > 0 ? std::string_view("tool_calls") : reason;
  out.emit(event(meta_, json::object{}, json::value(final_reason), include_usage_));
}

void chunk_writer::end(const token_usage& usage, outgoing_bytes& out) {
  if (ended_) return;
  ended_ = true;
  if (include_usage_) out.emit(usage_chunk_event(meta_, usage));
  out.emit(std::string(done_event));
}

void chunk_writer::fail(const openai_error& error, outgoing_bytes& out) {
  if (ended_) return;
  ended_ = true;
  out.emit(error.to_sse_event());
}

}  // namespace keygate::openai
