#include "gateway/access/redis_key_store.hpp"

#include <hiredis/hiredis.h>

#include <boost/json/serialize.hpp>
#include <memory>

#include "gateway/access/key_json.hpp"
#include "gateway/access/team_json.hpp"

namespace keygate {

namespace {

struct reply_deleter {
  void operator()(redisReply* r) const { freeReplyObject(r); }
};
using reply_ptr = std::unique_ptr<redisReply, reply_deleter>;

timeval to_timeval(std::chrono::milliseconds ms) {
  return {static_cast<time_t>(ms.count() / 1000),
          static_cast<suseconds_t>(ms.count() % 1000 * 1000)};
}

}  // namespace

redis_key_store::redis_key_store(redis_options options)
    : options_(std::move(options)),
      hash_key_(options_.prefix + ":keys"),
      teams_key_(options_.prefix + ":teams") {}

redis_key_store::~redis_key_store() {
  drop();
}

void redis_key_store::drop() {
  if (context_) redisFree(context_);
  context_ = nullptr;
}

redisContext* redis_key_store::connection() {
  if (context_) return context_;
  context_ = redisConnectWithTimeout(options_.host.c_str(), options_.port,
                                     to_timeval(options_.timeout * 4));
  if (!context_ || context_->err) {
    std::string why = context_ ? context_->errstr : "out of memory";
    drop();
    throw key_store_error("redis: " + why);
  }
  redisSetTimeout(context_, to_timeval(options_.timeout * 4));
  auto run = [&](std::initializer_list<std::string> words) {
    std::vector<const char*> argv;
    std::vector<std::size_t> len;
    for (const auto& w : words) {
      argv.push_back(w.data());
      len.push_back(w.size());
    }
    reply_ptr r(static_cast<redisReply*>(
        redisCommandArgv(context_, static_cast<int>(argv.size()), argv.data(), len.data())));
    if (!r || r->type == REDIS_REPLY_ERROR) {
      drop();
      throw key_store_error("redis: cannot authenticate or select the database");
    }
  };
  if (!options_.password.empty()) run({"AUTH", options_.password});
  if (options_.database != 0) run({"SELECT", std::to_string(options_.database)});
  return context_;
}

std::vector<virtual_key> redis_key_store::load() {
  std::lock_guard lock(mutex_);
  const char* argv[] = {"HVALS", hash_key_.c_str()};
  const std::size_t len[] = {5, hash_key_.size()};
  reply_ptr r(static_cast<redisReply*>(redisCommandArgv(connection(), 2, argv, len)));
  if (!r || r->type != REDIS_REPLY_ARRAY) {
    drop();
    throw key_store_error("redis: cannot read the keys");
  }
  std::vector<virtual_key> keys;
  for (std::size_t i = 0; i < r->elements; ++i) {
    const auto* e = r->element[i];
    if (e->type != REDIS_REPLY_STRING) continue;
    if (auto key = key_from_json(std::string_view(e->str, e->len))) keys.push_back(std::move(*key));
  }
  return keys;
}

void redis_key_store::save(const virtual_key& key) {
  std::lock_guard lock(mutex_);
  const std::string doc = boost::json::serialize(key_to_json(key, true));
  const char* argv[] = {"HSET", hash_key_.c_str(), key.id.c_str(), doc.c_str()};
  const std::size_t len[] = {4, hash_key_.size(), key.id.size(), doc.size()};
  reply_ptr r(static_cast<redisReply*>(redisCommandArgv(connection(), 4, argv, len)));
  if (!r || r->type == REDIS_REPLY_ERROR) {
    drop();
    throw key_store_error("redis: cannot write the key");
  }
}

redisReply* redis_key_store::command(std::initializer_list<std::string_view> words) {
  std::vector<const char*> argv;
  std::vector<std::size_t> len;
  for (const auto& w : words) {
    argv.push_back(w.data());
    len.push_back(w.size());
  }
  return static_cast<redisReply*>(
      redisCommandArgv(connection(), static_cast<int>(argv.size()), argv.data(), len.data()));
}

std::vector<team> redis_key_store::load_teams() {
  std::lock_guard lock(mutex_);
  reply_ptr r(command({"HVALS", teams_key_}));
  if (!r || r->type != REDIS_REPLY_ARRAY) {
    drop();
    throw key_store_error("redis: cannot read the teams");
  }
  std::vector<team> teams;
  for (std::size_t i = 0; i < r->elements; ++i) {
    const auto* e = r->element[i];
    if (e->type != REDIS_REPLY_STRING) continue;
    if (auto t = team_from_json(std::string_view(e->str, e->len))) teams.push_back(std::move(*t));
  }
  return teams;
}

void redis_key_store::save_team(const team& t) {
  std::lock_guard lock(mutex_);
  const std::string doc = boost::json::serialize(team_to_json(t));
  reply_ptr r(command({"HSET", teams_key_, t.id, doc}));
  if (!r || r->type == REDIS_REPLY_ERROR) {
    drop();
    throw key_store_error("redis: cannot write the team");
  }
}

void redis_key_store::remove_team(const std::string& id) {
  std::lock_guard lock(mutex_);
  reply_ptr r(command({"HDEL", teams_key_, id}));
  if (!r || r->type == REDIS_REPLY_ERROR) {
    drop();
    throw key_store_error("redis: cannot delete the team");
  }
}

}  // namespace keygate
