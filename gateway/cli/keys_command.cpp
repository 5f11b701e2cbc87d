#include "gateway/cli/keys_command.hpp"

#include <boost/json.hpp>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <map>
#include <set>

#include "gateway/cli/admin_client.hpp"
#include "gateway/cli/expiry.hpp"
#include "gateway/cli/key_table.hpp"

namespace keygate::cli {

namespace json = boost::json;

namespace {

constexpr std::string_view keys_usage =
    "usage: keygate keys create [--alias NAME] [--models a,b] [--rpm N] [--tpm N]\n"
    "                           [--max-parallel N] [--budget USD [--period "
    "daily|weekly|monthly|total]]\n"
    "                           [--team ID] [--expires 2026-12-31|2026-12-31T18:00:00Z|30d|12h]\n"
    "       keygate keys update ID [any of create's options]\n"
    "       keygate keys list\n"
    "       keygate keys revoke ID\n"
    "common: [--url URL] (KEYGATE_URL, default http://127.0.0.1:4000)\n"
    "        [--master-key KEY] (KEYGATE_MASTER_KEY) [--cacert FILE] (https)\n";

struct usage_error : cli_error {
  using cli_error::cli_error;
};

struct parsed_args {
  std::string action;
  std::vector<std::string> positional;
  std::map<std::string, std::string> options;
};

parsed_args parse(int argc, char** argv) {
  static const std::vector<std::string> known = {
      "--url", "--master-key", "--cacert", "--alias", "--models",  "--rpm",
      "--tpm", "--budget",     "--period", "--team",  "--expires", "--max-parallel"};
  parsed_args out;
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.starts_with("--")) {
      auto eq = arg.find('=');
      std::string name = arg.substr(0, eq);
      if (std::find(known.begin(), known.end(), name) == known.end())
        throw usage_error("unknown option " + name);
      if (eq != std::string::npos)
        out.options[name] = arg.substr(eq + 1);
      else if (i + 1 < argc)
        out.options[name] = argv[++i];
      else
        throw usage_error(name + " needs a value");
    } else if (out.action.empty()) {
      out.action = arg;
    } else {
      out.positional.push_back(arg);
    }
  }
  return out;
}

std::string option_or_env(const parsed_args& args, const std::string& name, const char* env,
                          std::string fallback = "") {
  if (auto it = args.options.find(name); it != args.options.end()) return it->second;
  if (const char* value = std::getenv(env); value && *value) return value;
  return fallback;
}

std::int64_t whole_number(const std::string& name, const std::string& text) {
  char* end = nullptr;
  const long long value = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end || value < 0) throw usage_error(name + " must be a whole number");
  return value;
}

// The fields create sets, or update changes: only those given on the command line.
json::object key_fields(const parsed_args& args) {
  json::object body;
  const auto& o = args.options;
  if (auto it = o.find("--alias"); it != o.end()) body["alias"] = it->second;
  if (auto it = o.find("--team"); it != o.end()) body["team"] = it->second;
  if (auto it = o.find("--models"); it != o.end()) {
    json::array models;
    std::string_view rest = it->second;
    while (!rest.empty()) {
      auto comma = rest.find(',');
      auto name = rest.substr(0, comma);
      if (!name.empty()) models.emplace_back(name);
      rest = comma == std::string_view::npos ? "" : rest.substr(comma + 1);
    }
    body["models"] = std::move(models);
  }
  for (auto [flag, field] : {std::pair{"--rpm", "rpm"}, std::pair{"--tpm", "tpm"},
                             std::pair{"--max-parallel", "max_parallel"}})
    if (auto it = o.find(flag); it != o.end()) body[field] = whole_number(flag, it->second);
  auto budget = o.find("--budget");
  auto period = o.find("--period");
  // A new key's budget needs its amount; an update may change the period alone.
  if (period != o.end() && budget == o.end() && args.action == "create")
    throw usage_error("--period needs --budget");
  if (budget != o.end() || period != o.end()) {
    json::object b;
    if (budget != o.end()) {
      char* end = nullptr;
      const double usd = std::strtod(budget->second.c_str(), &end);
      if (budget->second.empty() || *end || !std::isfinite(usd) || usd < 0)
        throw usage_error("--budget must be an amount in USD, such as 25 or 2.50");
      b["usd"] = usd;
    }
    if (period != o.end()) b["period"] = period->second;
    body["budget"] = std::move(b);
  }
  if (auto it = o.find("--expires"); it != o.end()) {
    const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    auto at = parse_expiry(it->second, now);
    if (!at) throw usage_error("--expires: use 2026-12-31, 2026-12-31T18:00:00Z, 30d, 12h or 90m");
    body["expires_at_ms"] = *at;
  }
  return body;
}

