#include "list_query.hpp"

namespace fsmsim {

page_slice take_page(std::size_t size, std::size_t offset, std::size_t page_size,
                     const std::function<bool(std::size_t)>& included) {
  page_slice out;
  std::size_t pos = offset;
  for (; pos < size && out.positions.size() < page_size; ++pos) {
    if (included(pos)) out.positions.push_back(pos);
  }
  for (; pos < size; ++pos) {
    if (included(pos)) {
      out.next_offset = pos;
      break;
    }
  }
  return out;
}

}  // namespace fsmsim
