// The license positions the console's pages share: building the report of every license is the
// costly part of a page on a large tenant, and it changes only when the data under it does.
// Entries are keyed by what makes a report (configuration, date, reconciliation) and carry the
// data version they were built from; a request whose version differs rebuilds, so a page never
// shows a set older than the last committed edit, merge or run.
#ifndef INVHOST_CONSOLE_POSITIONS_CACHE_HPP
#define INVHOST_CONSOLE_POSITIONS_CACHE_HPP

#include <cstdint>
#include <deque>
#include <functional>
#include <invhost/views/applications.hpp>
#include <invhost/views/license_list.hpp>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace invhost {
class store;
}

namespace invhost::console {

struct host_snapshot;

// What the inventory looked like when a report was built: a value that changes whenever a
// committed write changes anything a report shows (see data_version_of).
using data_version = std::string;

// One cheap statement over the tables a report or a license's details read: the newest ids of the
// append-only logs (local edits, license changes, runs, reconciliations) and row counts of the
// tables that lose rows. Every local edit of a license writes license_edits in its own transaction;
// a merge writes license_changes and marks its run merged.
data_version data_version_of(store& db);

// A license set and what pages derive from it alone, built at most once per data version: a
// license's row by id (the license page looks one up in thousands) and the applications view (the
// overview charts it on every visit).
class positions {
 public:
  explicit positions(views::license_set set);

  const views::license_set& set() const noexcept { return set_; }
  // The row of license `id`; nullptr when the set has none.
  const views::license_row* find(std::int64_t id) const;

  using applications_builder =
      std::function<std::vector<views::application_row>(const views::license_set&)>;
  // The applications of the set: `build`'s result for the first caller, kept for every later one
  // (a caller arriving during the build waits for it). Applications change only with a merge,
  // which changes the data version, so they are as fresh as the set.
  const std::vector<views::application_row>& applications(const applications_builder& build) const;

  // A value a page derives from the data version of the set (the overview's figures and charts, a
  // license's consuming users): `build`'s result for the first caller of `key`, kept with the set
  // and so as fresh as it. A key always names values of one type T. Two first callers at once may
  // both build; the first kept wins. The newest `max_derived` keys are kept.
  template <typename T>
  std::shared_ptr<const T> derived(const std::string& key, const std::function<T()>& build) const {
    {
      std::lock_guard lock(derived_mutex_);
      if (const auto it = derived_.find(key); it != derived_.end())
        return std::static_pointer_cast<const T>(it->second);
    }
    std::shared_ptr<const void> value = std::make_shared<const T>(build());
    std::lock_guard lock(derived_mutex_);
    const auto [it, added] = derived_.try_emplace(key, std::move(value));
    if (added) {
      derived_order_.push_back(key);
      if (derived_order_.size() > max_derived) {
        derived_.erase(derived_order_.front());
        derived_order_.pop_front();
      }
    }
    return std::static_pointer_cast<const T>(it->second);
  }
  static constexpr std::size_t max_derived = 64;

 private:
  views::license_set set_;
  std::unordered_map<std::int64_t, std::size_t> row_of_id_;  // index into set_.rows
  mutable std::once_flag applications_built_;
  mutable std::vector<views::application_row> applications_;
  mutable std::mutex derived_mutex_;
  mutable std::unordered_map<std::string, std::shared_ptr<const void>> derived_;
  mutable std::deque<std::string> derived_order_;  // oldest first
};

class positions_cache {
 public:
  // At most `capacity` reports are kept (a report of the large tenant is a few MiB): the newest
  // dates looked at.
  explicit positions_cache(std::size_t capacity = 4) : capacity_(capacity) {}

  using builder = std::function<views::license_set()>;
  // The set for (config, day, reconciliation_id) at `version`: the kept one when it was built at
  // that version, else `build()`'s, kept for the next request. Thread-safe; two requests that miss
  // together may both build (the same result), which is cheaper than making one wait on a lock.
  std::shared_ptr<const positions> get(const std::shared_ptr<const host_snapshot>& config,
                                       const std::string& day, std::int64_t reconciliation_id,
                                       const data_version& version, const builder& build);

 private:
  struct entry {
    std::shared_ptr<const host_snapshot> config;  // held, so its address is not reused
    std::string day;
    std::int64_t reconciliation_id = 0;
    data_version version;
    std::shared_ptr<const positions> set;
  };

  std::size_t capacity_;
  std::mutex mutex_;
  std::list<entry> entries_;  // most recently used first
};

}  // namespace invhost::console

#endif
