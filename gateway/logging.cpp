#include "gateway/logging.hpp"

#include <spdlog/async.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <boost/json/serialize.hpp>
#include <chrono>

#include "gateway/log_timestamp.hpp"

namespace keygate {

namespace {

std::shared_ptr<spdlog::logger> logger;
bool access_enabled = true;

void write(spdlog::level::level_enum level, std::string_view message, boost::json::object fields) {
  if (!logger || !logger->should_log(level)) return;
  boost::json::object line;
  log_timestamp_text ts;
  line["ts"] = format_log_timestamp(std::chrono::system_clock::now(), ts);
  line["level"] = spdlog::level::to_string_view(level).data();
  line["msg"] = message;
  for (auto& field : fields) line[field.key()] = std::move(field.value());
  logger->log(level, "{}", boost::json::serialize(line));
}

}  // namespace

void setup_logging(const log_options& options) {
  // Requests never wait on the disk: lines go through a queue to one writer thread; when it is
  // full (the disk cannot keep up) a request waits rather than a line being lost.
  spdlog::init_thread_pool(1024, 1);  // slots are preallocated: 8192 would cost ~2 MB idle
  spdlog::sink_ptr sink;
  if (options.file.empty())
    sink = std::make_shared<spdlog::sinks::stdout_sink_mt>();
  else
    sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(options.file);
  logger = std::make_shared<spdlog::async_logger>("keygate", sink, spdlog::thread_pool(),
                                                  spdlog::async_overflow_policy::block);
  logger->set_pattern("%v");
  logger->set_level(spdlog::level::from_str(options.level));
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
  access_enabled = options.access_log;
}

void log_info(std::string_view message, boost::json::object fields) {
  write(spdlog::level::info, message, std::move(fields));
}
void log_warn(std::string_view message, boost::json::object fields) {
  write(spdlog::level::warn, message, std::move(fields));
}
void log_error(std::string_view message, boost::json::object fields) {
  write(spdlog::level::err, message, std::move(fields));
}

bool access_log_enabled() {
  return access_enabled && logger && logger->should_log(spdlog::level::info);
}

json_line start_access_line() {
  json_line line;
  const auto& info = spdlog::level::to_string_view(spdlog::level::info);
  log_timestamp_text ts;
  line.field("ts", format_log_timestamp(std::chrono::system_clock::now(), ts))
      .field("level", std::string_view(info.data(), info.size()))
      .field("msg", "request");
  return line;
}

void log_access(json_line line) {
  if (!access_log_enabled()) return;
  const std::string text = std::move(line).finish();
  logger->log(spdlog::level::info, spdlog::string_view_t(text));
}

}  // namespace keygate

namespace keygate {
void shutdown_logging() {
  spdlog::shutdown();
}

void set_log_level(const std::string& level) {
  if (logger) logger->set_level(spdlog::level::from_str(level));
}
}  // namespace keygate
