// How the Microsoft 365 exports become ABI records.
#ifndef LEGACY_M365_MAPPING_HPP
#define LEGACY_M365_MAPPING_HPP

#include "m365_export.hpp"
#include "stream_delivery.hpp"

namespace legacy_m365 {

struct m365_records : file_import::owned_estate {
  size_t blocked_users = 0;
};

// One application per product (subscribed or assigned), one Named User license and one perUser
// entitlement per subscription SKU, one accessing user per user, one consumption per assigned
// product of a user.
m365_records map_export(const m365_export& e);

// Ids: "product:<SKU name>", "subscription:<part number or SKU name>", "<license id>/term".
std::string application_id(const std::string& product);

}  // namespace legacy_m365

#endif  // LEGACY_M365_MAPPING_HPP
