#include <fsm/json_fields.hpp>
#include <fsm/mapping.hpp>
#include <invsdk/adapter_base.hpp>

namespace fsm {
namespace json = boost::json;
namespace {

std::string_view trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

}  // namespace

std::string person_key(std::string_view email, std::string_view unique_id) {
  std::string key(trim(email).empty() ? trim(unique_id) : trim(email));
  for (char& c : key)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return key;
}

app_user_mapping map_app_user(const json::object& u, const json_where& path,
                              const term_index& terms,
                              const std::function<bool(std::string_view)>& is_new_person) {
  app_user_mapping out;
  const std::string id(text_field(u, "id", path));
  if (id.empty())
    throw invsdk::error(INVSDK_STATUS_DATA,
                        "unexpected JSON: " + json_where(path, "id").str() + " is missing");
  const std::string_view email = trim(text_field(u, "email", path));
  const std::string_view unique_id = trim(text_field(u, "uniqueId", path));

  const std::string_view first_name = text_field(u, "firstName", path);
  const std::string_view last_name = text_field(u, "lastName", path);

  accessing_user_record& p = out.person;
  p.external_id = person_key(email, unique_id);
  // Neither email nor unique id: the person is known only by this app user record.
  if (p.external_id.empty()) p.external_id = "fsm-app-user:" + id;
  out.person_is_new = !is_new_person || is_new_person(p.external_id);
  if (out.person_is_new) {
    p.email = std::string(email);
    p.first_name = std::string(first_name);
    p.last_name = std::string(last_name);
    p.user_name = email.empty() ? std::string(unique_id) : std::string(email);
    const auto at = email.rfind('@');
    if (at != std::string_view::npos) p.domain = person_key(email.substr(at + 1), {});
  }

  consumption_record base;
  base.external_id = id;
  base.accessing_user_external_id = p.external_id;
  const json::object* app = object_field(u, "associatedManagedApp", path);
  if (app != nullptr)
    base.application_external_id =
        std::string(text_field(*app, "id", json_where(path, "associatedManagedApp")));
  if (base.application_external_id.empty())
    throw invsdk::error(
        INVSDK_STATUS_DATA,
        "unexpected JSON: " + json_where(path, "associatedManagedApp.id").str() + " is missing");
  base.activated_at = std::string(text_field(u, "activatedAt", path));
  base.deactivated_at = std::string(text_field(u, "deactivatedAt", path));
  base.last_activity_at = std::string(text_field(u, "lastActivityAt", path));

  if (const auto* allocations = array_field(u, "licensePaymentAllocations", path)) {
    const json_where ap(path, "licensePaymentAllocations");
    for (std::size_t i = 0; i < allocations->size(); ++i) {
      const json_where p_i(ap, i);
      const auto* term =
          object_field(as_object((*allocations)[i], p_i), "associatedLicenseTerm", p_i);
      if (term == nullptr) continue;
      const auto term_id = text_field(*term, "id", json_where(p_i, "associatedLicenseTerm"));
      const auto license = terms.license_of(term_id);
      if (!license) continue;  // a term no license has counts as no allocation
      bool seen = false;
      for (const auto& c : out.uses) seen = seen || c.license_external_id == *license;
      if (seen) continue;
      consumption_record c = base;
      c.license_external_id = std::string(*license);
      out.uses.push_back(std::move(c));
    }
  }
  if (out.uses.empty()) out.uses.push_back(std::move(base));
  return out;
}

}  // namespace fsm
