#include <fsm/hash_set64.hpp>
#include <fsm/term_index.hpp>
#include <invsdk/adapter_base.hpp>
#include <limits>

namespace fsm {

term_index::text_ref term_index::append_text(std::string_view s) {
  // Offsets are 32-bit: 4 GiB of ids is far past any tenant, and past the connector's input bounds.
  if (text_.size() + s.size() > std::numeric_limits<uint32_t>::max())
    throw invsdk::error(INVSDK_STATUS_DATA, "more license term ids than the connector can index");
  const text_ref r{static_cast<uint32_t>(text_.size()), static_cast<uint32_t>(s.size())};
  text_.append(s);
  return r;
}

uint32_t term_index::license_number(std::string_view license_id) {
  if (licenses_.empty() || text(licenses_.back()) != license_id)
    licenses_.push_back(append_text(license_id));
  return static_cast<uint32_t>(licenses_.size() - 1);
}

std::size_t term_index::slot_of(std::string_view term_id) const {
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = static_cast<std::size_t>(hash64(term_id)) & mask;; i = (i + 1) & mask) {
    if (slots_[i] == 0 || text(entries_[slots_[i] - 1].term) == term_id) return i;
  }
}

void term_index::grow() {
  std::vector<uint32_t> bigger(slots_.empty() ? 256 : slots_.size() * 2, 0);
  slots_.swap(bigger);
  for (std::size_t e = 0; e < entries_.size(); ++e)
    slots_[slot_of(text(entries_[e].term))] = static_cast<uint32_t>(e + 1);
}

void term_index::add(std::string_view term_id, std::string_view license_id) {
  if ((entries_.size() + 1) * 2 > slots_.size()) grow();  // load at most one half
  const std::size_t slot = slot_of(term_id);
  const uint32_t license = license_number(license_id);
  if (slots_[slot] != 0) {
    entries_[slots_[slot] - 1].license = license;
    return;
  }
  entries_.push_back({append_text(term_id), license});
  slots_[slot] = static_cast<uint32_t>(entries_.size());
}

std::optional<std::string_view> term_index::license_of(std::string_view term_id) const {
  if (slots_.empty()) return std::nullopt;
  const uint32_t e = slots_[slot_of(term_id)];
  if (e == 0) return std::nullopt;
  return text(licenses_[entries_[e - 1].license]);
}

}  // namespace fsm
