#include <algorithm>
#include <fsm/ascii_text.hpp>
#include <fsm/json_fields.hpp>
#include <fsm/link_template.hpp>
#include <fsm/mapping.hpp>
#include <invsdk/adapter_base.hpp>

namespace fsm {
application_record map_application(const boost::json::object& app, const json_where& path,
                                   const link_context& links) {
  application_record r;
  r.external_id = std::string(text_field(app, "id", path));
  if (r.external_id.empty())
    throw invsdk::error(INVSDK_STATUS_DATA,
                        "unexpected JSON: " + json_where(path, "id").str() + " is missing");
  r.name = std::string(text_field(app, "name", path));
  const auto app_name = text_field(app, "appName", path);
  r.product = app_name.empty() ? r.name : std::string(app_name);
  r.publisher = std::string(text_field(app, "vendorName", path));
  const auto threshold = integer_field(app, "activityThreshold", path);
  // 0 or absent: the host applies its default of 90 days. Out-of-range values are not FSM's
  // (it allows 1..180) and fall back to the default too rather than skew inactivity.
  if (threshold && *threshold > 0 && *threshold <= 3650)
    r.activity_threshold_days = static_cast<int32_t>(*threshold);
  r.is_active = bool_field(app, "isActive", path);
  if (!links.application_link_template.empty())
    r.source_url = expand_link(links.application_link_template,
                               {{"org_id", links.org_id}, {"application_id", r.external_id}});
  return r;
}

bool is_microsoft_365(const application_record& app) {
  const std::string publisher = ascii_lower(app.publisher);
  if (publisher.find("microsoft") == std::string::npos) return false;
  for (const std::string& name : {app.product, app.name}) {
    const std::string n = ascii_lower(name);
    if (n.find("office 365") != std::string::npos || n.find("microsoft 365") != std::string::npos)
      return true;
  }
  return false;
}

}  // namespace fsm