std::string string_field(const json::object& o, std::string_view name) {
  auto* v = o.if_contains(name);
  return v && v->is_string() ? std::string(v->as_string()) : "";
}

int create(const admin_target& target, const parsed_args& args) {
  auto reply = admin_request(target, "POST", "/admin/keys", json::serialize(key_fields(args)));
  if (reply.status != 201) throw cli_error(describe_failure(target, reply));
  auto key = json::parse(reply.body).as_object();
  std::cout << "created key " << string_field(key, "id");
  if (!string_field(key, "alias").empty()) std::cout << " (" << string_field(key, "alias") << ")";
  std::cout << "\nsecret: " << string_field(key, "key")
            << "\nThis secret is shown once: keygate keeps only its hash. Store it now.\n";
  return 0;
}

int list(const admin_target& target) {
  auto reply = admin_request(target, "GET", "/admin/keys");
  if (reply.status != 200) throw cli_error(describe_failure(target, reply));
  auto parsed = json::parse(reply.body);
  std::cout << key_table(parsed.at("data").as_array());
  return 0;
}

// PATCH or DELETE on one key: what update and revoke share.
admin_reply change(const admin_target& target, const parsed_args& args, const char* method,
                   const std::string& body = "") {
  if (args.positional.size() != 1) throw usage_error(args.action + " takes one key id");
  const auto& id = args.positional.front();
  auto reply = admin_request(target, method, "/admin/keys/" + id, body);
  if (reply.status == 404) throw cli_error("no key with id '" + id + "' (see keygate keys list)");
  if (reply.status != 200) throw cli_error(describe_failure(target, reply));
  return reply;
}

int update(const admin_target& target, const parsed_args& args) {
  const auto fields = key_fields(args);
  if (fields.empty()) throw usage_error("update: say what to change, e.g. --rpm 60");
  change(target, args, "PATCH", json::serialize(fields));
  std::cout << "updated key " << args.positional.front() << "\n";
  return 0;
}

int revoke(const admin_target& target, const parsed_args& args) {
  change(target, args, "DELETE");
  std::cout << "revoked key " << args.positional.front() << "\n";
  return 0;
}

}  // namespace

int run_keys_command(int argc, char** argv) {
  for (int i = 0; i < argc; ++i)
    if (std::string_view(argv[i]) == "--help" || std::string_view(argv[i]) == "-h") {
      std::cout << keys_usage;
      return 0;
    }
  try {
    auto args = parse(argc, argv);
    static const std::set<std::string> actions = {"create", "update", "list", "revoke"};
    if (!actions.contains(args.action))
      throw usage_error(args.action.empty() ? "which action?" : "unknown action " + args.action);
    const bool names_a_key = args.action == "update" || args.action == "revoke";
    if (!names_a_key && !args.positional.empty())
      throw usage_error("unexpected argument " + args.positional.front());
    admin_target target;
    target.url = option_or_env(args, "--url", "KEYGATE_URL", target.url);
    target.master_key = option_or_env(args, "--master-key", "KEYGATE_MASTER_KEY");
    target.ca_file = option_or_env(args, "--cacert", "KEYGATE_CACERT");
    if (target.master_key.empty())
      throw usage_error("no master key: pass --master-key or set KEYGATE_MASTER_KEY");
    if (args.action == "create") return create(target, args);
    if (args.action == "update") return update(target, args);
    if (args.action == "list") return list(target);
    return revoke(target, args);
  } catch (const usage_error& e) {
    std::cerr << "keygate keys: " << e.what() << "\n" << keys_usage;
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "keygate keys: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace keygate::cli
