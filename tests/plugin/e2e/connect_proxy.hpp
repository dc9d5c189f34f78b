// An HTTP CONNECT proxy on loopback for the tests: it counts what it is asked, can demand Basic
// credentials or refuse with a given status, and pipes bytes both ways. It only ever connects to
// 127.0.0.1, whatever host a CONNECT names, so a test can give the server a name that resolves
// nowhere else (the client must leave resolving it to the proxy).
#ifndef FSM_E2E_CONNECT_PROXY_HPP
#define FSM_E2E_CONNECT_PROXY_HPP

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace e2e {

class connect_proxy {
 public:
  struct options {
    std::string required_credentials;  // "user:password" it demands (407 otherwise); empty: none
    int refuse_with = 0;               // answer every CONNECT with this status; 0: tunnel
    std::uint16_t tunnel_to_port = 0;  // port on 127.0.0.1 every tunnel goes to; 0: the asked one
  };

  connect_proxy();
  explicit connect_proxy(options o);
  ~connect_proxy();
  connect_proxy(const connect_proxy&) = delete;
  connect_proxy& operator=(const connect_proxy&) = delete;

  // "http://127.0.0.1:port"
  [[nodiscard]] std::string url() const;
  // CONNECT requests read, answered or not.
  [[nodiscard]] std::size_t connect_requests() const;
  // Tunnels opened (200 answered).
  [[nodiscard]] std::size_t tunnels() const;
  // The target of the last CONNECT ("host:port").
  [[nodiscard]] std::string last_target() const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

}  // namespace e2e

#endif  // FSM_E2E_CONNECT_PROXY_HPP
