// The /metrics body: Prometheus's text format, version 0.0.4.
#pragma once

#include <string>
#include <string_view>

namespace keygate {

class routing_store;
struct shared_services;

namespace metrics {

inline constexpr std::string_view exposition_content_type =
    "text/plain; version=0.0.4; charset=utf-8";

// Every metric keygate has: those counted as requests go by, and those read from its state now.
std::string exposition_text(const routing_store& store, const shared_services& shared);

}  // namespace metrics
}  // namespace keygate
