// OAuth access tokens from the FSM token endpoint, cached and renewed ahead of expiry.
#ifndef FSM_TOKEN_SOURCE_HPP
#define FSM_TOKEN_SOURCE_HPP

#include <chrono>
#include <fsm/request_runner.hpp>
#include <fsm/settings.hpp>
#include <string>

namespace fsm {

class token_source {
 public:
  token_source(const settings& s, request_runner& runner);

  // "Bearer <token>" for the Authorization header: the cached token, or a new one when there is
  // none or it expires within the renewal margin. Throws invsdk::error: UNAUTHENTICATED when the
  // token endpoint refuses the credential (the message says which one to renew), DATA when its
  // answer cannot be read, and the runner's statuses.
  const std::string& authorization();

  // Forgets the cached token (the API answered 401), so the next call fetches a new one.
  void invalidate() noexcept;

  // Tokens obtained so far.
  [[nodiscard]] int tokens_issued() const noexcept { return issued_; }

  // The renewal margin for a token lasting `lifetime`: a fifth of it, at most a minute.
  static std::chrono::milliseconds renewal_margin(std::chrono::seconds lifetime);

 private:
  void fetch();
  [[noreturn]] void refused(int http_status, const std::string& oauth_error) const;

  const settings& settings_;
  request_runner& runner_;
  std::string refresh_token_;  // may be rotated by the endpoint
  std::string authorization_;
  std::chrono::steady_clock::time_point renew_at_{};
  int issued_ = 0;
};

// application/x-www-form-urlencoded encoding of one value.
std::string form_encode(std::string_view value);

}  // namespace fsm

#endif  // FSM_TOKEN_SOURCE_HPP
