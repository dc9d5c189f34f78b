// The columns of each import file: names, which are required, and how each value is checked.
#ifndef FILE_IMPORT_TABLE_SCHEMA_HPP
#define FILE_IMPORT_TABLE_SCHEMA_HPP

#include <invsdk/adapter.h>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace file_import {

// Limits that bound every input.
inline constexpr size_t max_field_bytes = 64 * 1024;
inline constexpr unsigned long long max_file_bytes = 1ULL << 30;  // 1 GiB
inline constexpr size_t max_columns = 128;
inline constexpr size_t max_application_ids = 1000;
inline constexpr unsigned long long max_rows = 20'000'000;

enum class value_kind {
  text,          // any UTF-8 text up to max_field_bytes
  date,          // ISO 8601
  money,         // decimal text
  currency,      // ISO 4217 shape
  boolean,       // true | false | empty
  count,         // non-negative integer
  term_type,     // perUser | perLogin | perNode | perLocation | perOrg | empty
  license_type,  // SaaS User | Named User | empty
  email,         // one '@'
  id_list,       // ';'-separated ids in CSV, an array of strings in JSON
};

struct column_spec {
  std::string_view name;
  value_kind kind;
  bool required;  // must be a column of the file and non-empty in every row
};

struct table_schema {
  invsdk_stream_kind stream;
  std::string_view base_name;  // file name without extension, e.g. "licenses"
  std::span<const column_spec> columns;

  // Index of a column by name, nullopt when the schema has none.
  [[nodiscard]] std::optional<size_t> index_of(std::string_view name) const;
};

// The schema of each stream, in the order the import reads them.
std::span<const table_schema> all_schemas();
const table_schema& schema_of(invsdk_stream_kind stream);

// Column indices per schema, fixed by the tables in table_schema.cpp.
namespace app_col {
enum : size_t {
  external_id,
  name,
  product,
  publisher,
  activity_threshold_days,
  is_active,
  source_url
};
}
namespace lic_col {
enum : size_t {
  external_id,
  name,
  type,
  application_ids,
  currency,
  created_at,
  modified_at,
  notes,
  source_url
};
}
namespace ent_col {
enum : size_t {
  external_id,
  license_external_id,
  position,
  name,
  sku,
  term_type,
  items_allowed,
  is_unlimited,
  is_active,
  hidden,
  effective_at,
  ends_at,
  annual_cost,
  per_user_cost,
  currency
};
}
namespace user_col {
enum : size_t { external_id, email, first_name, last_name, user_name, domain };
}
namespace cons_col {
enum : size_t {
  external_id,
  license_external_id,
  application_external_id,
  accessing_user_external_id,
  activated_at,
  deactivated_at,
  last_activity_at
};
}

}  // namespace file_import

#endif  // FILE_IMPORT_TABLE_SCHEMA_HPP
