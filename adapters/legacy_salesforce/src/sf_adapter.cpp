// salesforce: the per-vendor connector the FSM connector supersedes. Reads a Salesforce user
// license export and a users export from a directory; one application per user license
// ("component"), as the old connector modelled it.
#include <invsdk/adapter_base.hpp>
#include <map>

#include "csv_table.hpp"
#include "export_directory.hpp"
#include "field_checks.hpp"
#include "stream_delivery.hpp"

namespace legacy_salesforce {
namespace {

using file_import::csv_table;

struct sf_records : file_import::owned_estate {
  std::map<std::string, long long> used_reported;  // license name -> UsedLicenses
  std::map<std::string, long long> used_counted;   // license name -> active users seen
};

[[noreturn]] void data_error(const std::string& m) {
  throw invsdk::error(INVSDK_STATUS_DATA, m);
}

std::string date_of(const csv_table& t, std::string_view column) {
  const std::string v = t.get(column);
  if (v.empty()) return v;
  auto iso = file_import::normalise_date(v);
  if (!iso) data_error(t.where(column) + ": not a date (got \"" + v + "\")");
  return *iso;
}

bool flag_of(const csv_table& t, std::string_view column) {
  const std::string v = file_import::ascii_lower(t.get(column));
  if (v == "true" || v == "1") return true;
  if (v == "false" || v == "0") return false;
  data_error(t.where(column) + ": expected true or false");
}

void read_licenses(const std::filesystem::path& dir, sf_records& r) {
  csv_table t(dir / "user_licenses.csv", {"Name", "Status", "TotalLicenses", "UsedLicenses"});
  while (t.next()) {
    if (r.licenses.size() == 10'000) data_error("user_licenses.csv: more than 10,000 rows");
    const std::string name = t.get("Name");
    if (name.empty()) data_error(t.where("Name") + ": required value is missing");
    if (r.used_reported.count(name) != 0)
      data_error(t.where("Name") + ": '" + name + "' listed twice");
    const auto total = file_import::parse_count(t.get("TotalLicenses"), 100'000'000);
    if (!total) data_error(t.where("TotalLicenses") + ": expected a whole number >= 0");
    const auto used = file_import::parse_count(t.get("UsedLicenses"), 100'000'000);
    if (!used) data_error(t.where("UsedLicenses") + ": expected a whole number >= 0");
    const std::string status = t.get("Status");
    if (status != "Active" && status != "Disabled")
      data_error(t.where("Status") + ": expected Active or Disabled");
    r.used_reported[name] = *used;

    invsdk::owned_application a;
    a.external_id = "component:" + name;
    a.name = name;
    a.product = "Salesforce " + name;
    a.publisher = "Salesforce";
    a.is_active = status == "Active";
    r.applications.push_back(std::move(a));

    invsdk::owned_license l;
    l.external_id = "user-license:" + name;
    l.name = "Salesforce " + name;
    l.type = INVSDK_LICENSE_TYPE_SAAS_USER;
    l.application_ids = {"component:" + name};
    r.licenses.push_back(std::move(l));

    invsdk::owned_entitlement e;
    e.external_id = "user-license:" + name + "/term";
    e.license_external_id = "user-license:" + name;
    e.name = name;
    e.term_type = INVSDK_TERM_TYPE_PER_USER;
    e.items_allowed = *total;
    e.is_active = status == "Active";
    r.entitlements.push_back(std::move(e));
  }
}

void read_users(const std::filesystem::path& dir, sf_records& r) {
  csv_table t(dir / "users.csv",
              {"Username", "Email", "Profile.UserLicense.Name", "IsActive", "LastLoginDate"});
  while (t.next()) {
    if (r.users.size() == 1'000'000) data_error("users.csv: more than 1,000,000 users");
    const std::string username = t.get("Username");
    if (username.empty()) data_error(t.where("Username") + ": required value is missing");
    const std::string email = t.get("Email");
    if (!email.empty())
      if (auto bad = file_import::check_email(email)) data_error(t.where("Email") + ": " + *bad);
    const std::string license = t.get("Profile.UserLicense.Name");
    const bool active = flag_of(t, "IsActive");
    const std::string last_login = date_of(t, "LastLoginDate");
    const std::string created = date_of(t, "CreatedDate");

    // People are keyed by their e-mail; a Salesforce username is unique but not a mailbox.
    const std::string id = file_import::ascii_lower(email.empty() ? username : email);
    invsdk::owned_accessing_user u;
    u.external_id = id;
    u.email = email;
    u.first_name = t.get("FirstName");
    u.last_name = t.get("LastName");
    u.user_name = username;
    if (!email.empty()) u.domain = id.substr(id.find('@') + 1);
    r.users.push_back(std::move(u));

    // A deactivated Salesforce user holds no license seat: no consumption.
    if (!active || license.empty()) continue;
    ++r.used_counted[license];
    invsdk::owned_consumption c;
    c.external_id = t.has_column("Id") && !t.get("Id").empty() ? t.get("Id") : username;
    if (r.used_reported.count(license) != 0) c.license_external_id = "user-license:" + license;
    c.application_external_id = "component:" + license;
    c.accessing_user_external_id = id;
    c.activated_at = created;
    c.last_activity_at = last_login;
    r.consumption.push_back(std::move(c));
  }
}

sf_records read_all(const std::filesystem::path& dir) {
  file_import::require_directory(dir);
  sf_records r;
  try {
    read_licenses(dir, r);
    read_users(dir, r);
  } catch (const invsdk::error&) {
    throw;
  } catch (const std::runtime_error& e) {
    data_error(e.what());
  }
  return r;
}

class sf_connection final : public invsdk::connection {
 public:
  sf_connection(std::filesystem::path dir, const invsdk::host& host)
      : dir_(std::move(dir)), host_(host) {}

  std::string check() override {
    const sf_records r = read_all(dir_);
    return std::to_string(r.licenses.size()) + " user license(s), " +
           std::to_string(r.users.size()) + " user(s) in " + dir_.string();
  }

  void import_data(invsdk::sink_writer& out) override {
    // Read and checked whole first: a bad export delivers nothing rather than half an estate.
    sf_records r = read_all(dir_);
    for (const auto& [name, used] : r.used_reported) {
      const long long counted = r.used_counted.count(name) != 0 ? r.used_counted[name] : 0;
      if (counted != used)
        host_.warn("user license '" + name + "': export says " + std::to_string(used) +
                   " used, users.csv has " + std::to_string(counted) + " active user(s)");
    }
    file_import::deliver_estate(out, host_, r,
                                [this] { return cancel_requested() || host_.cancelled(); });
  }

 private:
  std::filesystem::path dir_;
  invsdk::host host_;
};

class sf_adapter final : public invsdk::adapter {
 public:
  void validate_config(const invsdk::config& c) const override {
    (void)file_import::directory_setting(c);
  }
  std::unique_ptr<invsdk::connection> open(const invsdk::config& c,
                                           const invsdk::host& h) override {
    return std::make_unique<sf_connection>(file_import::directory_setting(c), h);
  }
};

}  // namespace
}  // namespace legacy_salesforce

INVSDK_DEFINE_ADAPTER(legacy_salesforce::sf_adapter)
