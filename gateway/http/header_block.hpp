// Response headers kept as the bytes they go out as ("name: value\r\n" lines in one string), for
// the headers a handler adds to whatever response it sends. Cheaper than Beast's field list,
// which allocates an element per field: setting a header here appends to one buffer.
#pragma once

#include <boost/beast/http/field.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace keygate {

class header_block {
 public:
  // Replaces any header of the same name (compared without regard to case).
  void set(std::string_view name, std::string_view value);
  void set(boost::beast::http::field name, std::string_view value);
  void erase(std::string_view name);
  std::optional<std::string_view> find(std::string_view name) const;
  bool empty() const { return lines_.empty(); }
  // Every header, each line ending in CRLF.
  std::string_view lines() const { return lines_; }
  void clear() { lines_.clear(); }

 private:
  std::string lines_;
};

}  // namespace keygate
