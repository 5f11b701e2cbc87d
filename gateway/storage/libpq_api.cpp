#include "gateway/storage/libpq_api.hpp"

#include <dlfcn.h>

#include <stdexcept>
#include <string>

namespace keygate {

namespace {

constexpr const char* library_name = "libpq.so.5";

template <class Function>
void bind(void* library, Function& slot, const char* name) {
  void* address = ::dlsym(library, name);
  if (!address)
    throw std::runtime_error(std::string(library_name) + " has no " + name +
                             " (libpq 10 or newer is needed)");
  slot = reinterpret_cast<Function>(address);
}

libpq_api load() {
  // Never closed: the functions stay valid for the life of the process.
  void* library = ::dlopen(library_name, RTLD_NOW | RTLD_LOCAL);
  if (!library) {
    const char* why = ::dlerror();
    throw std::runtime_error(std::string("cannot load ") + library_name +
                             " for the PostgreSQL ledger (install the libpq5 package): " +
                             (why ? why : "unknown error"));
  }
  libpq_api api{};
#define KEYGATE_BIND(name) bind(library, api.name, #name)
  KEYGATE_BIND(PQconnectStartParams);
  KEYGATE_BIND(PQconnectPoll);
  KEYGATE_BIND(PQstatus);
  KEYGATE_BIND(PQerrorMessage);
  KEYGATE_BIND(PQsetnonblocking);
  KEYGATE_BIND(PQsetNoticeProcessor);
  KEYGATE_BIND(PQsocket);
  KEYGATE_BIND(PQfinish);
  KEYGATE_BIND(PQsendQuery);
  KEYGATE_BIND(PQsendQueryParams);
  KEYGATE_BIND(PQflush);
  KEYGATE_BIND(PQconsumeInput);
  KEYGATE_BIND(PQisBusy);
  KEYGATE_BIND(PQgetResult);
  KEYGATE_BIND(PQresultStatus);
  KEYGATE_BIND(PQresultErrorMessage);
  KEYGATE_BIND(PQresultErrorField);
  KEYGATE_BIND(PQclear);
  KEYGATE_BIND(PQntuples);
  KEYGATE_BIND(PQnfields);
  KEYGATE_BIND(PQgetisnull);
  KEYGATE_BIND(PQgetvalue);
  KEYGATE_BIND(PQgetlength);
  KEYGATE_BIND(PQcmdTuples);
#undef KEYGATE_BIND
  return api;
}

}  // namespace

const libpq_api& libpq() {
  static const libpq_api api = load();
  return api;
}

}  // namespace keygate
