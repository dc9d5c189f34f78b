// FSM JSON objects -> connector records, as semantics.md defines them. Pure functions: no I/O.
#ifndef FSM_MAPPING_HPP
#define FSM_MAPPING_HPP

#include <boost/json/object.hpp>
#include <fsm/json_fields.hpp>
#include <fsm/records.hpp>
#include <fsm/term_index.hpp>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace fsm {

// What links back to FSM are built from.
struct link_context {
  std::string org_id;
  std::string license_link_template;
  std::string application_link_template;
};

// One managed app (GET /managed-apps?view=licenseUsage item). path names it in errors.
application_record map_application(const boost::json::object& app, const json_where& path,
                                   const link_context& links);

// Microsoft Office 365 / Microsoft 365: publisher Microsoft and product name containing
// "Office 365" or "Microsoft 365" (case-insensitive).
bool is_microsoft_365(const application_record& app);

struct license_mapping {
  license_record license;
  std::vector<entitlement_record> entitlements;  // one per term, in the API's order
};

// One license agreement (GET /licenses item). microsoft_365_apps: ids of the applications for
// which is_microsoft_365 holds; a license covering one of them is Named User.
license_mapping map_license(const boost::json::object& license, const json_where& path,
                            const std::unordered_set<std::string>& microsoft_365_apps,
                            const link_context& links);

struct app_user_mapping {
  // Its key always; its other fields only when person_is_new.
  accessing_user_record person;
  bool person_is_new = true;
  std::vector<consumption_record> uses;  // one per distinct license, or one without a license
};

// One app user (GET /app-users?includeAll=true item). is_new_person, when given, is asked once
// with the person's key: most app users belong to a person met before, and copying that person's
// names and address again cost four allocations a record for nothing. Every field is still
// checked for its type either way.
app_user_mapping map_app_user(
    const boost::json::object& user, const json_where& path, const term_index& terms,
    const std::function<bool(std::string_view person_key)>& is_new_person = {});

// The accessing-user key of an email or unique id: ASCII lower case, surrounding blanks removed.
std::string person_key(std::string_view email, std::string_view unique_id);

}  // namespace fsm

#endif  // FSM_MAPPING_HPP
