#include "gateway/doors/anthropic/messages_answer.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "gateway/doors/anthropic/messages_error.hpp"
#include "gateway/doors/common/item_ids.hpp"

namespace keygate::doors::anthropic {

namespace json = boost::json;

namespace {

json::object usage_json(const token_usage& usage) {
  json::object out;
  // Anthropic counts cache reads and writes apart from input_tokens; OpenAI's prompt holds them.
  out["input_tokens"] = std::max<std::int64_t>(0, usage.prompt - usage.cached - usage.cache_write);
  out["cache_creation_input_tokens"] = usage.cache_write;
  out["cache_read_input_tokens"] = usage.cached;
  out["output_tokens"] = usage.completion;
  return out;
}

json::value tool_input(std::string_view arguments) {
  json::error_code ec;
  auto value = json::parse(arguments, ec);
  if (ec || !value.is_object()) return json::object();
  return value;
}

void append_event(std::string& out, std::string_view type, const json::object& data) {
  out.append("event: ").append(type).append("\ndata: ");
  out.append(json::serialize(data));
  out.append("\n\n");
}

}  // namespace

std::string_view stop_reason_for(std::string_view finish_reason) {
  if (finish_reason == "length") return "max_tokens";
  if (finish_reason == "tool_calls") return "tool_use";
  if (finish_reason == "content_filter") return "refusal";
  return "end_turn";
}

std::string message_json(const canonical_message& answer, const token_usage& usage) {
  json::array content;
  if (!answer.reasoning.empty()) {
    json::object thinking;
    thinking["type"] = "thinking";
    thinking["thinking"] = answer.reasoning;
    thinking["signature"] = "";
    content.push_back(std::move(thinking));
  }
  const std::string text =
      answer.content.empty() && answer.refusal ? *answer.refusal : answer.content;
  if (!text.empty() || (answer.tool_calls.empty() && content.empty())) {
    json::object block;
    block["type"] = "text";
    block["text"] = text;
    content.push_back(std::move(block));
  }
  for (const auto& call : answer.tool_calls) {
    json::object block;
    block["type"] = "tool_use";
    block["id"] = call.id;
    block["name"] = call.name;
    block["input"] = tool_input(call.arguments);
    content.push_back(std::move(block));
  }
  json::object message;
  message["id"] = new_item_id("msg_");
  message["type"] = "message";
  message["role"] = "assistant";
  message["model"] = answer.model;
  message["content"] = std::move(content);
  message["stop_reason"] = answer.tool_calls.empty() ? stop_reason_for(answer.finish_reason)
                                                     : std::string_view("tool_use");
  message["stop_sequence"] = nullptr;
  message["usage"] = usage_json(usage);
  return json::serialize(message);
}

std::variant<std::string, openai_error> messages_encoder::whole(std::string_view completion,
                                                                const token_usage& usage) {
  auto answer = read_completion(completion);
  if (!answer)
    return openai_error{502, "The upstream's answer could not be read.", "server_error",
                        std::nullopt, std::string("upstream_invalid_response")};
  return message_json(*answer, answer->usage && !usage.known ? *answer->usage : usage);
}

void messages_encoder::stream(const outgoing_bytes& events, const token_usage& usage,
                              outgoing_bytes& out) {
  std::string encoded;
  events_.feed(events, [&](const canonical_chunk& chunk) { on_chunk(chunk, usage, encoded); });
  out.emit(std::move(encoded));
}

std::string messages_encoder::stream_error(const openai_error& error) {
  finished_ = true;
  return error_event(error);
}

void messages_encoder::start(const canonical_message& first, std::string& out) {
  started_ = true;
  json::object message;
  message["id"] = new_item_id("msg_");
  message["type"] = "message";
  message["role"] = "assistant";
  message["model"] = first.model;
  message["content"] = json::array();
  message["stop_reason"] = nullptr;
  message["stop_sequence"] = nullptr;
  message["usage"] = usage_json(token_usage{});
  json::object data;
  data["type"] = "message_start";
  data["message"] = std::move(message);
  append_event(out, "message_start", data);
}

void messages_encoder::close(std::string& out) {
  if (open_ == block::none) return;
  json::object data;
  data["type"] = "content_block_stop";
  data["index"] = index_;
  append_event(out, "content_block_stop", data);
  open_ = block::none;
  tool_.reset();
}

void messages_encoder::open(block kind, const tool_call_part* call, std::string& out) {
  close(out);
  open_ = kind;
  ++index_;
  json::object content_block;
  if (kind == block::text) {
    content_block["type"] = "text";
    content_block["text"] = "";
  } else if (kind == block::thinking) {
    content_block["type"] = "thinking";
    content_block["thinking"] = "";
    content_block["signature"] = "";
  } else {
    content_block["type"] = "tool_use";
    content_block["id"] = call->id.empty() ? new_item_id("toolu_") : call->id;
    content_block["name"] = call->name;
    content_block["input"] = json::object();
    tool_ = call->index;
  }
  json::object data;
  data["type"] = "content_block_start";
  data["index"] = index_;
  data["content_block"] = std::move(content_block);
  append_event(out, "content_block_start", data);
}

void messages_encoder::finish(const token_usage& usage, std::string& out) {
  close(out);
  finished_ = true;
  json::object delta;
  delta["stop_reason"] = stop_reason_;
  delta["stop_sequence"] = nullptr;
  json::object data;
  data["type"] = "message_delta";
  data["delta"] = std::move(delta);
  data["usage"] = usage_json(usage.known || !usage_ ? usage : *usage_);
  append_event(out, "message_delta", data);
  json::object stop;
  stop["type"] = "message_stop";
  append_event(out, "message_stop", stop);
}

void messages_encoder::on_chunk(const canonical_chunk& chunk, const token_usage& usage,
                                std::string& out) {
  if (finished_) return;
  if (chunk.error) {
    out.append(stream_error(*chunk.error));
    return;
  }
  if (!started_) start(chunk.delta, out);
  if (chunk.done) {
    finish(usage, out);
    return;
  }
  const auto& delta = chunk.delta;
  auto add_delta = [&](std::string_view type, std::string_view field, std::string_view text) {
    json::object inner;
    inner["type"] = type;
    inner[field] = text;
    json::object data;
    data["type"] = "content_block_delta";
    data["index"] = index_;
    data["delta"] = std::move(inner);
    append_event(out, "content_block_delta", data);
  };
  if (!delta.reasoning.empty()) {
    if (open_ != block::thinking) open(block::thinking, nullptr, out);
    add_delta("thinking_delta", "thinking", delta.reasoning);
  }
  if (!delta.content.empty()) {
    if (open_ != block::text) open(block::text, nullptr, out);
    add_delta("text_delta", "text", delta.content);
  }
  for (const auto& call : delta.tool_calls) {
    if (open_ != block::tool || tool_ != call.index) open(block::tool, &call, out);
    if (!call.arguments.empty()) add_delta("input_json_delta", "partial_json", call.arguments);
  }
  if (!delta.finish_reason.empty())
    stop_reason_ = index_ >= 0 && delta.finish_reason == "tool_calls"
                       ? "tool_use"
                       : std::string(stop_reason_for(delta.finish_reason));
  if (delta.usage) usage_ = delta.usage;
}

}  // namespace keygate::doors::anthropic
