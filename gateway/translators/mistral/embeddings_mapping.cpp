#include "gateway/translators/mistral/embeddings_mapping.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "gateway/engine/upstream_error.hpp"
#include "gateway/translators/common/json_fields.hpp"
#include "gateway/translators/openai/embedding_list.hpp"

namespace keygate::mistral {

namespace json = boost::json;

namespace {

using json_fields::find;
using json_fields::object_at;
using json_fields::string_at;

bool texts_only(const json::value& input) {
  if (input.is_string()) return true;
  if (!input.is_array() || input.get_array().empty()) return false;
  for (const auto& item : input.get_array())
    if (!item.is_string()) return false;
  return true;
}

}  // namespace

std::variant<embeddings_body, openai_error> build_embeddings_body(const json::object& request,
                                                                  std::string_view model) {
  const auto* input = find(request, "input");
  if (!input) return invalid_request("'input' is required.", std::string("input"));
  if (!texts_only(*input))
    return invalid_request("Mistral embeds text only: 'input' must be a string or strings.",
                           std::string("input"), std::string("unsupported_parameter"));
  embeddings_body out;
  json::object native{{"model", model}, {"input", *input}};
  if (const auto* dimensions = find(request, "dimensions"))
    native["output_dimension"] = *dimensions;
  for (const auto& field : request) {
    const std::string_view key = field.key();
    if (field.value().is_null() || key == "model" || key == "input" || key == "dimensions" ||
        key == "encoding_format")
      continue;
    if (key == "metadata" || key == "output_dimension" || key == "output_dtype")
      native[key] = field.value();  // Mistral's own fields
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
  const auto* list = find(doc.get_object(), "data");
  if (!list || !list->is_array()) return invalid_upstream_answer("an answer without embeddings");
  if (list->get_array().size() != view.input_count)
    return invalid_upstream_answer("a different number of embeddings than inputs");

  std::vector<std::vector<float>> vectors(view.input_count);
  for (std::size_t i = 0; i < list->get_array().size(); ++i) {
    const auto* entry = list->get_array()[i].if_object();
    const auto* values = entry ? find(*entry, "embedding") : nullptr;
    if (!values || !values->is_array())
      return invalid_upstream_answer("an embedding without values");
    const auto index = entry->contains("index") ? json_fields::count_at(*entry, "index")
                                                : static_cast<std::int64_t>(i);
    if (index < 0 || static_cast<std::size_t>(index) >= vectors.size())
      return invalid_upstream_answer("an embedding with an index out of range");
    auto& vector = vectors[static_cast<std::size_t>(index)];
    vector.reserve(values->get_array().size());
    for (const auto& v : values->get_array()) {
      if (!v.is_number()) return invalid_upstream_answer("an embedding value that is not a number");
      vector.push_back(static_cast<float>(v.to_number<double>()));
    }
  }
  openai_answer answer;
  const auto& usage = object_at(doc.get_object(), "usage");
  answer.usage.known = find(usage, "prompt_tokens") != nullptr;
  answer.usage.prompt =
      answer.usage.known ? json_fields::count_at(usage, "prompt_tokens") : view.word_count;
  const auto upstream_model = string_at(doc.get_object(), "model");
  answer.body = openai::embedding_list_json(
      vectors, upstream_model.empty() ? model : upstream_model, view.encoding, answer.usage.prompt);
  return answer;
}

}  // namespace keygate::mistral
