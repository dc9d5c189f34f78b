// A refusal by the accounts library: what is wrong and what to do about it. Never contains a
// password or a token.
#ifndef INVHOST_ACCOUNTS_ACCOUNT_ERROR_HPP
#define INVHOST_ACCOUNTS_ACCOUNT_ERROR_HPP

#include <stdexcept>
#include <string>

namespace invhost::accounts {

class account_error : public std::runtime_error {
 public:
  account_error(const std::string& message, std::string hint)
      : std::runtime_error(message), hint_(std::move(hint)) {}
  [[nodiscard]] const std::string& hint() const noexcept { return hint_; }

 private:
  std::string hint_;
};

}  // namespace invhost::accounts

#endif
