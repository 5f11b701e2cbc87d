// libpq, loaded the first time keygate connects to PostgreSQL rather than when it starts.
// Linked at start, libpq brings LDAP, Kerberos and GnuTLS with it: about 3 MB resident in every
// keygate, most of which never configure a PostgreSQL ledger (bench/README.md, idle RSS).
#pragma once

#include <libpq-fe.h>

namespace keygate {

// The libpq functions pg_connection calls, under their own names.
struct libpq_api {
  decltype(&::PQconnectStartParams) PQconnectStartParams;
  decltype(&::PQconnectPoll) PQconnectPoll;
  decltype(&::PQstatus) PQstatus;
  decltype(&::PQerrorMessage) PQerrorMessage;
  decltype(&::PQsetnonblocking) PQsetnonblocking;
  decltype(&::PQsetNoticeProcessor) PQsetNoticeProcessor;
  decltype(&::PQsocket) PQsocket;
  decltype(&::PQfinish) PQfinish;
  decltype(&::PQsendQuery) PQsendQuery;
  decltype(&::PQsendQueryParams) PQsendQueryParams;
  decltype(&::PQflush) PQflush;
  decltype(&::PQconsumeInput) PQconsumeInput;
  decltype(&::PQisBusy) PQisBusy;
  decltype(&::PQgetResult) PQgetResult;
  decltype(&::PQresultStatus) PQresultStatus;
  decltype(&::PQresultErrorMessage) PQresultErrorMessage;
  decltype(&::PQresultErrorField) PQresultErrorField;
  decltype(&::PQclear) PQclear;
  decltype(&::PQntuples) PQntuples;
  decltype(&::PQnfields) PQnfields;
  decltype(&::PQgetisnull) PQgetisnull;
  decltype(&::PQgetvalue) PQgetvalue;
  decltype(&::PQgetlength) PQgetlength;
  decltype(&::PQcmdTuples) PQcmdTuples;
};

// Loads libpq.so.5 once (thread-safe); throws std::runtime_error saying which library or
// function is missing when it cannot.
const libpq_api& libpq();

}  // namespace keygate
