// Tells a test harness which port a server bound when it was asked for port 0.
#pragma once

#include <cstdint>
#include <string>

namespace keygate {

// Written whole and renamed into place, so a reader never sees half a number.
void write_port_file(const std::string& path, std::uint16_t port);

}  // namespace keygate
