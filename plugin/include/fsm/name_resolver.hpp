// Host-name resolution with a time limit of its own. The system resolver (getaddrinfo) cannot be
// interrupted, and asio's resolver waits for it however long it takes: a DNS server that does
// not answer would hold a request for the resolver's own timeouts and attempts. Here the lookup
// runs in the C library's asynchronous resolver and the caller stops waiting at the limit.
#ifndef FSM_NAME_RESOLVER_HPP
#define FSM_NAME_RESOLVER_HPP

#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace fsm {

enum class resolution_failure {
  none,
  not_found,  // the name does not exist or has no address: asking again will not help
  timeout,    // no answer within the limit
  failed,     // a temporary or system failure
};

struct resolution {
  resolution_failure failure = resolution_failure::none;
  std::string detail;  // the resolver's reason, for messages
  std::vector<boost::asio::ip::tcp::endpoint> addresses;
};

class name_resolver {
 public:
  name_resolver();
  ~name_resolver();
  name_resolver(const name_resolver&) = delete;
  name_resolver& operator=(const name_resolver&) = delete;

  resolution resolve(const std::string& host, const std::string& port,
                     std::chrono::milliseconds limit);

 private:
  struct lookup;
  // Lookups given up on at their limit: the C library still writes into them until it is done,
  // so they are kept until then.
  std::vector<std::unique_ptr<lookup>> abandoned_;
  void release_finished();
};

}  // namespace fsm

#endif  // FSM_NAME_RESOLVER_HPP
