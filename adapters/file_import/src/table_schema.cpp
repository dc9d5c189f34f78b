#include "table_schema.hpp"

#include <array>
#include <stdexcept>

namespace file_import {
namespace {

using vk = value_kind;

// Order must match the *_col enums in the header.
constexpr std::array applications{
    column_spec{"external_id", vk::text, true},
    column_spec{"name", vk::text, true},
    column_spec{"product", vk::text, false},
    column_spec{"publisher", vk::text, false},
    column_spec{"activity_threshold_days", vk::count, false},
    column_spec{"is_active", vk::boolean, false},
    column_spec{"source_url", vk::text, false},
};
constexpr std::array licenses{
    column_spec{"external_id", vk::text, true},
    column_spec{"name", vk::text, true},
    column_spec{"type", vk::license_type, false},
    column_spec{"application_ids", vk::id_list, false},
    column_spec{"currency", vk::currency, false},
    column_spec{"created_at", vk::date, false},
    column_spec{"modified_at", vk::date, false},
    column_spec{"notes", vk::text, false},
    column_spec{"source_url", vk::text, false},
};
constexpr std::array entitlements{
    column_spec{"external_id", vk::text, true},
    column_spec{"license_external_id", vk::text, true},
    column_spec{"position", vk::count, false},
    column_spec{"name", vk::text, false},
    column_spec{"sku", vk::text, false},
    column_spec{"term_type", vk::term_type, false},
    column_spec{"items_allowed", vk::count, false},
    column_spec{"is_unlimited", vk::boolean, false},
    column_spec{"is_active", vk::boolean, false},
    column_spec{"hidden", vk::boolean, false},
    column_spec{"effective_at", vk::date, false},
    column_spec{"ends_at", vk::date, false},
    column_spec{"annual_cost", vk::money, false},
    column_spec{"per_user_cost", vk::money, false},
    column_spec{"currency", vk::currency, false},
};
constexpr std::array accessing_users{
    column_spec{"external_id", vk::text, false}, column_spec{"email", vk::email, false},
    column_spec{"first_name", vk::text, false},  column_spec{"last_name", vk::text, false},
    column_spec{"user_name", vk::text, false},   column_spec{"domain", vk::text, false},
};
constexpr std::array consumption{
    column_spec{"external_id", vk::text, true},
    column_spec{"license_external_id", vk::text, false},
    column_spec{"application_external_id", vk::text, true},
    column_spec{"accessing_user_external_id", vk::text, true},
    column_spec{"activated_at", vk::date, false},
    column_spec{"deactivated_at", vk::date, false},
    column_spec{"last_activity_at", vk::date, false},
};

const std::array schemas{
    table_schema{INVSDK_STREAM_APPLICATIONS, "applications", applications},
    table_schema{INVSDK_STREAM_LICENSES, "licenses", licenses},
    table_schema{INVSDK_STREAM_ENTITLEMENTS, "entitlements", entitlements},
    table_schema{INVSDK_STREAM_ACCESSING_USERS, "accessing_users", accessing_users},
    table_schema{INVSDK_STREAM_CONSUMPTION, "consumption", consumption},
};

}  // namespace

std::optional<size_t> table_schema::index_of(std::string_view name) const {
  for (size_t i = 0; i < columns.size(); ++i)
    if (columns[i].name == name) return i;
  return std::nullopt;
}

std::span<const table_schema> all_schemas() {
  return schemas;
}

const table_schema& schema_of(invsdk_stream_kind stream) {
  for (const auto& s : schemas)
    if (s.stream == stream) return s;
  throw std::out_of_range("no schema for stream kind");
}

}  // namespace file_import
