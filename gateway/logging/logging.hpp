// Logs are JSON lines: one object per line with ts, level, msg and fields.
#pragma once

#include <boost/json/object.hpp>
#include <string_view>

#include "gateway/base/json_line.hpp"
#include "gateway/config/config.hpp"

namespace keygate {

// Sets up the process's log writer (gateway/logging/log_writer.hpp); call once before serving.
// Throws std::system_error when log.file cannot be opened.
void setup_logging(const log_options& options);
void log_info(std::string_view message, boost::json::object fields = {});
void log_warn(std::string_view message, boost::json::object fields = {});
void log_error(std::string_view message, boost::json::object fields = {});
void log_debug(std::string_view message, boost::json::object fields = {});
// Whether debug lines are written: a caller builds their fields only then.
bool debug_log_enabled();
// One access record per request: start_access_line() writes ts, level and msg, the caller adds
// the record's fields, and log_access() writes the line unless access logs are off.
json_line start_access_line();
void log_access(json_line line);
bool access_log_enabled();
// Applies a new level (trace ... off) to the running logger.
void set_log_level(const std::string& level);
// Returns once every line logged so far has been written.
void flush_logs();
// Writes out every queued line; call before exit.
void shutdown_logging();

}  // namespace keygate
