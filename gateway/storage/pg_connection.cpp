#include "gateway/storage/pg_connection.hpp"

#include <poll.h>

#include <cerrno>
#include <charconv>
#include <stdexcept>

#include "gateway/storage/libpq_api.hpp"

namespace keygate {

namespace {

std::string pg_trimmed(const char* message) {
  std::string text = message ? message : "";
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text.empty() ? "unknown error" : text;
}

}  // namespace

std::string describe_postgres(const postgres_options& options) {
  if (!options.url.empty()) {
    // postgresql://user@host:port/db?params: the part after '@' (no password is allowed in it).
    std::string_view url = options.url;
    if (auto at = url.find('@'); at != std::string_view::npos)
      url.remove_prefix(at + 1);
    else if (auto scheme = url.find("://"); scheme != std::string_view::npos)
      url.remove_prefix(scheme + 3);
    if (auto query = url.find('?'); query != std::string_view::npos) url = url.substr(0, query);
    return std::string(url);
  }
  return options.host + ":" + std::to_string(options.port) + "/" + options.dbname;
}

void pg_rows::clearer::operator()(pg_result* result) const {
  libpq().PQclear(result);
}

pg_rows::pg_rows(pg_result* result) : result_(result, clearer{}) {}

int pg_rows::size() const {
  return result_ ? libpq().PQntuples(result_.get()) : 0;
}
int pg_rows::columns() const {
  return result_ ? libpq().PQnfields(result_.get()) : 0;
}
bool pg_rows::null(int row, int column) const {
  return libpq().PQgetisnull(result_.get(), row, column) != 0;
}
std::string_view pg_rows::text(int row, int column) const {
  return {libpq().PQgetvalue(result_.get(), row, column),
          static_cast<std::size_t>(libpq().PQgetlength(result_.get(), row, column))};
}
std::int64_t pg_rows::int64(int row, int column) const {
  const auto value = text(row, column);
  std::int64_t number = 0;
  std::from_chars(value.data(), value.data() + value.size(), number);
  return number;
}
std::int64_t pg_rows::affected() const {
  if (!result_) return 0;
  const char* count = libpq().PQcmdTuples(result_.get());
  std::int64_t number = 0;
  if (count) std::from_chars(count, count + std::char_traits<char>::length(count), number);
  return number;
}

pg_connection::pg_connection(const postgres_options& options)
    : timeout_(options.timeout), where_(describe_postgres(options)) {
  std::vector<const char*> keys, values;
  const std::string port = std::to_string(options.port);
  // libpq's own connect_timeout is whole seconds and only for the connect; the deadline below
  // covers the rest.
  const std::string connect_timeout =
      std::to_string(std::max<long long>(2, (options.timeout.count() + 999) / 1000));
  // Every value must outlive PQconnectStartParams: named strings, never temporaries.
  const std::string application_name = "keygate";
  auto add = [&](const char* key, const std::string& value) {
    if (value.empty()) return;
    keys.push_back(key);
    values.push_back(value.c_str());
  };
  add("dbname", options.url);  // expanded as a connection URL (expand_dbname below)
  if (options.url.empty()) {
    add("host", options.host);
    add("port", port);
    add("dbname", options.dbname);
    add("user", options.user);
  }
  add("password", options.password);
  add("connect_timeout", connect_timeout);
  add("application_name", application_name);
  keys.push_back(nullptr);
  values.push_back(nullptr);

  try {
    libpq();
  } catch (const std::runtime_error& missing) {
    throw pg_error(where_ + ": " + missing.what(), true);
  }
  deadline_ = std::chrono::steady_clock::now() + timeout_;
  conn_ = libpq().PQconnectStartParams(keys.data(), values.data(), 1);
  if (!conn_) throw pg_error(where_ + ": cannot allocate a connection", true);
  if (libpq().PQstatus(conn_) == CONNECTION_BAD) lose(pg_trimmed(libpq().PQerrorMessage(conn_)));
  for (auto state = PGRES_POLLING_WRITING; state != PGRES_POLLING_OK;
       state = libpq().PQconnectPoll(conn_)) {
    if (state == PGRES_POLLING_FAILED) lose(pg_trimmed(libpq().PQerrorMessage(conn_)));
    wait_for(state == PGRES_POLLING_READING ? POLLIN : POLLOUT);
  }
  if (libpq().PQsetnonblocking(conn_, 1) != 0) lose(pg_trimmed(libpq().PQerrorMessage(conn_)));
  // libpq prints the server's notices ("relation ... already exists, skipping") to stderr,
  // outside keygate's JSON log; none of them matters to a caller.
  libpq().PQsetNoticeProcessor(
      conn_, [](void*, const char*) {}, nullptr);
}

pg_connection::~pg_connection() {
  if (conn_) libpq().PQfinish(conn_);
}

bool pg_connection::ok() const {
  return conn_ && libpq().PQstatus(conn_) == CONNECTION_OK;
}

pg_rows pg_connection::exec(std::string_view sql, const std::vector<pg_param>& params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  return exec_values(sql, values);
}

pg_rows pg_connection::exec_values(std::string_view sql, const std::vector<const char*>& values) {
  if (!ok()) throw pg_error(where_ + ": not connected", true);
  deadline_ = std::chrono::steady_clock::now() + timeout_;
  const std::string text(sql);
  if (!libpq().PQsendQueryParams(conn_, text.c_str(), static_cast<int>(values.size()), nullptr,
                                 values.data(), nullptr, nullptr, 0))
    lose(pg_trimmed(libpq().PQerrorMessage(conn_)));
  return finish(text);
}

void pg_connection::exec_script(std::string_view sql) {
  if (!ok()) throw pg_error(where_ + ": not connected", true);
  deadline_ = std::chrono::steady_clock::now() + timeout_;
  const std::string text(sql);
  if (!libpq().PQsendQuery(conn_, text.c_str())) lose(pg_trimmed(libpq().PQerrorMessage(conn_)));
  finish(text);
}

pg_rows pg_connection::finish(std::string_view) {
  int flushed;
  while ((flushed = libpq().PQflush(conn_)) == 1) {
    wait_for(POLLOUT | POLLIN);
    if (!libpq().PQconsumeInput(conn_)) lose(pg_trimmed(libpq().PQerrorMessage(conn_)));
  }
  if (flushed < 0) lose(pg_trimmed(libpq().PQerrorMessage(conn_)));
  pg_rows last;
  std::optional<pg_error> refused;
  for (;;) {
    while (libpq().PQisBusy(conn_)) {
      wait_for(POLLIN);
      if (!libpq().PQconsumeInput(conn_)) lose(pg_trimmed(libpq().PQerrorMessage(conn_)));
    }
    PGresult* result = libpq().PQgetResult(conn_);
    if (!result) break;
    const auto status = libpq().PQresultStatus(result);
    if (status == PGRES_FATAL_ERROR || status == PGRES_BAD_RESPONSE ||
        status == PGRES_NONFATAL_ERROR) {
      if (!refused) {
        const char* state = libpq().PQresultErrorField(result, PG_DIAG_SQLSTATE);
        refused.emplace(where_ + ": " + pg_trimmed(libpq().PQresultErrorMessage(result)), false,
                        state ? state : "");
      }
      libpq().PQclear(result);
      continue;
    }
    last = pg_rows(result);
  }
  if (libpq().PQstatus(conn_) != CONNECTION_OK) lose(refused ? refused->what() : "connection lost");
  if (refused) throw *refused;
  return last;
}

void pg_connection::wait_for(short events) {
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline_ - std::chrono::steady_clock::now());
    if (left.count() <= 0) lose("no answer within " + std::to_string(timeout_.count()) + " ms");
    pollfd fd{libpq().PQsocket(conn_), events, 0};
    const int ready = ::poll(&fd, 1, static_cast<int>(left.count()));
    if (ready > 0) return;
    if (ready < 0 && errno != EINTR) lose("poll failed");
  }
}

void pg_connection::lose(const std::string& why) {
  if (conn_) libpq().PQfinish(conn_);
  conn_ = nullptr;
  // A message already naming the server is not prefixed twice.
  throw pg_error(why.starts_with(where_) ? why : where_ + ": " + why, true);
}

}  // namespace keygate
