// Walks a paged FSM list: follows nextPage until it is absent, one page at a time.
#ifndef FSM_PAGER_HPP
#define FSM_PAGER_HPP

#include <boost/json/array.hpp>
#include <cstdint>
#include <fsm/api_client.hpp>
#include <functional>
#include <string>
#include <string_view>

namespace fsm {

// Resolves a nextPage value against the API server: a path ("/saas/v1/...?skipToken=..."), a
// relative reference or an absolute URL on the same server. Returns the request target (path and
// query). Throws invsdk::error(DATA) when it points elsewhere or cannot be read.
std::string next_page_target(const endpoint& api, std::string_view base_target,
                             std::string_view next_page);

// Calls on_page(values, page_number) for each page of the list starting at first_target, in
// order, as each arrives. Throws invsdk::error(DATA) when a page is not {"values": [...]},
// nextPage comes back to a page already read ("nextPage loops"), or the list goes on after
// max_pages pages (the setting max_pages; those pages are handed over first), and whatever
// get_json or on_page throw. what names the list in messages ("licenses").
void for_each_page(api_client& api, const endpoint& server, const std::string& first_target,
                   std::string_view what, uint64_t max_pages,
                   const std::function<void(const boost::json::array&, uint64_t)>& on_page);

}  // namespace fsm

#endif  // FSM_PAGER_HPP
