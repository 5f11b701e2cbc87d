#include "gateway/doors/responses/response_object.hpp"

#include "gateway/doors/common/item_ids.hpp"

namespace keygate::doors::responses {

namespace json = boost::json;

json::object usage_json(const token_usage& usage) {
  json::object input_details;
  input_details["cached_tokens"] = usage.cached;
  json::object output_details;
  output_details["reasoning_tokens"] = usage.reasoning;
  json::object out;
  out["input_tokens"] = usage.prompt;
  out["input_tokens_details"] = std::move(input_details);
  out["output_tokens"] = usage.completion;
  out["output_tokens_details"] = std::move(output_details);
  out["total_tokens"] = usage.total();
  return out;
}

std::string_view status_for(std::string_view finish_reason) {
  return finish_reason == "length" || finish_reason == "content_filter" ? "incomplete"
                                                                        : "completed";
}

json::object response_json(const response_frame& frame, std::string_view model,
                           std::string_view status, json::array output, const token_usage* usage,
                           std::string_view finish_reason, const openai_error* error) {
  json::object r;
  r["id"] = frame.id;
  r["object"] = "response";
  r["created_at"] = frame.created_at;
  r["status"] = status;
  r["background"] = false;
  if (error) {
    json::object e;
    e["code"] = error->code.value_or(error->type);
    e["message"] = error->message;
    r["error"] = std::move(e);
  } else {
    r["error"] = nullptr;
  }
  if (status == "incomplete") {
    json::object details;
    details["reason"] = finish_reason == "content_filter" ? "content_filter" : "max_output_tokens";
    r["incomplete_details"] = std::move(details);
  } else {
    r["incomplete_details"] = nullptr;
  }
  r["model"] = model;
  r["output"] = std::move(output);
  for (const auto& field : frame.echo) r[field.key()] = field.value();
  r["service_tier"] = "default";
  if (usage)
    r["usage"] = usage_json(*usage);
  else
    r["usage"] = nullptr;
  return r;
}

json::array output_items(const canonical_message& answer) {
  json::array output;
  if (!answer.reasoning.empty()) {
    json::object summary;
    summary["type"] = "summary_text";
    summary["text"] = answer.reasoning;
    json::object item;
    item["id"] = new_item_id("rs_");
    item["type"] = "reasoning";
    item["summary"] = json::array{std::move(summary)};
    output.push_back(std::move(item));
  }
  const std::string text =
      answer.content.empty() && answer.refusal ? *answer.refusal : answer.content;
  if (!text.empty() || answer.tool_calls.empty()) {
    json::object part;
    part["type"] = "output_text";
    part["annotations"] = json::array();
    part["logprobs"] = json::array();
    part["text"] = text;
    json::object item;
    item["id"] = new_item_id("msg_");
    item["type"] = "message";
    item["status"] = "completed";
    item["role"] = "assistant";
    item["content"] = json::array{std::move(part)};
    output.push_back(std::move(item));
  }
  for (const auto& call : answer.tool_calls) {
    json::object item;
    item["id"] = new_item_id("fc_");
    item["type"] = "function_call";
    item["status"] = "completed";
    item["arguments"] = call.arguments;
    item["call_id"] = call.id;
    item["name"] = call.name;
    output.push_back(std::move(item));
  }
  return output;
}

}  // namespace keygate::doors::responses
