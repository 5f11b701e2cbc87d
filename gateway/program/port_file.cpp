#include "gateway/program/port_file.hpp"

#include <cstdio>
#include <fstream>

namespace keygate {

void write_port_file(const std::string& path, std::uint16_t port,
                     std::optional<std::uint16_t> metrics_port) {
  const std::string temp = path + ".tmp";
  {
    std::ofstream out(temp);
    out << port << "\n";
    if (metrics_port) out << *metrics_port << "\n";
  }
  std::rename(temp.c_str(), path.c_str());
}

}  // namespace keygate
