// The images section: the rules for downloading image URLs (docs/images.md).
#include "gateway/config/config_reader.hpp"

namespace keygate::config_detail {

namespace {

std::vector<std::string> read_strings(reader& r, const YAML::Node& node, const std::string& field,
                                      std::string_view what) {
  std::vector<std::string> out;
  if (!node.IsDefined() || node.IsNull()) return out;
  if (!node.IsSequence()) {
    r.problem(node, field, "must be a list of " + std::string(what));
    return out;
  }
  for (const auto& item : node) {
    if (item.IsScalar() && !item.as<std::string>().empty())
      out.push_back(item.as<std::string>());
    else
      r.problem(item, field, "must be a list of " + std::string(what));
  }
  return out;
}

}  // namespace

void read_images(reader& r, const YAML::Node& node, image_options& o) {
  if (!r.is_map(node, "images")) return;
  r.only_keys(node, "images.",
              {"allow_private", "allowed_networks", "allowed_hosts", "max_bytes", "max_total_bytes",
               "timeout_ms", "max_redirects"});
  r.read(node, "allow_private", "images.allow_private", o.allow_private);
  for (const auto& cidr : read_strings(r, node["allowed_networks"], "images.allowed_networks",
                                       "addresses or networks (10.0.0.0/8, fd00::/8)"))
    if (!o.allowed_networks.add(cidr))
      r.problem(node["allowed_networks"], "images.allowed_networks",
                "'" + cidr + "' is not an address or a network (10.0.0.0/8, fd00::/8)");
  o.allowed_hosts =
      read_strings(r, node["allowed_hosts"], "images.allowed_hosts", "host names (*.example.com)");
  r.read(node, "max_bytes", "images.max_bytes", o.max_bytes);
  if (o.max_bytes == 0) r.problem(node["max_bytes"], "images.max_bytes", "must be at least 1");
  r.read(node, "max_total_bytes", "images.max_total_bytes", o.max_total_bytes);
  if (o.max_total_bytes < o.max_bytes)
    r.problem(node["max_total_bytes"], "images.max_total_bytes", "must be at least max_bytes");
  r.read_ms(node, "timeout_ms", "images.timeout_ms", o.timeout);
  r.read(node, "max_redirects", "images.max_redirects", o.max_redirects);
  if (o.max_redirects < 0 || o.max_redirects > 10)
    r.problem(node["max_redirects"], "images.max_redirects", "must be 0 to 10");
}

}  // namespace keygate::config_detail
