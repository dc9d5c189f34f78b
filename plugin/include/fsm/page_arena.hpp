// Memory for the JSON tree of one response page, recycled from page to page.
//
// Boost.JSON's default storage makes one heap allocation per key, string, object and array: about
// 24 an app user, half of all the allocations of an import. A page's tree lives only while the
// page is mapped, so it is built in one buffer by bump allocation instead and dropped whole, with
// no destructor walk. When the tree is gone the buffer goes back to a pool and the next page is
// built in the same memory: no fresh pages from the kernel per response. The buffer settles at
// the size of the largest tree met, up to 512 KiB; a bigger tree spills into ordinary blocks that
// are freed with it.
#ifndef FSM_PAGE_ARENA_HPP
#define FSM_PAGE_ARENA_HPP

#include <boost/json/storage_ptr.hpp>
#include <cstddef>

namespace fsm {

// Storage for a tree parsed from a body of body_bytes. The buffer returns to the pool when the
// last value using it is destroyed, never earlier: a tree kept beyond its page stays valid.
boost::json::storage_ptr page_storage(std::size_t body_bytes);

}  // namespace fsm

#endif  // FSM_PAGE_ARENA_HPP
