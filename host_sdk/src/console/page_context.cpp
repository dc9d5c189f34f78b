#include "page_context.hpp"

#include <invhost/http/text_encoding.hpp>

namespace invhost::console {

store& page_context::db() {
  if (!lease_) lease_.emplace(state.pool.borrow());
  return lease_->db();
}

std::string page_context::link(std::string_view path,
                               std::vector<std::pair<std::string, std::string>> query) const {
  if (as_of_chosen) query.emplace_back("as_of", as_of);
  std::string out(path);
  if (!query.empty()) out += "?" + http::query_string(query);
  return out;
}

}  // namespace invhost::console
