// Plain C++ copies of the ABI records: what a test compares after an import.
// Text is std::string (empty = absent), tristates are std::optional<bool> (nullopt = unknown).
#ifndef INVSDK_TEST_RECORDS_HPP
#define INVSDK_TEST_RECORDS_HPP

#include <invsdk/adapter.h>

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace invsdk_test {

struct application_record {
  std::string external_id;
  std::string name;
  std::string product;
  std::string publisher;
  int32_t activity_threshold_days = 0;
  std::optional<bool> is_active;
  std::string source_url;
  bool operator==(const application_record&) const = default;
};

struct license_record {
  std::string external_id;
  std::string name;
  invsdk_license_type type = 0;
  std::vector<std::string> application_ids;
  std::string currency;
  std::string created_at;
  std::string modified_at;
  std::string notes;
  std::string source_url;
  bool operator==(const license_record&) const = default;
};

struct entitlement_record {
  std::string external_id;
  std::string license_external_id;
  uint32_t position = 0;
  std::string name;
  std::string sku;
  invsdk_term_type term_type = INVSDK_TERM_TYPE_UNSPECIFIED;
  int64_t items_allowed = 0;
  std::optional<bool> is_unlimited;
  std::optional<bool> is_active;
  std::optional<bool> hidden;
  std::string effective_at;
  std::string ends_at;
  std::string annual_cost;
  std::string per_user_cost;
  std::string currency;
  bool operator==(const entitlement_record&) const = default;
};

struct accessing_user_record {
  std::string external_id;
  std::string email;
  std::string first_name;
  std::string last_name;
  std::string user_name;
  std::string domain;
  bool operator==(const accessing_user_record&) const = default;
};

struct consumption_record {
  std::string external_id;
  std::string license_external_id;
  std::string application_external_id;
  std::string accessing_user_external_id;
  std::string activated_at;
  std::string deactivated_at;
  std::string last_activity_at;
  bool operator==(const consumption_record&) const = default;
};

// Deep copies of one C record (already widened to the current struct size).
application_record copy_record(const invsdk_application& r);
license_record copy_record(const invsdk_license& r);
entitlement_record copy_record(const invsdk_entitlement& r);
accessing_user_record copy_record(const invsdk_accessing_user& r);
consumption_record copy_record(const invsdk_consumption& r);

// Readable one-line forms, so BOOST_TEST can print records that differ.
std::ostream& operator<<(std::ostream& os, const application_record& r);
std::ostream& operator<<(std::ostream& os, const license_record& r);
std::ostream& operator<<(std::ostream& os, const entitlement_record& r);
std::ostream& operator<<(std::ostream& os, const accessing_user_record& r);
std::ostream& operator<<(std::ostream& os, const consumption_record& r);

// "applications", "licenses", ... ; "kind(<n>)" for anything else.
std::string stream_name(invsdk_stream_kind kind);

}  // namespace invsdk_test

#endif  // INVSDK_TEST_RECORDS_HPP
