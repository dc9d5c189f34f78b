// One page of a list: which items, from which offset, and where the next page starts.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <vector>

namespace fsmsim {

struct page_slice {
  std::vector<std::size_t> positions;      // positions in the list, in order
  std::optional<std::size_t> next_offset;  // absent on the last page
};

// Takes up to `page_size` positions from [offset, size) for which `included` holds. The next
// page starts at the next included position; there is none when no included position is left,
// so a page is never followed by an empty one.
page_slice take_page(std::size_t size, std::size_t offset, std::size_t page_size,
                     const std::function<bool(std::size_t)>& included);

}  // namespace fsmsim
