// The license positions a page shows: the reconciliation of the page's date (computed under the
// host lock on first need, as the CLI's report does), with the report's options as the host's
// settings give them. Built once per data version and shared by every request (positions_cache).
#ifndef INVHOST_CONSOLE_POSITIONS_HPP
#define INVHOST_CONSOLE_POSITIONS_HPP

#include <boost/json/value.hpp>
#include <functional>
#include <invhost/views/license_list.hpp>
#include <memory>
#include <string>

#include "page_context.hpp"
#include "positions_cache.hpp"

namespace invhost::console {

// A shared, read-only license set: reads like a views::license_set (report, rows) and passes as
// one, while the set it holds stays alive for the request even if the cache drops it.
class shared_positions {
 public:
  explicit shared_positions(std::shared_ptr<const positions> held)
      : held_(std::move(held)), report(held_->set().report), rows(held_->set().rows) {}
  // NOLINTNEXTLINE(google-explicit-constructor): pages pass it where a license_set is read.
  operator const views::license_set&() const noexcept { return held_->set(); }

  // The row of license `id` (nullptr: none), found without a scan.
  const views::license_row* find(std::int64_t id) const { return held_->find(id); }
  // views::applications of the set, computed once per data version.
  const std::vector<views::application_row>& applications(page_context& ctx) const;
  // A value derived from the set alone, kept with it (positions::derived).
  template <typename T>
  std::shared_ptr<const T> derived(const std::string& key, const std::function<T()>& build) const {
    return held_->derived<T>(key, build);
  }

 private:
  std::shared_ptr<const positions> held_;

 public:
  const boost::json::object& report;
  const std::vector<views::license_row>& rows;
};

shared_positions load_positions(page_context& ctx);

// A report value as a page shows it: "—" for null (unknown, not zero), lists joined by "; ".
std::string shown(const boost::json::value& v);

// The query string of a request (after '?'), "" when none.
std::string_view query_part(const http::request& req);

}  // namespace invhost::console

#endif
