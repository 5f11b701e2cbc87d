#include "gateway/logging.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <system_error>

#include "gateway/log_timestamp.hpp"
#include "gateway/log_writer.hpp"

namespace keygate {

namespace {

enum class level : int { trace, debug, info, warn, error, off };

level level_from_name(std::string_view name) {
  if (name == "trace") return level::trace;
  if (name == "debug") return level::debug;
  if (name == "warn") return level::warn;
  if (name == "error") return level::error;
  if (name == "off") return level::off;
  return level::info;
}

std::string_view level_name(level l) {
  switch (l) {
    case level::trace:
      return "trace";
    case level::debug:
      return "debug";
    case level::info:
      return "info";
    case level::warn:
      return "warning";
    case level::error:
      return "error";
    case level::off:
      break;
  }
  return "off";
}

std::atomic<level> threshold{level::info};
bool access_enabled = true;
int output_fd = -1;  // owned when it is not standard output
std::unique_ptr<log_writer> writer;

bool should_log(level l) {
  return writer && l >= threshold.load(std::memory_order_relaxed) && l != level::off;
}

void write(level l, std::string_view message, boost::json::object fields) {
  if (!should_log(l)) return;
  boost::json::object line;
  log_timestamp_text ts;
  line["ts"] = format_log_timestamp(std::chrono::system_clock::now(), ts);
  line["level"] = level_name(l);
  line["msg"] = message;
  for (auto& field : fields) line[field.key()] = std::move(field.value());
  writer->write(boost::json::serialize(line), l >= level::warn);
}

}  // namespace

void setup_logging(const log_options& options) {
  output_fd = STDOUT_FILENO;
  if (!options.file.empty()) {
    output_fd = ::open(options.file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
    if (output_fd < 0)
      throw std::system_error(errno, std::generic_category(), "cannot open " + options.file);
  }
  writer = std::make_unique<log_writer>(output_fd);
  threshold.store(level_from_name(options.level));
  access_enabled = options.access_log;
}

void log_info(std::string_view message, boost::json::object fields) {
  write(level::info, message, std::move(fields));
}
void log_warn(std::string_view message, boost::json::object fields) {
  write(level::warn, message, std::move(fields));
}
void log_error(std::string_view message, boost::json::object fields) {
  write(level::error, message, std::move(fields));
}

bool access_log_enabled() {
  return access_enabled && should_log(level::info);
}

json_line start_access_line() {
  json_line line;
  log_timestamp_text ts;
  line.field("ts", format_log_timestamp(std::chrono::system_clock::now(), ts))
      .field("level", level_name(level::info))
      .field("msg", "request");
  return line;
}

void log_access(json_line line) {
  if (!access_log_enabled()) return;
  writer->write(std::move(line).finish(), false);
}

void flush_logs() {
  if (writer) writer->flush();
}

void shutdown_logging() {
  writer.reset();  // writes what is queued
  if (output_fd >= 0 && output_fd != STDOUT_FILENO) ::close(output_fd);
  output_fd = -1;
}

void set_log_level(const std::string& name) {
  threshold.store(level_from_name(name));
}

}  // namespace keygate
