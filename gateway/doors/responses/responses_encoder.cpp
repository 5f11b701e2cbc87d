#include "gateway/doors/responses/responses_encoder.hpp"

#include <algorithm>
#include <boost/json/serialize.hpp>

#include "gateway/doors/common/item_ids.hpp"

namespace keygate::doors::responses {

namespace json = boost::json;

std::variant<std::string, openai_error> responses_encoder::whole(std::string_view completion,
                                                                 const token_usage& usage) {
  auto answer = read_completion(completion);
  if (!answer)
    return openai_error{502, "The upstream's answer could not be read.", "server_error",
                        std::nullopt, std::string("upstream_invalid_response")};
  const token_usage counted = answer->usage && !usage.known ? *answer->usage : usage;
  final_ = response_json(frame_, answer->model, status_for(answer->finish_reason),
                         output_items(*answer), &counted, answer->finish_reason);
  return json::serialize(*final_);
}

void responses_encoder::stream(const outgoing_bytes& events, const token_usage& usage,
                               outgoing_bytes& out) {
  std::string encoded;
  events_.feed(events, [&](const canonical_chunk& chunk) { on_chunk(chunk, usage, encoded); });
  out.emit(std::move(encoded));
}

std::string responses_encoder::stream_error(const openai_error& error) {
  std::string out;
  if (!finished_) fail(error, out);
  return out;
}

void responses_encoder::emit(std::string& out, std::string_view type, json::object data) {
  data["type"] = type;
  data["sequence_number"] = sequence_++;
  out.append("event: ").append(type).append("\ndata: ");
  out.append(json::serialize(data));
  out.append("\n\n");
}

void responses_encoder::start(std::string& out) {
  started_ = true;
  json::object created;
  created["response"] = response_json(frame_, model_, "in_progress", json::array(), nullptr);
  emit(out, "response.created", created);
  json::object progress;
  progress["response"] = response_json(frame_, model_, "in_progress", json::array(), nullptr);
  emit(out, "response.in_progress", std::move(progress));
}

responses_encoder::open_item& responses_encoder::add_item(json::object item, std::string& out) {
  open_item opened;
  opened.output_index = next_output_++;
  opened.item = std::move(item);
  json::object data;
  data["output_index"] = opened.output_index;
  data["item"] = opened.item;
  emit(out, "response.output_item.added", std::move(data));
  text_ = std::move(opened);
  return *text_;
}

void responses_encoder::open_message(std::string& out) {
  close_text(out);
  json::object item;
  item["id"] = new_item_id("msg_");
  item["type"] = "message";
  item["status"] = "in_progress";
  item["content"] = json::array();
  item["role"] = "assistant";
  auto& opened = add_item(std::move(item), out);
  text_is_reasoning_ = false;
  json::object part;
  part["type"] = "output_text";
  part["annotations"] = json::array();
  part["logprobs"] = json::array();
  part["text"] = "";
  json::object data;
  data["item_id"] = opened.item.at("id");
  data["output_index"] = opened.output_index;
  data["content_index"] = 0;
  data["part"] = std::move(part);
  emit(out, "response.content_part.added", std::move(data));
}

void responses_encoder::open_reasoning(std::string& out) {
  close_text(out);
  json::object item;
  item["id"] = new_item_id("rs_");
  item["type"] = "reasoning";
  item["summary"] = json::array();
  auto& opened = add_item(std::move(item), out);
  text_is_reasoning_ = true;
  json::object part;
  part["type"] = "summary_text";
  part["text"] = "";
  json::object data;
  data["item_id"] = opened.item.at("id");
  data["output_index"] = opened.output_index;
  data["summary_index"] = 0;
  data["part"] = std::move(part);
  emit(out, "response.reasoning_summary_part.added", std::move(data));
}

void responses_encoder::close_text(std::string& out) {
  if (!text_) return;
  auto& open = *text_;
  const auto& id = open.item.at("id");
  json::object data;
  data["item_id"] = id;
  data["output_index"] = open.output_index;
  if (text_is_reasoning_) {
    json::object part;
    part["type"] = "summary_text";
    part["text"] = open.text;
    data["summary_index"] = 0;
    data["text"] = open.text;
    emit(out, "response.reasoning_summary_text.done", data);
    data.erase("text");
    data["part"] = part;
    emit(out, "response.reasoning_summary_part.done", std::move(data));
    open.item["summary"] = json::array{std::move(part)};
  } else {
    json::object part;
    part["type"] = "output_text";
    part["annotations"] = json::array();
    part["logprobs"] = json::array();
    part["text"] = open.text;
    data["content_index"] = 0;
    data["text"] = open.text;
    data["logprobs"] = json::array();
    emit(out, "response.output_text.done", data);
    data.erase("text");
    data.erase("logprobs");
    data["part"] = part;
    emit(out, "response.content_part.done", std::move(data));
    open.item["status"] = "completed";
    open.item["content"] = json::array{std::move(part)};
  }
  json::object done;
  done["output_index"] = open.output_index;
  done["item"] = open.item;
  emit(out, "response.output_item.done", std::move(done));
  done_items_.emplace_back(open.output_index, std::move(open.item));
  text_.reset();
}

void responses_encoder::close_call(open_item& call, std::string& out) {
  json::object data;
  data["item_id"] = call.item.at("id");
  data["output_index"] = call.output_index;
  data["arguments"] = call.text;
  emit(out, "response.function_call_arguments.done", std::move(data));
  call.item["arguments"] = call.text;
  call.item["status"] = "completed";
  json::object done;
  done["output_index"] = call.output_index;
  done["item"] = call.item;
  emit(out, "response.output_item.done", std::move(done));
}

void responses_encoder::finish(const token_usage& usage, std::string& out) {
  close_text(out);
  // Calls are done in the order they were added.
  std::vector<open_item*> calls;
  for (auto& [index, call] : calls_) calls.push_back(&call);
  std::sort(calls.begin(), calls.end(), [](const open_item* a, const open_item* b) {
    return a->output_index < b->output_index;
  });
  for (auto* call : calls) {
    close_call(*call, out);
    done_items_.emplace_back(call->output_index, call->item);
  }
  std::sort(done_items_.begin(), done_items_.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  json::array output;
  for (auto& [index, item] : done_items_) output.push_back(std::move(item));
  finished_ = true;
  const token_usage counted = usage.known || !usage_ ? usage : *usage_;
  const auto status = status_for(finish_reason_);
  final_ = response_json(frame_, model_, status, std::move(output), &counted, finish_reason_);
  json::object data;
  data["response"] = *final_;
  emit(out, status == "completed" ? "response.completed" : "response.incomplete", std::move(data));
}

void responses_encoder::fail(const openai_error& error, std::string& out) {
  if (!started_) start(out);
  finished_ = true;
  final_.reset();
  json::object data;
  data["response"] = response_json(frame_, model_, "failed", json::array(), nullptr, {}, &error);
  emit(out, "response.failed", std::move(data));
}

void responses_encoder::on_chunk(const canonical_chunk& chunk, const token_usage& usage,
                                 std::string& out) {
  if (finished_) return;
  if (chunk.error) {
    fail(*chunk.error, out);
    return;
  }
  if (model_.empty()) model_ = chunk.delta.model;
  if (!started_) start(out);
  if (chunk.done) {
    finish(usage, out);
    return;
  }
  const auto& delta = chunk.delta;
  if (!delta.reasoning.empty()) {
    if (!text_ || !text_is_reasoning_) open_reasoning(out);
    text_->text += delta.reasoning;
    json::object data;
    data["item_id"] = text_->item.at("id");
    data["output_index"] = text_->output_index;
    data["summary_index"] = 0;
    data["delta"] = delta.reasoning;
    emit(out, "response.reasoning_summary_text.delta", std::move(data));
  }
  if (!delta.content.empty()) {
    if (!text_ || text_is_reasoning_) open_message(out);
    text_->text += delta.content;
    json::object data;
    data["item_id"] = text_->item.at("id");
    data["output_index"] = text_->output_index;
    data["content_index"] = 0;
    data["delta"] = delta.content;
    data["logprobs"] = json::array();
    emit(out, "response.output_text.delta", std::move(data));
  }
  for (const auto& part : delta.tool_calls) {
    auto it = calls_.find(part.index);
    if (it == calls_.end()) {
      close_text(out);
      json::object item;
      item["id"] = new_item_id("fc_");
      item["type"] = "function_call";
      item["status"] = "in_progress";
      item["arguments"] = "";
      item["call_id"] = part.id.empty() ? new_item_id("call_") : part.id;
      item["name"] = part.name;
      open_item call;
      call.output_index = next_output_++;
      call.item = std::move(item);
      json::object data;
      data["output_index"] = call.output_index;
      data["item"] = call.item;
      emit(out, "response.output_item.added", std::move(data));
      it = calls_.emplace(part.index, std::move(call)).first;
    }
    if (part.arguments.empty()) continue;
    it->second.text += part.arguments;
    json::object data;
    data["item_id"] = it->second.item.at("id");
    data["output_index"] = it->second.output_index;
    data["delta"] = part.arguments;
    emit(out, "response.function_call_arguments.delta", std::move(data));
  }
  if (!delta.finish_reason.empty()) finish_reason_ = delta.finish_reason;
  if (delta.usage) usage_ = delta.usage;
}

}  // namespace keygate::doors::responses
