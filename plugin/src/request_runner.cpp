#include <fsm/request_runner.hpp>
#include <random>

namespace fsm {
namespace {

std::string verb_of(const http_request& r) {
  return r.post ? "POST" : "GET";
}

std::string seconds_text(std::chrono::milliseconds d) {
  const auto tenths = (d.count() + 50) / 100;
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " s";
}

std::string attempts_text(int n) {
  return n == 1 ? "after 1 attempt" : "after " + std::to_string(n) + " attempts";
}

}  // namespace

request_runner::request_runner(const settings& s, std::function<bool()> cancelled,
                               const invsdk::host* log)
    : settings_(s),
      cancelled_(std::move(cancelled)),
      log_(log),
      http_(s.ca_file, s.request_timeout, {}, s.proxies),
      pacer_(s.requests_per_minute),
      backoff_(s.retry_initial_delay, s.retry_max_delay, std::random_device{}()) {}

void request_runner::throw_if_cancelled() const {
  if (cancelled_ && cancelled_())
    throw invsdk::error(INVSDK_STATUS_CANCELLED, "the import was cancelled");
}

void request_runner::prefetch(const endpoint& server, const http_request& request) {
  if (prefetched_) return;  // one at a time: the next run() sends as usual
  throw_if_cancelled();
  if (!pacer_.acquire(cancelled_)) throw_if_cancelled();
  ++requests_;
  prefetched_.emplace(prefetched_attempt{
      server.connection_key(), request.target,
      worker_.submit<http_outcome>([this, server, request] { return http_.send(server, request); }),
      std::nullopt});
}

std::optional<http_outcome> request_runner::take_prefetched(const endpoint& server,
                                                            const http_request& request) {
  if (!prefetched_) return std::nullopt;
  auto& p = *prefetched_;
  if (!p.outcome) {
    try {
      p.outcome = p.in_flight.get();
    } catch (...) {
      prefetched_.reset();
      throw;
    }
  }
  if (request.post) return std::nullopt;
  std::optional<http_outcome> taken;
  if (p.connection_key == server.connection_key() && p.target == request.target)
    taken = std::move(p.outcome);
  prefetched_.reset();  // taken, or stale: this GET went elsewhere
  return taken;
}

http_response request_runner::run(const endpoint& server, const http_request& request) {
  const std::string what = verb_of(request) + " " + url_of(server, request.target);
  std::optional<http_outcome> prefetched = take_prefetched(server, request);
  for (int attempt = 0;; ++attempt) {
    http_outcome out;
    if (attempt == 0 && prefetched) {
      out = std::move(*prefetched);  // paced and counted when it was sent
    } else {
      throw_if_cancelled();
      if (!pacer_.acquire(cancelled_)) throw_if_cancelled();
      ++requests_;
      out = http_.send(server, request);
    }

    invsdk_status status = INVSDK_STATUS_IO;
    int http_status = 0;
    std::string problem;
    std::optional<std::chrono::milliseconds> retry_after;
    // Set when asking again cannot change the answer: the request fails at once.
    bool permanent = false;
    switch (out.failure) {
      case transport_failure::none:
        if (!is_retryable_http_status(out.response.status)) return std::move(out.response);
        http_status = out.response.status;
        status = http_status == 429 ? INVSDK_STATUS_RATE_LIMITED : INVSDK_STATUS_IO;
        if (http_status == 429) ++throttled_;
        problem = "HTTP " + std::to_string(http_status);
        if (http_status == 429 || http_status == 503)
          retry_after =
              parse_retry_after(out.response.retry_after, std::chrono::system_clock::now());
        break;
      case transport_failure::tls_verify:
        throw invsdk::error(INVSDK_STATUS_INVALID_CONFIG,
                            out.detail +
                                ": the server is not who it claims to be, or its CA is "
                                "not trusted here (add the CA certificate with the "
                                "setting 'ca_file')");
      case transport_failure::too_large:
        throw invsdk::error(INVSDK_STATUS_DATA, what + ": " + out.detail);
      case transport_failure::timeout:
        status = INVSDK_STATUS_TIMEOUT;
        problem = "no answer within " + std::to_string(settings_.request_timeout.count()) + " s";
        break;
      case transport_failure::resolve_timeout:
        status = INVSDK_STATUS_TIMEOUT;
        problem = out.detail;
        break;
      case transport_failure::io:
        status = INVSDK_STATUS_IO;
        problem = out.detail;
        break;
      case transport_failure::name_not_found:
        status = INVSDK_STATUS_IO;
        problem =
            out.detail + ": check the host in 'api_url' / 'token_url' / 'region' or the proxy";
        permanent = true;
        break;
      case transport_failure::proxy_auth:
        throw invsdk::error(INVSDK_STATUS_INVALID_CONFIG,
                            what + ": " + out.detail +
                                ": check 'proxy_username' and 'proxy_password' (or the user and "
                                "password in the proxy environment variable)");
      case transport_failure::proxy_refused:
        status = INVSDK_STATUS_IO;
        problem = out.detail;
        permanent = true;
        break;
    }

    const bool budget_left = retries_ < static_cast<uint64_t>(settings_.max_total_retries);
    if (permanent || attempt >= settings_.max_retries || !budget_left) {
      const std::string why = permanent || budget_left
                                  ? attempts_text(attempt + 1)
                                  : "and the run's retry budget (" +
                                        std::to_string(settings_.max_total_retries) +
                                        " retries) is spent";
      throw invsdk::error(status, what + " failed " + why + ": " + problem, http_status);
    }
    const auto jittered = backoff_.delay(attempt);
    const auto cap = retry_after ? std::max<std::chrono::milliseconds>(settings_.retry_max_delay,
                                                                       std::chrono::minutes(5))
                                 : settings_.retry_max_delay;
    const auto wait = wait_before_retry(retry_after, jittered, cap);
    if (log_ != nullptr)
      log_->warn(what + ": " + problem + "; retry " + std::to_string(attempt + 1) + " of " +
                 std::to_string(settings_.max_retries) + " in " + seconds_text(wait));
    ++retries_;
    if (!interruptible_sleep(wait, cancelled_)) throw_if_cancelled();
  }
}

}  // namespace fsm
