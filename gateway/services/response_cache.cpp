#include "gateway/services/response_cache.hpp"

#include <boost/asio/post.hpp>
#include <boost/json.hpp>

namespace keygate {

namespace json = boost::json;

std::string encode_cached_answer(const cached_answer& answer) {
  json::object o;
  o["stream"] = answer.stream;
  o["body"] = answer.body;
  o["content_type"] = answer.content_type;
  o["usage"] = {{"prompt", answer.usage.prompt},       {"completion", answer.usage.completion},
                {"cached", answer.usage.cached},       {"cache_write", answer.usage.cache_write},
                {"reasoning", answer.usage.reasoning}, {"known", answer.usage.known}};
  if (answer.cost_nanos) o["cost_nanos"] = *answer.cost_nanos;
  return json::serialize(o);
}

std::optional<cached_answer> decode_cached_answer(std::string_view text) {
  json::error_code ec;
  auto value = json::parse(text, ec);
  if (ec || !value.is_object()) return std::nullopt;
  const auto& o = value.as_object();
  try {
    cached_answer out;
    out.stream = o.at("stream").as_bool();
    out.body = std::string(o.at("body").as_string());
    out.content_type = std::string(o.at("content_type").as_string());
    const auto& u = o.at("usage").as_object();
    out.usage.prompt = u.at("prompt").as_int64();
    out.usage.completion = u.at("completion").as_int64();
    out.usage.cached = u.at("cached").as_int64();
    out.usage.cache_write = u.at("cache_write").as_int64();
    out.usage.reasoning = u.at("reasoning").as_int64();
    out.usage.known = u.at("known").as_bool();
    if (auto* cost = o.if_contains("cost_nanos")) out.cost_nanos = cost->as_int64();
    return out;
  } catch (const std::exception&) {
    return std::nullopt;  // another shape: not ours, or a version of it this one cannot read
  }
}

std::shared_ptr<const cached_answer> memory_answer_cache::find(const std::string& key,
                                                               std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return nullptr;
  if (it->second.expires_ms <= now_ms) {
    erase(it);
    return nullptr;
  }
  recency_.splice(recency_.begin(), recency_, it->second.recency);
  return it->second.answer;
}

void memory_answer_cache::put(const std::string& key, std::shared_ptr<const cached_answer> answer,
                              std::int64_t expires_ms) {
  const std::size_t size = answer->bytes() + key.size();
  std::lock_guard lock(mutex_);
  if (auto it = entries_.find(key); it != entries_.end()) erase(it);
  if (size > max_bytes_) return;
  shrink_to(max_bytes_ - size);
  recency_.push_front(key);
  entries_.emplace(key, entry{std::move(answer), expires_ms, recency_.begin()});
  bytes_ += size;
}

std::size_t memory_answer_cache::bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

std::size_t memory_answer_cache::entries() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

void memory_answer_cache::set_max_bytes(std::size_t max_bytes) {
  std::lock_guard lock(mutex_);
  max_bytes_ = max_bytes;
  shrink_to(max_bytes_);
}

void memory_answer_cache::erase(std::unordered_map<std::string, entry>::iterator it) {
  bytes_ -= it->second.answer->bytes() + it->first.size();
  recency_.erase(it->second.recency);
  entries_.erase(it);
}

void memory_answer_cache::shrink_to(std::size_t bound) {
  while (bytes_ > bound && !recency_.empty()) erase(entries_.find(recency_.back()));
}

bool answer_flights::lead_or_join(const std::string& key,
                                  const std::shared_ptr<flight_waiter>& waiter) {
  std::lock_guard lock(mutex_);
  auto [it, fresh] = flights_.try_emplace(key);
  if (!fresh) it->second.push_back(waiter);
  return fresh;
}

void answer_flights::land(const std::string& key) {
  std::vector<std::shared_ptr<flight_waiter>> waiting;
  {
    std::lock_guard lock(mutex_);
    auto it = flights_.find(key);
    if (it == flights_.end()) return;
    waiting = std::move(it->second);
    flights_.erase(it);
  }
  // A timer belongs to its worker's thread: it is cancelled there, and handed over whole (never
  // copied) so that its last owner is that thread too, not this one.
  for (auto& waiter : waiting) {
    auto executor = waiter->timer.get_executor();
    net::post(executor, [waiter = std::move(waiter)] { waiter->timer.cancel(); });
  }
}

}  // namespace keygate
