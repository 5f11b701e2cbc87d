#include "gateway/port_file.hpp"

#include <cstdio>
#include <fstream>

namespace keygate {

void write_port_file(const std::string& path, std::uint16_t port) {
  const std::string temp = path + ".tmp";
  std::ofstream(temp) << port << "\n";
  std::rename(temp.c_str(), path.c_str());
}

}  // namespace keygate
