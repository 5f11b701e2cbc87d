#include "gateway/cli/key_table.hpp"

#include <boost/json/object.hpp>
#include <chrono>
#include <cstdio>
#include <vector>

#include "gateway/cli/expiry.hpp"

namespace keygate::cli {

namespace json = boost::json;

namespace {

using row = std::vector<std::string>;

std::string text(const json::object& o, std::string_view name, std::string fallback = "-") {
  auto* v = o.if_contains(name);
  if (!v || !v->is_string() || v->as_string().empty()) return fallback;
  return std::string(v->as_string());
}

std::string count(const json::object& o, std::string_view name) {
  auto* v = o.if_contains(name);
  return v && v->is_int64() && v->as_int64() > 0 ? std::to_string(v->as_int64()) : "-";
}

std::string models(const json::object& o) {
  auto* v = o.if_contains("models");
  if (!v || !v->is_array() || v->as_array().empty()) return "all";
  std::string out;
  for (const auto& m : v->as_array())
    if (m.is_string()) out += (out.empty() ? "" : ",") + std::string(m.as_string());
  return out;
}

std::string budget(const json::object& o) {
  auto* v = o.if_contains("budget");
  if (!v || !v->is_object()) return "-";
  const auto& b = v->as_object();
  char amount[32] = "?";
  if (auto* usd = b.if_contains("usd"); usd && usd->is_number())
    std::snprintf(amount, sizeof amount, "$%.2f", usd->to_number<double>());
  return std::string(amount) + "/" + text(b, "period", "total");
}

std::string expires(const json::object& o) {
  auto* v = o.if_contains("expires_at_ms");
  return v && v->is_int64() ? format_utc_minute(v->as_int64()) : "-";
}

std::string status(const json::object& o) {
  if (auto* v = o.if_contains("revoked"); v && v->is_bool() && v->as_bool()) return "revoked";
  const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  if (auto* v = o.if_contains("expires_at_ms"); v && v->is_int64() && v->as_int64() <= now)
    return "expired";
  return "active";
}

}  // namespace

std::string key_table(const json::array& keys) {
  std::vector<row> rows{
      {"ID", "ALIAS", "TEAM", "MODELS", "RPM", "TPM", "BUDGET", "EXPIRES", "STATUS", "SOURCE"}};
  for (const auto& item : keys) {
    if (!item.is_object()) continue;
    const auto& k = item.as_object();
    rows.push_back({text(k, "id"), text(k, "alias"), text(k, "team"), models(k), count(k, "rpm"),
                    count(k, "tpm"), budget(k), expires(k), status(k), text(k, "source")});
  }
  std::vector<std::size_t> widths(rows.front().size(), 0);
  for (const auto& r : rows)
    for (std::size_t i = 0; i < r.size(); ++i) widths[i] = std::max(widths[i], r[i].size());
  std::string out;
  for (const auto& r : rows) {
    for (std::size_t i = 0; i < r.size(); ++i) {
      out += r[i];
      if (i + 1 < r.size()) out += std::string(widths[i] - r[i].size() + 2, ' ');
    }
    out += '\n';
  }
  if (rows.size() == 1) out += "(no keys)\n";
  return out;
}

}  // namespace keygate::cli
