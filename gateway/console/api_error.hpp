// The console API's errors, {"error": {"message", "code"}} with an HTTP status, and the value a
// console job returns: its result or the error to answer with.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>

namespace keygate::console {

struct api_error {
  int status = 500;
  std::string code;
  std::string message;

  std::string to_json() const;
};

api_error bad_request(std::string message, std::string code = "invalid_request");
api_error not_found(std::string what);  // "No such conversation."

// Thrown by the store's synchronous code (on the database threads) and turned into an api_error
// at the pool's edge: a coroutine only ever sees the value.
class api_failure : public std::runtime_error {
 public:
  explicit api_failure(api_error error)
      : std::runtime_error(error.message), error_(std::move(error)) {}
  const api_error& error() const { return error_; }

 private:
  api_error error_;
};

template <class T>
struct api_result {
  std::optional<T> value;
  std::optional<api_error> error;

  explicit operator bool() const { return value.has_value(); }
  T& operator*() { return *value; }
  T* operator->() { return &*value; }
};

}  // namespace keygate::console
