// A small tenant whose per-license user lists were worked out by hand (D = 2024-06-15), shared by
// the library's tests and the `invhost licenses users` end-to-end test.
//
// Zoom Business (L1) covers Zoom (A1, 30 days: cut-off 2024-05-16) and Zoom Phone (A2, 90 days:
// cut-off 2024-03-17); Other (L2) is the only license of Whiteboard (A3, 90 days).
//
//   user                 records (last activity)                 L1 row
//   ann@contoso.com      A1 06-01 active, A2 01-01 inactive       active, 14 days
//   bob@fabrikam.com     A1 05-01 inactive, A2 04-01 active       active, 45 days (May 1 .. Jun 15)
//   carl@partner.example A1 none                                  inactive, never
//   =cmd@x.com           A1 03-01                                 inactive, 106 days (30+30+31+15)
//   dee@contoso.com      A1 06-10, deactivated 06-15 (on D)       not a consumer
//   uid-77 (no email)    A1 06-14                                 active, 1 day
// L1: consumed 5, inactive 2. Sorted most inactive first: carl, =cmd, bob, ann, uid-77.
// L2: ann (A3 2023-01-01, inactive) and fay@contoso.com (no allocation, moved to A3's only
// license; 06-01, active): consumed 2, inactive 1.
// With internal_domains = contoso.com (uid-77's accessing user has domain contoso.com, set by the
// test, as a source without emails gives it): L1 external 3 (bob, carl, =cmd), L2 external 0.
// With contoso.com and fabrikam.com: L1 external 2.
#ifndef INVHOST_TESTS_RECONCILE_LICENSE_USERS_TENANT_HPP
#define INVHOST_TESTS_RECONCILE_LICENSE_USERS_TENANT_HPP

#include <soci/soci.h>

#include <string>

#include "staged_tenant.hpp"

namespace invtest {

inline const std::string users_day = "2024-06-15";

inline tenant license_users_tenant() {
  tenant t;
  t.apps = {{"A1", "Zoom", "Zoom", 30}, {"A2", "Zoom Phone", "Zoom", 90}, {"A3", "Whiteboard"}};
  t.licenses = {{"L1", "Zoom Business", {"A1", "A2"}}, {"L2", "Other", {"A3"}}};
  t.terms = {{"T1", "L1", 10, "perUser", "12.00", "", "USD"},
             {"T2", "L2", 10, "perUser", "5.00", "", "USD"}};
  t.uses = {{"Z1", "L1", "A1", "ann@contoso.com", "2024-06-01T10:00:00Z", ""},
            {"P1", "L1", "A2", "ann@contoso.com", "2024-01-01T10:00:00Z", ""},
            {"Z2", "L1", "A1", "bob@fabrikam.com", "2024-05-01T10:00:00Z", ""},
            {"P2", "L1", "A2", "bob@fabrikam.com", "2024-04-01T10:00:00Z", ""},
            {"Z3", "L1", "A1", "carl@partner.example", "", ""},
            {"Z4", "L1", "A1", "=cmd@x.com", "2024-03-01T10:00:00Z", ""},
            {"Z5", "L1", "A1", "dee@contoso.com", "2024-06-10T10:00:00Z", "2024-06-15T08:00:00Z"},
            {"Z6", "L1", "A1", "uid-77", "2024-06-14T10:00:00Z", ""},
            {"W1", "L2", "A3", "ann@contoso.com", "2023-01-01T10:00:00Z", ""},
            {"W2", "", "A3", "fay@contoso.com", "2024-06-01T10:00:00Z", ""}};
  return t;
}

// The domain a source gives a user it knows by a unique id only.
inline void give_uid_77_a_domain(soci::session& sql) {
  sql << "UPDATE accessing_users SET domain = 'contoso.com' WHERE external_id = 'uid-77'";
}

}  // namespace invtest

#endif
