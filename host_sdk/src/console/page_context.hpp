// One request as a page sees it: who asks, the date they look at, the configuration and a
// database connection borrowed for the request.
#ifndef INVHOST_CONSOLE_PAGE_CONTEXT_HPP
#define INVHOST_CONSOLE_PAGE_CONTEXT_HPP

#include <cstdint>
#include <invhost/accounts/roles.hpp>
#include <invhost/http/request.hpp>
#include <invhost/http/response.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "console_state.hpp"

namespace invhost::console {

struct signed_in {
  std::int64_t id = 0;
  std::string name;
  accounts::role role = accounts::role::viewer;
  std::string csrf;  // the session's CSRF token (empty with proxy-header sign-in: no session)
};

class page_context {
 public:
  page_context(const http::request& request, http::response& response, console_state& shared)
      : req(request), res(response), state(shared), host(shared.hosts.current()) {}

  const http::request& req;
  http::response& res;
  console_state& state;
  std::shared_ptr<const host_snapshot> host;
  std::optional<signed_in> user;
  std::string as_of;          // the date the page shows (YYYY-MM-DD)
  bool as_of_chosen = false;  // ?as_of= named it: links keep it

  // The request's database connection, borrowed on first use.
  store& db();
  [[nodiscard]] bool may(accounts::action a) const { return user && accounts::may(user->role, a); }
  // path?query with this page's as_of kept, the pairs url-encoded.
  [[nodiscard]] std::string link(std::string_view path,
                                 std::vector<std::pair<std::string, std::string>> query = {}) const;

 private:
  std::optional<store_pool::lease> lease_;
};

}  // namespace invhost::console

#endif
