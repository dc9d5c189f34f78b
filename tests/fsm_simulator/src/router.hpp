// Turns one HTTP request into the simulator's answer: the OAuth token endpoint, the FSM list
// endpoints, and the simulator's own /_sim admin endpoints.
#pragma once

#include <atomic>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <cstdint>

#include "faults.hpp"
#include "rate_limiter.hpp"
#include "skip_token.hpp"
#include "stats.hpp"
#include "tenant.hpp"
#include "token_store.hpp"

namespace fsmsim {

namespace http = boost::beast::http;

struct server_state {
  server_state(const tenant& t, credentials creds, std::chrono::seconds ttl,
               std::uint64_t revoke_after, std::uint64_t rate_per_minute, std::uint64_t salt,
               std::size_t page_size_)
      : data(t),
        tokens(std::move(creds), ttl, revoke_after),
        limiter(rate_per_minute),
        codec(salt),
        page_size(page_size_) {}

  const tenant& data;
  token_store tokens;
  rate_limiter limiter;
  fault_set faults;
  stats counters;
  skip_token_codec codec;
  std::size_t page_size;
  std::atomic<std::uint64_t> error_seq{0};
};

struct reply {
  http::response<http::string_body> res;
  bool drop = false;      // close the connection without answering
  unsigned delay_ms = 0;  // wait this long before answering
};

// Never throws for bad input: every problem becomes an error response.
reply handle_request(server_state& state, const http::request<http::string_body>& req);

}  // namespace fsmsim
