// The OAuth side: which credentials are accepted, the access tokens handed out and their expiry.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace fsmsim {

struct credentials {
  std::string refresh_token;  // empty: refresh_token grant refused
  std::string client_id;      // empty: client_credentials grant refused
  std::string client_secret;
};

struct token_grant {
  std::string access_token;
  std::string refresh_token;
  std::int64_t expires_in = 0;
};

enum class grant_error { invalid_request, unsupported_grant_type, invalid_grant, invalid_client };

struct grant_result {
  std::optional<token_grant> grant;
  grant_error error = grant_error::invalid_grant;
  std::string description;
};

class token_store {
 public:
  // revoke_after: refuse every exchange after that many successful ones (0: never).
  token_store(credentials creds, std::chrono::seconds ttl, std::uint64_t revoke_after);

  // Handles a form-encoded token request body.
  grant_result exchange(std::string_view form_body);
  // True when `token` was issued and has not expired.
  bool valid(std::string_view token);
  // Makes every issued access token expire now (admin endpoint, for expiry tests).
  void expire_all();
  std::uint64_t issued() const;
  std::uint64_t refused() const;

 private:
  token_grant issue();
  credentials creds_;
  std::chrono::seconds ttl_;
  std::uint64_t revoke_after_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::chrono::steady_clock::time_point> tokens_;
  std::uint64_t issued_ = 0, refused_ = 0;
};

// Constant-time comparison of two secrets.
bool secrets_equal(std::string_view a, std::string_view b);

}  // namespace fsmsim
