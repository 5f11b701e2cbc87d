#include "gateway/translators/cohere/embeddings_mapping.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "gateway/engine/upstream_error.hpp"
#include "gateway/translators/common/json_fields.hpp"
#include "gateway/translators/openai/embedding_list.hpp"

namespace keygate::cohere {

namespace json = boost::json;

namespace {

using json_fields::find;
using json_fields::object_at;

// The texts to embed, or nothing when the input is not text.
std::optional<json::array> texts_of(const json::value& input) {
  if (input.is_string()) return json::array{input};
  if (!input.is_array() || input.get_array().empty()) return std::nullopt;
  for (const auto& item : input.get_array())
    if (!item.is_string()) return std::nullopt;
  return input.get_array();
}

}  // namespace

std::variant<embeddings_body, openai_error> build_embeddings_body(const json::object& request,
                                                                  std::string_view model) {
  const auto* input = find(request, "input");
  if (!input) return invalid_request("'input' is required.", std::string("input"));
  auto texts = texts_of(*input);
  if (!texts)
    return invalid_request("Cohere embeds text only: 'input' must be a string or strings.",
                           std::string("input"), std::string("unsupported_parameter"));
  embeddings_body out;
  json::object native{{"model", model},
                      {"texts", std::move(*texts)},
                      {"input_type", "search_document"},
                      {"embedding_types", json::array{"float"}}};
  if (const auto* dimensions = find(request, "dimensions"))
    native["output_dimension"] = *dimensions;
  for (const auto& field : request) {
    const std::string_view key = field.key();
    if (field.value().is_null() || key == "model" || key == "input" || key == "dimensions" ||
        key == "encoding_format")
      continue;
    if (key == "input_type" || key == "truncate")
      native[key] = field.value();  // Cohere's own fields
    else
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
  const auto* list = find(object_at(doc.get_object(), "embeddings"), "float");
  if (!list || !list->is_array())
    return invalid_upstream_answer("an answer without float embeddings");
  if (list->get_array().size() != view.input_count)
    return invalid_upstream_answer("a different number of embeddings than inputs");

  std::vector<std::vector<float>> vectors;
  vectors.reserve(view.input_count);
  for (const auto& values : list->get_array()) {
    if (!values.is_array()) return invalid_upstream_answer("an embedding that is not a list");
    auto& vector = vectors.emplace_back();
    vector.reserve(values.get_array().size());
    for (const auto& v : values.get_array()) {
      if (!v.is_number()) return invalid_upstream_answer("an embedding value that is not a number");
      vector.push_back(static_cast<float>(v.to_number<double>()));
    }
  }
  openai_answer answer;
  const auto& billed = object_at(object_at(doc.get_object(), "meta"), "billed_units");
  answer.usage.known = find(billed, "input_tokens") != nullptr;
  answer.usage.prompt =
      answer.usage.known ? json_fields::count_at(billed, "input_tokens") : view.word_count;
  answer.body = openai::embedding_list_json(vectors, model, view.encoding, answer.usage.prompt);
  return answer;
}

}  // namespace keygate::cohere
