#include "views.hpp"

#include <array>
#include <boost/json/serialize.hpp>
#include <charconv>
#include <cmath>

namespace fsmsim {
namespace {

template <std::size_t N>
boost::json::object keep_only(boost::json::object full,
                              const std::array<std::string_view, N>& fields) {
  boost::json::object out;
  out.reserve(full.size());
  for (auto& kv : full) {
    for (auto f : fields) {
      if (kv.key() == f) {
        out.emplace(kv.key(), std::move(kv.value()));
        break;
      }
    }
  }
  return out;
}

// DenormalizedLicenseAgreementResponseBodyLicenseUsage.
constexpr std::array<std::string_view, 7> license_usage_fields{
    "associatedManagedApps", "createdAt", "id", "modifiedAt", "name", "projectId", "terms"};

// ManagedApplicationResponseBodyLicenseUsage.
constexpr std::array<std::string_view, 23> app_license_usage_fields{"activityThreshold",
                                                                    "additional",
                                                                    "annualCost",
                                                                    "appId",
                                                                    "appName",
                                                                    "appTechnopediaId",
                                                                    "description",
                                                                    "id",
                                                                    "isActive",
                                                                    "isUnlimited",
                                                                    "licenses",
                                                                    "loaded",
                                                                    "modifiedAt",
                                                                    "name",
                                                                    "pointOfContact",
                                                                    "totalActive",
                                                                    "totalEntitlements",
                                                                    "totalInactive",
                                                                    "totalLicenses",
                                                                    "totalNeverActive",
                                                                    "totalUsers",
                                                                    "vendorName",
                                                                    "vendorTechnopediaId"};

constexpr std::array<std::string_view, 5> user_minimal_fields{"activatedAt", "deactivatedAt",
                                                              "email", "id", "uniqueId"};
constexpr std::array<std::string_view, 13> user_exclude_event_fields{"activatedAt",
                                                                     "additional",
                                                                     "associatedManagedApp",
                                                                     "associatedPerson",
                                                                     "deactivatedAt",
                                                                     "email",
                                                                     "firstName",
                                                                     "id",
                                                                     "lastName",
                                                                     "middleName",
                                                                     "modifiedAt",
                                                                     "sku",
                                                                     "uniqueId"};
constexpr std::array<std::string_view, 12> user_entitlement_fields{
    "activatedAt", "additional", "associatedManagedApp", "deactivatedAt", "email", "firstName",
    "id",          "lastName",   "middleName",           "modifiedAt",    "sku",   "uniqueId"};

void append_double(std::string& out, double d) {
  if (!std::isfinite(d)) {
    out += "null";
    return;
  }
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, d);
  out.append(buf, r.ptr);
}

}  // namespace

std::optional<app_view> parse_app_view(std::string_view v) {
  if (v == "default") return app_view::default_view;
  if (v == "extended") return app_view::extended;
  if (v == "licenseUsage") return app_view::license_usage;
  return std::nullopt;
}

std::optional<license_view> parse_license_view(std::string_view v) {
  if (v == "default") return license_view::default_view;
  if (v == "licenseUsage") return license_view::license_usage;
  return std::nullopt;
}

std::optional<user_view> parse_user_view(std::string_view v) {
  if (v == "default") return user_view::default_view;
  if (v == "minimal") return user_view::minimal;
  if (v == "excludeEvent") return user_view::exclude_event;
  if (v == "entitlement") return user_view::entitlement;
  return std::nullopt;
}

boost::json::object project_license(boost::json::object full, license_view view) {
  if (view == license_view::default_view) return full;
  return keep_only(std::move(full), license_usage_fields);
}

boost::json::object project_app(boost::json::object full, app_view view) {
  switch (view) {
    case app_view::default_view:
      return full;
    case app_view::extended:
      full.erase("licenses");
      return full;
    case app_view::license_usage: {
      auto out = keep_only(std::move(full), app_license_usage_fields);
      if (auto* lics = out.if_contains("licenses"); lics != nullptr && lics->is_array()) {
        for (auto& l : lics->get_array()) {
          if (l.is_object()) {
            l = project_license(std::move(l.get_object()), license_view::license_usage);
          }
        }
      }
      return out;
    }
  }
  return full;
}

boost::json::object project_user(boost::json::object full, user_view view) {
  switch (view) {
    case user_view::default_view:
      return full;
    case user_view::minimal:
      return keep_only(std::move(full), user_minimal_fields);
    case user_view::exclude_event:
      return keep_only(std::move(full), user_exclude_event_fields);
    case user_view::entitlement:
      return keep_only(std::move(full), user_entitlement_fields);
  }
  return full;
}

void append_json(std::string& out, const boost::json::value& v) {
  switch (v.kind()) {
    case boost::json::kind::null:
      out += "null";
      break;
    case boost::json::kind::bool_:
      out += v.get_bool() ? "true" : "false";
      break;
    case boost::json::kind::int64:
    case boost::json::kind::uint64:
      out += boost::json::serialize(v);
      break;
    case boost::json::kind::double_:
      append_double(out, v.get_double());
      break;
    case boost::json::kind::string:
      out += boost::json::serialize(v);
      break;
    case boost::json::kind::array: {
      out += '[';
      bool first = true;
      for (const auto& e : v.get_array()) {
        if (!first) out += ',';
        first = false;
        append_json(out, e);
      }
      out += ']';
      break;
    }
    case boost::json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& kv : v.get_object()) {
        if (!first) out += ',';
        first = false;
        out += boost::json::serialize(boost::json::string_view(kv.key()));
        out += ':';
        append_json(out, kv.value());
      }
      out += '}';
      break;
    }
  }
}

std::string to_json(const boost::json::value& v) {
  std::string out;
  append_json(out, v);
  return out;
}

}  // namespace fsmsim
