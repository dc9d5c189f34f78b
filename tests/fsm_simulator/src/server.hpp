// The HTTP(S) server: accepts loopback connections, keeps them alive, bounds request sizes, and
// stops on SIGINT/SIGTERM.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "router.hpp"

namespace fsmsim {

struct server_options {
  std::string bind_address = "127.0.0.1";
  std::uint16_t port = 0;
  std::optional<std::filesystem::path> tls_cert, tls_key;
  unsigned threads = 2;
};

// Binds, calls `on_listening(url)` once the socket listens, then serves until a signal arrives.
// Throws std::runtime_error when it cannot bind or load the TLS material.
void run_server(server_state& state, const server_options& opts,
                const std::function<void(const std::string&)>& on_listening);

}  // namespace fsmsim
