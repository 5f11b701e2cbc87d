// Tells a test harness which port a server bound when it was asked for port 0.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace keygate {

// Written whole and renamed into place, so a reader never sees half a number. The separate
// metrics port, when there is one, is the second line.
void write_port_file(const std::string& path, std::uint16_t port,
                     std::optional<std::uint16_t> metrics_port = std::nullopt);

}  // namespace keygate
