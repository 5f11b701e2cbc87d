#include "gateway/translators/ollama/embeddings_mapping.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "gateway/engine/upstream_error.hpp"
#include "gateway/translators/ollama/json_fields.hpp"
#include "gateway/translators/openai/embedding_list.hpp"

namespace keygate::ollama {

namespace json = boost::json;

namespace {

bool is_text_input(const json::value& input) {
  if (input.is_string()) return true;
  if (!input.is_array()) return false;
  for (const auto& item : input.get_array())
    if (!item.is_string()) return false;
  return true;
}

}  // namespace

std::variant<embed_body, openai_error> embeddings_body(const json::object& request,
                                                       std::string_view model) {
  const json::value* input = find(request, "input");
  if (!input) return invalid_request("'input' is required.", std::string("input"));
  if (!is_text_input(*input))
    return unsupported("input", "Ollama embeds text only: 'input' must be a string or strings.");
  embed_body out;
  json::object native{{"model", model}, {"input", *input}};
  if (const auto* dimensions = find(request, "dimensions")) native["dimensions"] = *dimensions;
  for (const auto& field : request) {
    const auto key = field.key();
    if (field.value().is_null() || key == "model" || key == "input" || key == "dimensions" ||
        key == "encoding_format")
      continue;
    out.dropped.emplace_back(key);
  }
  out.body = json::serialize(native);
  return out;
}

std::variant<openai_answer, openai_error> embeddings_answer(std::string_view native_body,
                                                            const embeddings_request& view,
                                                            std::string_view model) {
  boost::system::error_code ec;
  const auto doc = json::parse(native_body, ec);
  if (ec || !doc.is_object())
    return invalid_upstream_answer("an embeddings answer that is not JSON");
  const auto& answer_object = doc.get_object();
  const auto* list = find(answer_object, "embeddings");
  if (!list || !list->is_array()) return invalid_upstream_answer("an answer without embeddings");
  if (list->get_array().size() != view.input_count)
    return invalid_upstream_answer("a different number of embeddings than inputs");

  std::vector<std::vector<float>> vectors;
  vectors.reserve(list->get_array().size());
  for (const auto& entry : list->get_array()) {
    if (!entry.is_array())
      return invalid_upstream_answer("an embedding that is not a list of numbers");
    auto& vector = vectors.emplace_back();
    vector.reserve(entry.get_array().size());
    for (const auto& v : entry.get_array()) {
      if (!v.is_number()) return invalid_upstream_answer("an embedding value that is not a number");
      vector.push_back(static_cast<float>(v.to_number<double>()));
    }
  }
  openai_answer answer;
  answer.usage.prompt = count_at(answer_object, "prompt_eval_count");  // missing: 0
  answer.usage.known = true;
  auto upstream_model = string_at(answer_object, "model");
  answer.body = openai::embedding_list_json(
      vectors, upstream_model.empty() ? model : upstream_model, view.encoding, answer.usage.prompt);
  return answer;
}

}  // namespace keygate::ollama
