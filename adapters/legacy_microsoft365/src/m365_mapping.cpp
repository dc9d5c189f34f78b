#include "m365_mapping.hpp"

#include <map>
#include <set>

#include "field_checks.hpp"

namespace legacy_m365 {

std::string application_id(const std::string& product) {
  return "product:" + product;
}

m365_records map_export(const m365_export& e) {
  m365_records out;
  std::map<std::string, std::string> license_of_product;  // SKU name -> license id
  std::set<std::string> products;

  for (const auto& s : e.subscriptions) {
    if (license_of_product.count(s.sku_name) != 0) continue;  // a SKU listed twice: first wins
    const std::string lic_id =
        "subscription:" + (s.part_number.empty() ? s.sku_name : s.part_number);
    license_of_product[s.sku_name] = lic_id;
    products.insert(s.sku_name);

    invsdk::owned_license l;
    l.external_id = lic_id;
    l.name = s.sku_name;
    l.type = INVSDK_LICENSE_TYPE_NAMED_USER;
    l.application_ids = {application_id(s.sku_name)};
    l.currency = s.currency;
    out.licenses.push_back(std::move(l));

    invsdk::owned_entitlement t;
    t.external_id = lic_id + "/term";
    t.license_external_id = lic_id;
    t.name = s.sku_name;
    t.sku = s.part_number;
    t.term_type = INVSDK_TERM_TYPE_PER_USER;
    t.items_allowed = s.total;
    const std::string status = file_import::ascii_lower(s.status);
    if (!status.empty()) t.is_active = status == "active" || status == "warning";
    t.ends_at = s.expires;
    t.per_user_cost = s.price;
    t.currency = s.currency;
    out.entitlements.push_back(std::move(t));
  }

  for (const auto& u : e.users) {
    const std::string id = file_import::ascii_lower(u.upn);
    invsdk::owned_accessing_user a;
    a.external_id = id;
    a.email = u.upn;
    a.first_name = u.first_name;
    a.last_name = u.last_name;
    a.user_name = u.display_name;
    a.domain = id.substr(id.find('@') + 1);
    out.users.push_back(std::move(a));
    if (u.blocked && !u.products.empty()) ++out.blocked_users;

    for (const auto& p : u.products) {
      products.insert(p);
      invsdk::owned_consumption c;
      c.external_id = id + "|" + p;
      auto lic = license_of_product.find(p);
      if (lic != license_of_product.end()) c.license_external_id = lic->second;
      c.application_external_id = application_id(p);
      c.accessing_user_external_id = id;
      c.activated_at = u.created_at;
      c.last_activity_at = u.last_activity;
      out.consumption.push_back(std::move(c));
    }
  }

  for (const auto& p : products) {
    invsdk::owned_application a;
    a.external_id = application_id(p);
    a.name = p;
    a.product = p;
    a.publisher = "Microsoft";
    a.is_active = true;
    out.applications.push_back(std::move(a));
  }
  return out;
}

}  // namespace legacy_m365
