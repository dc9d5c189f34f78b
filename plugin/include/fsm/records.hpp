// The connector's records as owned C++ values, one struct per stream. record_views.hpp turns a
// batch of them into the ABI's C structs for one emit call.
#ifndef FSM_RECORDS_HPP
#define FSM_RECORDS_HPP

#include <invsdk/adapter.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fsm {

struct application_record {
  std::string external_id;
  std::string name;
  std::string product;
  std::string publisher;
  int32_t activity_threshold_days = 0;  // 0: the host's default (90)
  std::optional<bool> is_active;
  std::string source_url;
};

struct license_record {
  std::string external_id;
  std::string name;
  invsdk_license_type type = INVSDK_LICENSE_TYPE_SAAS_USER;
  std::vector<std::string> application_ids;
  std::string currency;
  std::string created_at;
  std::string modified_at;
  std::string notes;
  std::string source_url;
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
  std::string annual_cost;    // decimal text, empty = unknown
  std::string per_user_cost;  // decimal text, empty = unknown
  std::string currency;
};

struct accessing_user_record {
  std::string external_id;
  std::string email;
  std::string first_name;
  std::string last_name;
  std::string user_name;
  std::string domain;
};

struct consumption_record {
  std::string external_id;
  std::string license_external_id;  // empty: no known license allocated
  std::string application_external_id;
  std::string accessing_user_external_id;
  std::string activated_at;
  std::string deactivated_at;
  std::string last_activity_at;
};

}  // namespace fsm

#endif  // FSM_RECORDS_HPP
