// Sends requests with pacing and retries: every attempt takes a pacing token; 429, 5xx,
// timeouts and dropped connections are retried with capped, jittered backoff, bounded per
// request and per run. Never restarts a stream: it retries one request.
#ifndef FSM_REQUEST_RUNNER_HPP
#define FSM_REQUEST_RUNNER_HPP

#include <cstdint>
#include <fsm/background_worker.hpp>
#include <fsm/http_client.hpp>
#include <fsm/pacer.hpp>
#include <fsm/retry_policy.hpp>
#include <fsm/settings.hpp>
#include <functional>
#include <future>
#include <invsdk/adapter_base.hpp>
#include <optional>
#include <string>

namespace fsm {

class request_runner {
 public:
  // log: where retries are reported (may be null). cancelled: polled between and during waits.
  request_runner(const settings& s, std::function<bool()> cancelled, const invsdk::host* log);

  // Sends request to server until it gets a response that is not retryable, and returns it
  // (2xx or a non-retryable status for the caller to judge). Throws invsdk::error:
  // RATE_LIMITED (429 to the end), IO (5xx, resets), TIMEOUT, with the HTTP status when there
  // was one; INVALID_CONFIG for an unverifiable certificate; DATA for an oversized response;
  // CANCELLED when the host asked to stop.
  http_response run(const endpoint& server, const http_request& request);

  // Starts the first attempt of request now, in the background, so that the server prepares the
  // next page while the caller maps and stores the current one. The pacing token is taken here,
  // on the caller's thread; the background side only sends and reads, and calls no host service.
  // The run() that follows for the same server and target takes its outcome as its first attempt
  // (retries as usual); a run() for another GET drops it. One prefetch at a time.
  void prefetch(const endpoint& server, const http_request& request);

  [[nodiscard]] uint64_t requests() const noexcept { return requests_; }
  [[nodiscard]] uint64_t retries() const noexcept { return retries_; }
  // Answers that asked to slow down (HTTP 429), retried or not.
  [[nodiscard]] uint64_t throttled() const noexcept { return throttled_; }
  [[nodiscard]] std::size_t connections_opened() const noexcept {
    return http_.connections_opened();
  }
  // Throws invsdk::error(CANCELLED) when the host asked to stop.
  void throw_if_cancelled() const;

 private:
  const settings& settings_;
  std::function<bool()> cancelled_;
  const invsdk::host* log_;
  http_client http_;
  pacer pacer_;
  backoff backoff_;
  uint64_t requests_ = 0;
  uint64_t retries_ = 0;
  uint64_t throttled_ = 0;

  struct prefetched_attempt {
    std::string connection_key;
    std::string target;
    std::future<http_outcome> in_flight;  // valid until waited for
    std::optional<http_outcome> outcome;  // once waited for
  };
  // Waits for the background attempt, if any (the client serves one request at a time), and
  // returns its outcome when it was for this GET. A POST leaves it for the GET that follows.
  std::optional<http_outcome> take_prefetched(const endpoint& server, const http_request& request);

  std::optional<prefetched_attempt> prefetched_;
  // Last member: destroyed first, waiting for the request in hand, which uses http_.
  background_worker worker_;
};

}  // namespace fsm

#endif  // FSM_REQUEST_RUNNER_HPP
