// Where each record kind is staged: its table, the key after run_id, and the table of its list
// member if it has one. The columns themselves are the record's members as record_kinds.hpp lists
// them (one column per single value, named after the member); this is the only other fact.
#ifndef INVHOST_STAGING_STAGING_TABLES_HPP
#define INVHOST_STAGING_STAGING_TABLES_HPP

#include <invsdk/adapter.h>

#include <string_view>
#include <vector>

namespace invhost::detail {

struct staging_table {
  std::string_view table;
  std::vector<std::string_view> key;  // after run_id
  // A member staged under another column name (`type` is a keyword in SQL).
  std::string_view renamed_member;
  std::string_view renamed_column;
  // A list member's items, one row each: (owner_column = the record's external_id, item_column).
  std::string_view list_table;
  std::string_view list_owner_column;
  std::string_view list_item_column;

  [[nodiscard]] std::string_view column_of(std::string_view member) const {
    return member == renamed_member ? renamed_column : member;
  }
};

template <typename Record>
const staging_table& staging_table_of();

template <>
inline const staging_table& staging_table_of<invsdk_application>() {
  static const staging_table t{"staged_applications", {"external_id"}, {}, {}, {}, {}, {}};
  return t;
}
template <>
inline const staging_table& staging_table_of<invsdk_license>() {
  static const staging_table t{"staged_licenses",
                               {"external_id"},
                               "type",
                               "license_type",
                               "staged_license_applications",
                               "license_external_id",
                               "application_external_id"};
  return t;
}
template <>
inline const staging_table& staging_table_of<invsdk_entitlement>() {
  static const staging_table t{"staged_entitlements", {"external_id"}, {}, {}, {}, {}, {}};
  return t;
}
template <>
inline const staging_table& staging_table_of<invsdk_accessing_user>() {
  static const staging_table t{"staged_accessing_users", {"external_id"}, {}, {}, {}, {}, {}};
  return t;
}
template <>
inline const staging_table& staging_table_of<invsdk_consumption>() {
  static const staging_table t{
      "staged_consumption", {"external_id", "license_external_id"}, {}, {}, {}, {}, {}};
  return t;
}

}  // namespace invhost::detail

#endif
