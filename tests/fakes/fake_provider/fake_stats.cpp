#include "fake_stats.hpp"

#include <mutex>
#include <unordered_set>

#include "google_token_api.hpp"
#include "image_api.hpp"

namespace fake {

namespace {

std::mutex seen_mutex;
std::unordered_set<std::uint64_t> seen_peers;
std::atomic<long> requests_active{0};
std::atomic<long> requests_total{0};
std::atomic<long> streams_active{0};
std::atomic<long> streams_cancelled{0};

}  // namespace

void note_peer(const keygate::exchange& ex) {
  auto peer = ex.remote_endpoint();
  std::uint64_t key = peer.port();
  if (peer.address().is_v4()) key |= std::uint64_t{peer.address().to_v4().to_uint()} << 16;
  std::lock_guard lock(seen_mutex);
  seen_peers.insert(key);
}

keygate::task<void> respond_stats(keygate::exchange& ex) {
  std::size_t connections;
  {
    std::lock_guard lock(seen_mutex);
    connections = seen_peers.size();
  }
  co_await ex.respond(keygate::http::status::ok,
                      R"({"connections":)" + std::to_string(connections) +
                          R"(,"requests_active":)" + std::to_string(requests_active.load()) +
                          R"(,"requests_total":)" + std::to_string(requests_total.load()) +
                          R"(,"streams_active":)" + std::to_string(streams_active.load()) +
                          R"(,"streams_cancelled":)" + std::to_string(streams_cancelled.load()) +
                          R"(,"image_requests":)" + std::to_string(image_requests()) +
                          R"(,"token_exchanges":)" + std::to_string(google_token_exchanges()) +
                          "}");
}

request_counter::request_counter() {
  ++requests_active;
  ++requests_total;
}
request_counter::~request_counter() {
  --requests_active;
}

stream_counter::stream_counter() {
  ++streams_active;
}
stream_counter::~stream_counter() {
  --streams_active;
}
void stream_counter::cancelled() {
  ++streams_cancelled;
}

}  // namespace fake
