#include <fsm/json_fields.hpp>
#include <fsm/link_template.hpp>
#include <fsm/mapping.hpp>
#include <invsdk/adapter_base.hpp>
#include <invsdk/values.hpp>

namespace fsm {
namespace json = boost::json;
namespace {

[[noreturn]] void missing(const json_where& path, std::string_view key) {
  throw invsdk::error(INVSDK_STATUS_DATA,
                      "unexpected JSON: " + json_where(path, key).str() + " is missing");
}

invsdk_term_type term_type_of(std::string_view t, const json_where& path) {
  if (t.empty()) return INVSDK_TERM_TYPE_UNSPECIFIED;
  if (t == "perUser") return INVSDK_TERM_TYPE_PER_USER;
  if (t == "perLogin") return INVSDK_TERM_TYPE_PER_LOGIN;
  if (t == "perNode") return INVSDK_TERM_TYPE_PER_NODE;
  if (t == "perLocation") return INVSDK_TERM_TYPE_PER_LOCATION;
  if (t == "perOrg") return INVSDK_TERM_TYPE_PER_ORG;
  // An unknown unit must not silently count as users: that would change entitlements.
  throw invsdk::error(INVSDK_STATUS_DATA, "unexpected JSON: " + json_where(path, "termType").str() +
                                              " has an unknown value '" +
                                              std::string(t.substr(0, 40)) + "'");
}

// The first non-empty currency among the objects of an array field.
std::string first_currency(const json::object& o, std::string_view key, const json_where& path) {
  const auto* items = array_field(o, key, path);
  if (items == nullptr) return {};
  const json_where items_path(path, key);
  for (std::size_t i = 0; i < items->size(); ++i) {
    const json_where p(items_path, i);
    const auto c = text_field(as_object((*items)[i], p), "currency", p);
    if (!c.empty()) return std::string(c);
  }
  return {};
}

entitlement_record map_term(const json::object& term, const json_where& path,
                            const license_record& license, uint32_t position) {
  entitlement_record e;
  e.external_id = std::string(text_field(term, "id", path));
  if (e.external_id.empty()) missing(path, "id");
  e.license_external_id = license.external_id;
  e.position = position;
  e.name = std::string(text_field(term, "name", path));
  e.sku = std::string(text_field(term, "sku", path));
  e.term_type = term_type_of(text_field(term, "termType", path), path);
  const auto items = integer_field(term, "itemsAllowed", path);
  if (items && !invsdk::count_in_bounds(*items))
    throw invsdk::error(INVSDK_STATUS_DATA,
                        "unexpected JSON: " + json_where(path, "itemsAllowed").str() + " " +
                            std::to_string(*items) + " is outside 0.." +
                            std::to_string(INVSDK_MAX_ITEMS_ALLOWED));
  e.items_allowed = items.value_or(0);
  e.is_unlimited = bool_field(term, "isUnlimited", path);
  e.is_active = bool_field(term, "isActive", path);
  e.hidden = bool_field(term, "hidden", path);
  e.effective_at = std::string(text_field(term, "effectiveAt", path));
  e.ends_at = std::string(text_field(term, "endsAt", path));
  e.annual_cost = money_field(term, "annualCost", path).value_or("");
  e.per_user_cost = money_field(term, "perUserCost", path).value_or("");
  e.currency = first_currency(term, "termPayments", path);
  if (e.currency.empty()) e.currency = license.currency;
  return e;
}

}  // namespace

license_mapping map_license(const json::object& lic, const json_where& path,
                            const std::unordered_set<std::string>& microsoft_365_apps,
                            const link_context& links) {
  license_mapping out;
  license_record& l = out.license;
  l.external_id = std::string(text_field(lic, "id", path));
  if (l.external_id.empty()) missing(path, "id");
  l.name = std::string(text_field(lic, "name", path));
  l.created_at = std::string(text_field(lic, "createdAt", path));
  l.modified_at = std::string(text_field(lic, "modifiedAt", path));
  l.notes = std::string(text_field(lic, "notes", path));
  l.currency = first_currency(lic, "agreementFees", path);

  if (const auto* apps = array_field(lic, "associatedManagedApps", path)) {
    const json_where apps_path(path, "associatedManagedApps");
    for (std::size_t i = 0; i < apps->size(); ++i) {
      const json_where p(apps_path, i);
      const std::string id(text_field(as_object((*apps)[i], p), "id", p));
      if (id.empty()) missing(p, "id");
      bool duplicate = false;
      for (const auto& existing : l.application_ids) duplicate = duplicate || existing == id;
      if (!duplicate) l.application_ids.push_back(id);
      if (microsoft_365_apps.count(id) != 0) l.type = INVSDK_LICENSE_TYPE_NAMED_USER;
    }
  }
  if (!links.license_link_template.empty())
    l.source_url = expand_link(links.license_link_template,
                               {{"org_id", links.org_id}, {"license_id", l.external_id}});

  if (const auto* terms = array_field(lic, "terms", path)) {
    const json_where terms_path(path, "terms");
    out.entitlements.reserve(terms->size());
    for (std::size_t i = 0; i < terms->size(); ++i) {
      const json_where p(terms_path, i);
      out.entitlements.push_back(
          map_term(as_object((*terms)[i], p), p, l, static_cast<uint32_t>(i)));
    }
  }
  return out;
}

}  // namespace fsm
