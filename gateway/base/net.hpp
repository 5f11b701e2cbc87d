// Short names for the Asio and Beast namespaces used across keygate.
#pragma once

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace keygate {

namespace net = boost::asio;

template <class T = void>
using task = net::awaitable<T>;

// Completion token that reports errors as a value instead of throwing: the hot path never unwinds.
inline constexpr auto use_nothrow = net::as_tuple(net::use_awaitable);

}  // namespace keygate
