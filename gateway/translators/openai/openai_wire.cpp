#include "gateway/translators/openai/openai_wire.hpp"

#include <charconv>
#include <chrono>

#include "gateway/base/json_line.hpp"
#include "gateway/base/request_id.hpp"

namespace keygate::openai {

namespace {

// OpenAI's answers and chunks, written straight into one string in the order OpenAI sends their
// keys (the bytes boost::json::serialize gave for the same objects): every translated answer and
// chunk goes through here, and a JSON DOM per answer cost more than the translation around it.
class writer {
 public:
  explicit writer(std::size_t reserve) { out_.reserve(reserve); }

  writer& raw(std::string_view text) {
    out_ += text;
    return *this;
  }
  writer& text(std::string_view value) {
    out_ += '"';
    append_json_escaped(out_, value);
    out_ += '"';
    return *this;
  }
  template <typename Integer>
  writer& number(Integer value) {
    char digits[24];
    out_.append(digits, std::to_chars(digits, digits + sizeof digits, value).ptr);
    return *this;
  }
  writer& text_or_null(const std::optional<std::string>& value) {
    return value ? text(*value) : raw("null");
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

void write_usage(writer& w, const token_usage& usage) {
  w.raw("{\"prompt_tokens\":").number(usage.prompt);
  w.raw(",\"completion_tokens\":").number(usage.completion);
  w.raw(",\"total_tokens\":").number(usage.total());
  w.raw(",\"prompt_tokens_details\":{\"cached_tokens\":").number(usage.cached);
  w.raw(",\"audio_tokens\":0");
  if (usage.cache_write > 0) w.raw(",\"cache_write_tokens\":").number(usage.cache_write);
  w.raw("},\"completion_tokens_details\":{\"reasoning_tokens\":").number(usage.reasoning);
  w.raw(",\"audio_tokens\":0,\"accepted_prediction_tokens\":0,\"rejected_prediction_tokens\":0}}");
}

void write_message(writer& w, const completion_message& message) {
  w.raw("{\"role\":\"assistant\",\"content\":").text_or_null(message.content);
  if (message.reasoning_content) w.raw(",\"reasoning_content\":").text(*message.reasoning_content);
  w.raw(",\"refusal\":null,\"annotations\":[]");
  if (!message.tool_calls.empty()) {
    w.raw(",\"tool_calls\":[");
    bool first = true;
    for (const auto& call : message.tool_calls) {
      w.raw(first ? "{\"id\":" : ",{\"id\":").text(call.id);
      w.raw(",\"type\":\"function\",\"function\":{\"name\":").text(call.name);
      w.raw(",\"arguments\":").text(call.arguments).raw("}}");
      first = false;
    }
    w.raw("]");
  }
  w.raw("}");
}

// {"id":...,"object":...,"created":...,"model":...  (the caller closes the object)
void open_answer(writer& w, const response_meta& meta, std::string_view object) {
  w.raw("{\"id\":").text(meta.id).raw(",\"object\":\"").raw(object).raw("\",\"created\":");
  w.number(meta.created).raw(",\"model\":").text(meta.model);
}

void write_choice(writer& w, std::size_t index, const completion_message& message,
                  std::string_view finish_reason) {
  w.raw("{\"index\":").number(index).raw(",\"message\":");
  write_message(w, message);
  w.raw(",\"logprobs\":null,\"finish_reason\":").text(finish_reason).raw("}");
}

std::string answer_with(const response_meta& meta, const token_usage& usage, std::size_t reserve,
                        auto&& write_choices) {
  writer w(reserve + 512);
  open_answer(w, meta, "chat.completion");
  w.raw(",\"choices\":[");
  write_choices(w);
  w.raw("],\"usage\":");
  write_usage(w, usage);
  w.raw("}");
  return w.take();
}

std::size_t message_size(const completion_message& message) {
  std::size_t size = message.content ? message.content->size() : 0;
  if (message.reasoning_content) size += message.reasoning_content->size();
  for (const auto& call : message.tool_calls) size += call.arguments.size() + 96;
  return size;
}

// data: {"id":...,"choices":[{"index":0,"delta":DELTA,"logprobs":null,"finish_reason":...}]...}
std::string choice_event(const response_meta& meta, std::string_view delta_head,
                         const std::string_view* content,
                         std::optional<std::string_view> finish_reason, bool usage_null) {
  writer w(256 + (content ? content->size() : 0));
  w.raw("data: ");
  open_answer(w, meta, "chat.completion.chunk");
  w.raw(",\"choices\":[{\"index\":0,\"delta\":").raw(delta_head);
  if (content) w.text(*content).raw("}");
  w.raw(",\"logprobs\":null,\"finish_reason\":");
  if (finish_reason)
    w.text(*finish_reason);
  else
    w.raw("null");
  w.raw("}]");
  if (usage_null) w.raw(",\"usage\":null");
  w.raw("}\n\n");
  return w.take();
}

}  // namespace

std::string new_completion_id() {
  return "chatcmpl-" + make_request_id().substr(4);
}

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string usage_json(const token_usage& usage) {
  writer w(256);
  write_usage(w, usage);
  return w.take();
}

std::string completion_json(const response_meta& meta, std::string_view content,
                            std::string_view finish_reason, const token_usage& usage) {
  return answer_with(meta, usage, content.size(), [&](writer& w) {
    w.raw("{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":").text(content);
    w.raw(",\"refusal\":null,\"annotations\":[]},\"logprobs\":null,\"finish_reason\":");
    w.text(finish_reason).raw("}");
  });
}

std::string completion_json(const response_meta& meta, const completion_message& message,
                            std::string_view finish_reason, const token_usage& usage) {
  return answer_with(meta, usage, message_size(message),
                     [&](writer& w) { write_choice(w, 0, message, finish_reason); });
}

std::string completion_json(const response_meta& meta,
                            const std::vector<completion_choice>& choices,
                            const token_usage& usage) {
  std::size_t size = 0;
  for (const auto& choice : choices) size += message_size(choice.message) + 160;
  return answer_with(meta, usage, size, [&](writer& w) {
    for (std::size_t i = 0; i < choices.size(); ++i) {
      if (i) w.raw(",");
      write_choice(w, i, choices[i].message, choices[i].finish_reason);
    }
  });
}

std::string role_chunk_event(const response_meta& meta, bool usage_null) {
  return choice_event(meta, R"({"role":"assistant","content":"","refusal":null})", nullptr,
                      std::nullopt, usage_null);
}

std::string content_chunk_event(const response_meta& meta, std::string_view content,
                                bool usage_null) {
  return choice_event(meta, R"({"content":)", &content, std::nullopt, usage_null);
}

std::string finish_chunk_event(const response_meta& meta, std::string_view finish_reason,
                               bool usage_null) {
  return choice_event(meta, "{}", nullptr, finish_reason, usage_null);
}

std::string usage_chunk_event(const response_meta& meta, const token_usage& usage) {
  writer w(512);
  w.raw("data: ");
  open_answer(w, meta, "chat.completion.chunk");
  w.raw(",\"choices\":[],\"usage\":");
  write_usage(w, usage);
  w.raw("}\n\n");
  return w.take();
}

}  // namespace keygate::openai
