// The data the simulator serves: managed apps, license agreements and app users of one org, each
// as the full object of the API's default view. Implementations are read-only after construction
// and therefore safe to share between server threads.
#pragma once

#include <boost/json/object.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "dates.hpp"

namespace fsmsim {

class tenant {
 public:
  virtual ~tenant() = default;

  virtual std::int64_t org_id() const = 0;
  // The date the tenant's activity is measured against (includeAll=false cut-off).
  virtual days_t reference_date() const = 0;

  virtual std::size_t app_count() const = 0;
  // Managed app `i` (0 <= i < app_count()) with its licenses embedded, default view.
  virtual boost::json::object app(std::size_t i) const = 0;
  virtual std::optional<std::size_t> find_app(std::string_view id) const = 0;

  virtual std::size_t license_count() const = 0;
  virtual boost::json::object license(std::size_t i) const = 0;

  // App users, in one org-wide order; each app's users are a subsequence of it.
  virtual std::size_t user_count() const = 0;
  virtual boost::json::object user(std::size_t i) const = 0;
  // False for users FSM leaves out unless includeAll=true (deactivated, or no activity since the
  // app's activity threshold).
  virtual bool user_included_by_default(std::size_t i) const = 0;
  virtual std::size_t app_user_count(std::size_t app) const = 0;
  // The org-wide index of the k-th user of `app`.
  virtual std::size_t app_user_index(std::size_t app, std::size_t k) const = 0;
};

}  // namespace fsmsim
