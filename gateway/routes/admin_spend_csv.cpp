#include "gateway/routes/admin_spend_csv.hpp"

#include "gateway/accounting/cost.hpp"

namespace keygate {

namespace {

// RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. A field that
// a spreadsheet would run as a formula gets a leading quote mark.
void put_field(std::string& out, const std::string& value) {
  std::string text = value;
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@'))
    text.insert(0, 1, '\'');
  if (text.find_first_of(",\"\r\n") == std::string::npos) {
    out += text;
    return;
  }
  out += '"';
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

std::string spend_csv(const std::vector<spend_row>& rows, bool two_dimensions) {
  std::string out = two_dimensions ? "group,group2," : "group,";
  out +=
      "requests,prompt_tokens,completion_tokens,cached_tokens,cache_write_tokens,"
      "reasoning_tokens,cost_usd,cost_nanos,unknown_cost_requests,cache_hits,saved_usd,"
      "saved_nanos\r\n";
  for (const auto& row : rows) {
    put_field(out, row.group);
    out += ',';
    if (two_dimensions) {
      put_field(out, row.group2);
      out += ',';
    }
    for (auto n : {row.requests, row.prompt_tokens, row.completion_tokens, row.cached_tokens,
                   row.cache_write_tokens, row.reasoning_tokens}) {
      out += std::to_string(n);
      out += ',';
    }
    out += format_usd(row.cost_nanos);
    out += ',';
    out += std::to_string(row.cost_nanos);
    out += ',';
    out += std::to_string(row.unknown_cost_requests);
    out += ',';
    out += std::to_string(row.cache_hits);
    out += ',';
    out += format_usd(row.saved_nanos);
    out += ',';
    out += std::to_string(row.saved_nanos);
    out += "\r\n";
  }
  return out;
}

}  // namespace keygate
