// A tenant generated from a seed and sizes. Apps and licenses are built up front (thousands);
// app users (up to millions) are computed on demand from their index, so memory stays small.
#pragma once

#include <cstdint>
#include <memory>

#include "tenant.hpp"

namespace fsmsim {

struct generator_params {
  std::uint64_t seed = 1;
  std::int64_t org = 4242;
  std::size_t apps = 12;              // total, including the fixed awkward-case apps
  std::size_t licenses_per_app = 2;   // for generated apps
  std::size_t terms_per_license = 2;  // for generated licenses
  std::size_t people = 300;           // raised to the largest app's user count when smaller
  std::size_t users_per_app = 25;     // mean; the total is apps * users_per_app
  double inactive_share = 0.2;        // share of users deactivated or inactive
  days_t reference_date{};
};

// Number of fixed apps that carry the awkward cases; --apps below this is raised to it.
inline constexpr std::size_t special_app_count = 5;

// Throws std::invalid_argument when a size is out of range.
std::unique_ptr<tenant> make_generated_tenant(const generator_params& params);

}  // namespace fsmsim
