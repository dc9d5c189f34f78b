// Which license each agreement term belongs to, filled from the licenses stream and read for every
// app user's payment allocations. Exact: term ids are compared in full, never by hash alone.
#ifndef FSM_TERM_INDEX_HPP
#define FSM_TERM_INDEX_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fsm {

// An unordered_map<string, string> spent ~170 bytes a term (node, two heap strings, bucket) and
// kept each license id once per term. Here all ids live back to back in one text, a license id
// once per run of its terms, and the table holds 4-byte entry numbers: ~50 bytes a term.
class term_index {
 public:
  // term_id belongs to license_id. A term id added again takes the later license.
  void add(std::string_view term_id, std::string_view license_id);
  // The license term_id belongs to; nothing when no license has that term. The view is valid
  // until the next add.
  [[nodiscard]] std::optional<std::string_view> license_of(std::string_view term_id) const;
  [[nodiscard]] std::size_t size() const noexcept { return entries_.size(); }

 private:
  struct text_ref {
    uint32_t offset = 0;
    uint32_t length = 0;
  };
  struct entry {
    text_ref term;
    uint32_t license = 0;  // index into licenses_
  };

  [[nodiscard]] std::string_view text(text_ref r) const noexcept {
    return std::string_view(text_).substr(r.offset, r.length);
  }
  text_ref append_text(std::string_view s);
  uint32_t license_number(std::string_view license_id);
  // The slot holding term_id, or the free slot where it would go.
  [[nodiscard]] std::size_t slot_of(std::string_view term_id) const;
  void grow();

  std::string text_;                // every term id and license id, back to back
  std::vector<text_ref> licenses_;  // distinct in runs: a license's terms arrive together
  std::vector<entry> entries_;
  std::vector<uint32_t> slots_;  // open addressing over entries_: entry number + 1, 0 = free
};

}  // namespace fsm

#endif  // FSM_TERM_INDEX_HPP
