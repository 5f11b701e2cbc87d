#include "gateway/logging/logging.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <stdexcept>
#include <system_error>

#include "gateway/logging/log_timestamp.hpp"
#include "gateway/logging/log_writer.hpp"

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
// Never destroyed: a thread that logs while the process exits must not meet a freed writer. The
// kernel closes the file at exit; shutdown_logging() has flushed it by then.
log_writer* writer = nullptr;

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
  int fd = STDOUT_FILENO;
  if (!options.file.empty()) {
    fd = ::open(options.file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
    if (fd < 0)
      throw std::system_error(errno, std::generic_category(), "cannot open " + options.file);
  }
  if (!writer) writer = new log_writer(fd);
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

void log_debug(std::string_view message, boost::json::object fields) {
  write(level::debug, message, std::move(fields));
}
bool debug_log_enabled() {
  return should_log(level::debug);
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
  flush_logs();
}

void set_log_level(const std::string& name) {
  threshold.store(level_from_name(name));
}

}  // namespace keygate
