#include "token_store.hpp"

#include <openssl/rand.h>

#include <boost/url/parse_query.hpp>
#include <stdexcept>

namespace fsmsim {

bool secrets_equal(std::string_view a, std::string_view b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (std::size_t i = 0; i < a.size(); ++i) {
    diff |= static_cast<unsigned char>(a[i] ^ (i < b.size() ? b[i] : 0));
  }
  return diff == 0;
}

token_store::token_store(credentials creds, std::chrono::seconds ttl, std::uint64_t revoke_after)
    : creds_(std::move(creds)), ttl_(ttl), revoke_after_(revoke_after) {}

token_grant token_store::issue() {
  unsigned char raw[24];
  if (RAND_bytes(raw, sizeof raw) != 1) throw std::runtime_error("RAND_bytes failed");
  static constexpr char hex[] = "0123456789abcdef";
  std::string token = "sim-at-";
  for (unsigned char c : raw) {
    token += hex[c >> 4];
    token += hex[c & 15];
  }
  const auto now = std::chrono::steady_clock::now();
  if (tokens_.size() > 100000)
    std::erase_if(tokens_, [&](const auto& kv) { return kv.second <= now; });
  tokens_[token] = now + ttl_;
  ++issued_;
  return token_grant{token, creds_.refresh_token, ttl_.count()};
}

grant_result token_store::exchange(std::string_view form_body) {
  grant_result r;
  auto params = boost::urls::parse_query(form_body);
  std::string grant_type, refresh, id, secret;
  if (params) {
    for (auto p : *params) {
      if (p.key == "grant_type")
        grant_type = p.value;
      else if (p.key == "refresh_token")
        refresh = p.value;
      else if (p.key == "client_id")
        id = p.value;
      else if (p.key == "client_secret")
        secret = p.value;
    }
  }
  std::lock_guard lock(mutex_);
  const auto refuse = [&](grant_error e, std::string why) {
    ++refused_;
    r.error = e;
    r.description = std::move(why);
    return r;
  };
  if (grant_type.empty()) return refuse(grant_error::invalid_request, "grant_type is missing");
  bool ok = false;
  if (grant_type == "refresh_token") {
    if (refresh.empty()) return refuse(grant_error::invalid_request, "refresh_token is missing");
    ok = !creds_.refresh_token.empty() && secrets_equal(refresh, creds_.refresh_token);
    if (!ok) return refuse(grant_error::invalid_grant, "the refresh token is invalid or expired");
  } else if (grant_type == "client_credentials") {
    ok = !creds_.client_id.empty() && secrets_equal(id, creds_.client_id) &&
         secrets_equal(secret, creds_.client_secret);
    if (!ok) return refuse(grant_error::invalid_client, "client authentication failed");
  } else {
    return refuse(grant_error::unsupported_grant_type, "grant_type is not supported");
  }
  if (revoke_after_ != 0 && issued_ >= revoke_after_) {
    return refuse(grant_error::invalid_grant, "the credential has been revoked");
  }
  r.grant = issue();
  return r;
}

bool token_store::valid(std::string_view token) {
  std::lock_guard lock(mutex_);
  const auto it = tokens_.find(std::string(token));
  return it != tokens_.end() && std::chrono::steady_clock::now() < it->second;
}

void token_store::expire_all() {
  std::lock_guard lock(mutex_);
  tokens_.clear();
}

std::uint64_t token_store::issued() const {
  std::lock_guard lock(mutex_);
  return issued_;
}

std::uint64_t token_store::refused() const {
  std::lock_guard lock(mutex_);
  return refused_;
}

}  // namespace fsmsim
