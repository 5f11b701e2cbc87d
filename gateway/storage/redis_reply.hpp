// A Redis reply, copied out of hiredis's own structure (which dies with its callback).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

struct redisReply;

namespace keygate {

struct redis_reply {
  enum class kind { failed, nil, integer, text, status, error, array };
  kind type = kind::failed;  // failed: no reply (timeout, connection lost); `text` says why
  std::int64_t integer = 0;
  std::string text;
  std::vector<redis_reply> elements;

  bool ok() const { return type != kind::failed && type != kind::error; }
  static redis_reply from(const redisReply* raw);
  static redis_reply failure(std::string why) { return {kind::failed, 0, std::move(why), {}}; }
};

}  // namespace keygate
