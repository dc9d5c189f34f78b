#include "tenant_generated.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <boost/json/array.hpp>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "ids.hpp"

namespace fsmsim {
namespace {

namespace json = boost::json;

constexpr std::array<std::int64_t, 9> thresholds{1, 7, 15, 30, 45, 60, 90, 120, 180};
constexpr std::size_t special_min_users = 8;
constexpr std::uint32_t unknown_index = 0xffffffffU;

// Hash streams: one per kind of random decision.
enum stream : std::uint64_t { s_user = 1, s_person, s_app, s_license, s_term, s_stride };

struct product {
  const char* name;
  const char* vendor;
  const char* category;
};
constexpr std::array<product, 20> products{{
    {"Salesforce Sales Cloud", "Salesforce", "CRM"},
    {"Box", "Box", "Content Management"},
    {"DocuSign eSignature", "DocuSign", "Document Management"},
    {"Dropbox Business", "Dropbox", "Content Management"},
    {"GitHub Enterprise", "GitHub", "Software Development"},
    {"Adobe Creative Cloud", "Adobe", "Design"},
    {"ServiceNow IT Service Management", "ServiceNow", "IT Service Management"},
    {"Workday HCM", "Workday", "Human Resources"},
    {"Asana", "Asana", "Project Management"},
    {"Miro", "Miro", "Collaboration"},
    {"Figma", "Figma", "Design"},
    {"Notion", "Notion Labs", "Collaboration"},
    {"Smartsheet", "Smartsheet", "Project Management"},
    {"Zendesk Suite", "Zendesk", "Customer Service"},
    {"HubSpot Marketing Hub", "HubSpot", "Marketing"},
    {"Tableau Cloud", "Salesforce", "Analytics"},
    {"Confluence", "Atlassian", "Collaboration"},
    {"Webex", "Cisco", "Communication"},
    {"Okta Workforce Identity", "Okta", "Security"},
    {"monday.com Work OS", "monday.com", "Project Management"},
}};
constexpr std::array<const char*, 24> first_names{
    "Anna",  "Ben",   "Chloe", "David", "Elena", "Farid", "Grace", "Hiro",
    "Ines",  "Jonas", "Kira",  "Liam",  "Maya",  "Noah",  "Olga",  "Pavel",
    "Quinn", "Rosa",  "Sven",  "Tara",  "Umar",  "Vera",  "Wei",   "Yusuf"};
constexpr std::array<const char*, 24> last_names{
    "Berg",   "Costa",    "Dubois", "Eriksen", "Fischer",  "Garcia", "Hansen", "Ito",
    "Jensen", "Kowalski", "Larsen", "Moreau",  "Nakamura", "Okafor", "Petrov", "Quist",
    "Rossi",  "Schmidt",  "Tanaka", "Umeh",    "Varga",    "Weber",  "Young",  "Zimmer"};
constexpr const char* internal_domain = "contoso.example";
constexpr const char* external_domain = "fabrikam-partner.example";

enum class activity { active, deactivated, stale, never };

struct term_model {
  std::string id, name, sku, type;
  std::optional<std::int64_t> effective, ends;  // days relative to the reference date
  bool active = true, hidden = false, unlimited = false;
  std::int64_t items = 0;
  std::int64_t annual_cents = 0;
  std::optional<std::int64_t> per_user_cents;
  std::string payment_id, purchase_id;
  std::uint32_t total_users = 0, total_active = 0;
};

struct license_model {
  std::string id, name, currency, fee_id;
  std::optional<std::string> notes;
  std::int64_t created = 0, modified = 0, fee_cents = 0;
  std::vector<std::uint32_t> apps;
  std::vector<term_model> terms;
};

struct app_model {
  std::string id, name, app_name, vendor, catalog_id, category;
  std::int64_t threshold = 90, modified = 0;
  bool active = true;
  std::size_t user_start = 0, user_count = 0, person_offset = 0, person_stride = 1;
  std::vector<std::uint32_t> licenses;
  std::uint32_t total_active = 0, total_inactive = 0, total_never = 0;
};

struct allocation {
  enum kind_t { none, term, unknown } kind = none;
  std::uint32_t license = 0, term_index = 0;
};

struct user_facts {
  std::size_t app = 0, k = 0, person = 0;
  activity act = activity::active;
  allocation alloc;
  std::uint64_t h = 0;
};

double money(std::int64_t cents) {
  return static_cast<double>(cents) / 100.0;
}

class generated_tenant final : public tenant {
 public:
  explicit generated_tenant(const generator_params& p) : p_(p) {
    if (p.apps > 100000 || p.licenses_per_app > 100 || p.terms_per_license > 50 ||
        p.users_per_app > 1000000 || p.people > 100000000) {
      throw std::invalid_argument("tenant size out of range");
    }
    if (!(p.inactive_share >= 0.0 && p.inactive_share <= 1.0)) {
      throw std::invalid_argument("--inactive-share must be within 0..1");
    }
    if (p.apps * p.users_per_app > 50000000) {
      throw std::invalid_argument("more than 50 million app users");
    }
    build_apps();
    build_licenses();
    count_totals();
  }

  std::int64_t org_id() const override { return p_.org; }
  days_t reference_date() const override { return p_.reference_date; }
  std::size_t app_count() const override { return apps_.size(); }
  std::size_t license_count() const override { return licenses_.size(); }
  std::size_t user_count() const override { return total_users_; }

  std::optional<std::size_t> find_app(std::string_view id) const override {
    for (std::size_t i = 0; i < apps_.size(); ++i) {
      if (apps_[i].id == id) return i;
    }
    return std::nullopt;
  }

  std::size_t app_user_count(std::size_t app) const override { return apps_.at(app).user_count; }
  std::size_t app_user_index(std::size_t app, std::size_t k) const override {
    return apps_.at(app).user_start + k;
  }

  bool user_included_by_default(std::size_t i) const override {
    return facts(i).act == activity::active;
  }

  json::object app(std::size_t i) const override {
    const auto& a = apps_.at(i);
    json::object o;
    o["id"] = a.id;
    o["name"] = a.name;
    o["appId"] = a.catalog_id;
    o["appName"] = a.app_name;
    o["vendorName"] = a.vendor;
    o["description"] = fmt::format("{} by {}", a.app_name, a.vendor);
    o["categoryName"] = a.category;
    o["isActive"] = a.active;
    std::int64_t annual = 0, entitled = 0;
    bool unlimited = false;
    for (auto l : a.licenses) {
      for (const auto& t : licenses_[l].terms) {
        annual += t.annual_cents;
        if (in_effect(t) && (t.type == "perUser" || t.type == "perLogin")) entitled += t.items;
        unlimited = unlimited || (in_effect(t) && (t.unlimited || t.type == "perOrg"));
      }
    }
    o["isUnlimited"] = unlimited;
    o["activityThreshold"] = a.threshold;
    o["annualCost"] = money(annual);
    o["totalUsers"] = a.user_count;
    o["totalActive"] = a.total_active;
    o["totalInactive"] = a.total_inactive;
    o["totalNeverActive"] = a.total_never;
    o["totalEntitlements"] = entitled;
    o["totalLicenses"] = a.licenses.size();
    o["modifiedAt"] = stamp(a.modified, 36000 + static_cast<unsigned>(i % 3600));
    json::array lics;
    for (auto l : a.licenses) lics.push_back(license(l));
    o["licenses"] = std::move(lics);
    return o;
  }

  json::object license(std::size_t i) const override {
    const auto& l = licenses_.at(i);
    json::object o;
    o["id"] = l.id;
    o["name"] = l.name;
    o["createdAt"] = stamp(l.created, 32400);
    o["modifiedAt"] = stamp(l.modified, 43200);
    if (l.notes) o["notes"] = *l.notes;
    o["pointOfContactEmail"] = fmt::format("licensing@{}", internal_domain);
    json::array assoc;
    for (auto a : l.apps) {
      assoc.push_back(json::object{{"id", apps_[a].id}, {"href", app_href(a)}});
    }
    o["associatedManagedApps"] = std::move(assoc);
    json::object fee;
    fee["id"] = l.fee_id;
    fee["name"] = "Support and onboarding";
    fee["currency"] = l.currency;
    fee["miscellaneousFees"] = money(l.fee_cents);
    fee["frequency"] = json::object{{"type", "annually"}, {"months", 12}};
    fee["paymentFrequency"] = "Annually";
    fee["paymentFrequencyInMonths"] = 12;
    fee["effectiveAt"] = stamp(l.created, 0);
    fee["endsAt"] = stamp(l.created + 365, 0);
    o["agreementFees"] = json::array{std::move(fee)};
    json::array terms;
    for (const auto& t : l.terms) terms.push_back(term_json(l, t));
    o["terms"] = std::move(terms);
    return o;
  }

  json::object user(std::size_t i) const override {
    const auto f = facts(i);
    const auto& a = apps_[f.app];
    const auto h = f.h;
    json::object o;
    o["id"] = make_id(id_kind::user, p_.seed, i);
    const auto per = person(f.person);
    o["uniqueId"] = per.unique_id;
    if (!per.email.empty()) o["email"] = per.email;
    o["firstName"] = per.first;
    if (!per.middle.empty()) o["middleName"] = per.middle;
    o["lastName"] = per.last;
    o["activatedAt"] = stamp(-30 - static_cast<std::int64_t>((h >> 20) % 900), sec(h >> 8));
    std::optional<std::int64_t> last_day;
    unsigned last_sec = sec(h >> 36);
    switch (f.act) {
      case activity::active:
        if (a.threshold <= 1) {
          last_day = 0;
          last_sec = 0;
        } else {
          last_day = -1 - static_cast<std::int64_t>((h >> 24) %
                                                    static_cast<std::uint64_t>(a.threshold - 1));
        }
        break;
      case activity::stale:
        last_day = -a.threshold - 1 - static_cast<std::int64_t>((h >> 24) % 200);
        break;
      case activity::deactivated: {
        const auto deact = -1 - static_cast<std::int64_t>((h >> 24) % 60);
        o["deactivatedAt"] = stamp(deact, sec(h >> 44));
        last_day = deact - 3;
        break;
      }
      case activity::never:
        break;
    }
    if (last_day) o["lastActivityAt"] = stamp(*last_day, last_sec);
    o["modifiedAt"] = stamp(-static_cast<std::int64_t>((h >> 28) % 30), sec(h >> 12));
    json::array skus;
    json::array allocations;
    if (f.alloc.kind == allocation::term) {
      const auto& l = licenses_[f.alloc.license];
      const auto& t = l.terms[f.alloc.term_index];
      o["sku"] = t.sku;
      skus.push_back(json::string(t.sku));
      const auto term_href =
          fmt::format("/saas/v1/orgs/{}/licenses/{}/terms/{}", p_.org, l.id, t.id);
      json::object alloc;
      alloc["associatedLicenseTerm"] = json::object{{"id", t.id}, {"href", term_href}};
      alloc["associatedLicenseTermPayments"] = json::array{json::object{
          {"id", t.payment_id}, {"href", fmt::format("{}/purchases/{}", term_href, t.payment_id)}}};
      alloc["useFallbackCost"] = false;
      allocations.push_back(std::move(alloc));
    } else if (f.alloc.kind == allocation::unknown) {
      const auto lid = make_id(id_kind::license, p_.seed, unknown_index);
      const auto tid = make_id(id_kind::term, p_.seed, unknown_index);
      json::object alloc;
      alloc["associatedLicenseTerm"] = json::object{
          {"id", tid},
          {"href", fmt::format("/saas/v1/orgs/{}/licenses/{}/terms/{}", p_.org, lid, tid)}};
      alloc["associatedLicenseTermPayments"] = json::array{};
      alloc["useFallbackCost"] = true;
      allocations.push_back(std::move(alloc));
    }
    o["skus"] = std::move(skus);
    o["associatedManagedApp"] = json::object{{"id", a.id}, {"href", app_href(f.app)}};
    o["associatedPerson"] = json::object{
        {"id", per.id}, {"href", fmt::format("/saas/v1/orgs/{}/people/{}", p_.org, per.id)}};
    o["licensePaymentAllocations"] = std::move(allocations);
    return o;
  }

 private:
  struct person_model {
    std::string id, unique_id, email, first, middle, last;
  };

  static unsigned sec(std::uint64_t h) { return static_cast<unsigned>(h % 86400); }

  std::string stamp(std::int64_t day_offset, unsigned seconds) const {
    return format_timestamp(p_.reference_date + std::chrono::days{day_offset}, seconds,
                            static_cast<unsigned>(seconds * 7 % 10000));
  }

  std::string app_href(std::size_t a) const {
    return fmt::format("/saas/v1/orgs/{}/managed-apps/{}", p_.org, apps_[a].id);
  }

  static bool in_effect(const term_model& t) {
    return t.active && !t.hidden && (!t.effective || *t.effective <= 0) &&
           (!t.ends || *t.ends >= 0);
  }

  person_model person(std::size_t pidx) const {
    const auto h = hash3(p_.seed, s_person, pidx);
    person_model m;
    m.id = make_id(id_kind::person, p_.seed, pidx);
    m.first = first_names[h % first_names.size()];
    m.last = last_names[(h >> 8) % last_names.size()];
    if ((h >> 16) % 10 == 0) m.middle = first_names[(h >> 20) % first_names.size()];
    const auto kind = pidx <= 2 ? pidx : ((h >> 32) % 50 == 0 ? 1 : ((h >> 32) % 50 == 1 ? 2 : 0));
    if (kind == 2) {
      m.unique_id = fmt::format("EMP{:07}", pidx);
    } else {
      m.email = fmt::format("{}.{}{}@{}", m.first, m.last, pidx,
                            kind == 1 ? external_domain : internal_domain);
      m.unique_id = m.email;
    }
    return m;
  }

  user_facts facts(std::size_t i) const {
    user_facts f;
    const auto it = std::upper_bound(starts_.begin(), starts_.end(), i);
    f.app = static_cast<std::size_t>(it - starts_.begin()) - 1;
    const auto& a = apps_[f.app];
    f.k = i - a.user_start;
    f.person = (a.person_offset + f.k * a.person_stride) % people_;
    f.h = hash3(p_.seed, s_user, i);
    const auto h = f.h;
    const double roll = static_cast<double>(h & 0xffff) / 65536.0;
    if (roll < p_.inactive_share) {
      const auto sub = (h >> 16) % 10;
      f.act = sub < 4 ? activity::deactivated : (sub < 7 ? activity::stale : activity::never);
    }
    bool allocate = !a.licenses.empty() && (h >> 32) % 100 >= 5;
    if (f.app < special_app_count && f.k < special_min_users) {
      // Fixed positions in the fixed apps carry the awkward cases (see docs/fsm-simulator.md).
      constexpr std::array<activity, special_min_users> forced{
          activity::active,      activity::active, activity::active, activity::active,
          activity::deactivated, activity::never,  activity::active, activity::stale};
      f.act = forced[f.k];
      allocate = !a.licenses.empty() && f.k != 3;
      if (f.app == 3 && f.k == 6) {
        f.alloc.kind = allocation::unknown;
        return f;
      }
    }
    if (allocate) {
      f.alloc.kind = allocation::term;
      f.alloc.license = a.licenses[(h >> 40) % a.licenses.size()];
      const auto nterms = licenses_[f.alloc.license].terms.size();
      f.alloc.term_index =
          (h >> 48) % 100 < 85 ? 0U : static_cast<std::uint32_t>((h >> 56) % nterms);
    }
    return f;
  }

  void build_apps() {
    const std::size_t n = std::max(p_.apps, special_app_count);
    apps_.resize(n);
    struct fixed {
      const char* name;
      const char* app_name;
      const char* vendor;
      const char* category;
      std::int64_t threshold;
    };
    constexpr std::array<fixed, special_app_count> fixed_apps{{
        {"Office 365", "Microsoft Office 365", "Microsoft", "Productivity", 90},
        {"Microsoft 365", "Microsoft 365 Apps for enterprise", "Microsoft", "Productivity", 30},
        {"Slack", "Slack", "Salesforce", "Communication", 60},
        {"Zoom", "Zoom Workplace", "Zoom Video Communications", "Communication", 15},
        {"Jira", "Jira Software", "Atlassian", "Software Development", 180},
    }};
    std::size_t start = 0, largest = special_min_users;
    for (std::size_t i = 0; i < n; ++i) {
      auto& a = apps_[i];
      const auto h = hash3(p_.seed, s_app, i);
      a.id = make_id(id_kind::app, p_.seed, i);
      a.catalog_id = make_id(id_kind::catalog_app, p_.seed, i);
      a.modified = -static_cast<std::int64_t>(i % 20);
      if (i < special_app_count) {
        const auto& f = fixed_apps[i];
        a.name = f.name;
        a.app_name = f.app_name;
        a.vendor = f.vendor;
        a.category = f.category;
        a.threshold = f.threshold;
        a.user_count = std::max(p_.users_per_app, special_min_users);
      } else {
        const auto g = i - special_app_count;
        const auto& pr = products[g % products.size()];
        a.name = g < products.size() ? std::string(pr.name)
                                     : fmt::format("{} {}", pr.name, g / products.size() + 1);
        a.app_name = pr.name;
        a.vendor = pr.vendor;
        a.category = pr.category;
        a.threshold = thresholds[i % thresholds.size()];
        a.active = h % 33 != 0;
        // Sizes vary in pairs so the total stays apps * users_per_app.
        const auto pair_h = hash3(p_.seed, s_app, g / 2 + 1000000);
        const auto spread = p_.users_per_app / 2;
        const auto d = spread == 0 ? 0 : pair_h % (spread + 1);
        const bool has_partner = (g % 2 == 0) ? i + 1 < n : true;
        a.user_count = !has_partner ? p_.users_per_app
                                    : (g % 2 == 0 ? p_.users_per_app + d : p_.users_per_app - d);
      }
      a.user_start = start;
      start += a.user_count;
      largest = std::max(largest, a.user_count);
    }
    total_users_ = start;
    people_ = std::max({p_.people, largest, special_min_users});
    starts_.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
      auto& a = apps_[i];
      starts_.push_back(a.user_start);
      if (i < special_app_count) continue;  // offset 0, stride 1: persons 0.. in every fixed app
      const auto h = hash3(p_.seed, s_stride, i);
      a.person_offset = h % people_;
      std::size_t s = people_ > 1 ? 1 + (h >> 20) % (people_ - 1) : 1;
      while (std::gcd(s, people_) != 1) s = s % people_ + 1;
      a.person_stride = s;
    }
  }

  term_model make_term(std::size_t idx, std::string name, std::string sku, std::string type,
                       std::optional<std::int64_t> eff, std::optional<std::int64_t> ends,
                       std::int64_t items, std::int64_t annual_cents,
                       std::optional<std::int64_t> per_user_cents) {
    term_model t;
    t.id = make_id(id_kind::term, p_.seed, idx);
    t.payment_id = make_id(id_kind::payment, p_.seed, idx);
    t.purchase_id = make_id(id_kind::purchase, p_.seed, idx);
    t.name = std::move(name);
    t.sku = std::move(sku);
    t.type = std::move(type);
    t.effective = eff;
    t.ends = ends;
    t.items = items;
    t.annual_cents = annual_cents;
    t.per_user_cents = per_user_cents;
    return t;
  }

  std::uint32_t add_license(std::string name, std::string currency,
                            std::vector<std::uint32_t> app_list) {
    const auto idx = static_cast<std::uint32_t>(licenses_.size());
    const auto h = hash3(p_.seed, s_license, idx);
    license_model l;
    l.id = make_id(id_kind::license, p_.seed, idx);
    l.fee_id = make_id(id_kind::fee, p_.seed, idx);
    l.name = std::move(name);
    l.currency = std::move(currency);
    l.created = -400 - static_cast<std::int64_t>(h % 300);
    l.modified = -static_cast<std::int64_t>((h >> 12) % 40);
    l.fee_cents = 50000 + static_cast<std::int64_t>((h >> 20) % 100) * 1000;
    if ((h >> 28) % 3 != 0)
      l.notes = fmt::format("Renewal owner: procurement. Ref PO-{}", 10000 + idx);
    l.apps = std::move(app_list);
    for (auto a : l.apps) apps_[a].licenses.push_back(idx);
    licenses_.push_back(std::move(l));
    return idx;
  }

  void build_licenses() {
    std::size_t term_idx = 0;
    auto n = [](std::size_t c, std::size_t pct) {
      return static_cast<std::int64_t>(std::max<std::size_t>(1, c * pct / 100));
    };
    const auto c0 = apps_[0].user_count, c2 = apps_[2].user_count, c3 = apps_[3].user_count;
    // L0: one agreement for both Microsoft apps; a hidden term and a future term.
    {
      auto& t =
          licenses_[add_license("Microsoft 365 E3 Enterprise Agreement", "USD", {0, 1})].terms;
      t.push_back(make_term(term_idx++, "Microsoft 365 E3", "SPE_E3", "perUser", -200, 165,
                            n(c0, 90), n(c0, 90) * 43200, 43200));
      t.push_back(make_term(term_idx++, "Microsoft 365 E3 reserve", "SPE_E3_RES", "perUser", -200,
                            165, 50, 50 * 43200, 43200));
      t.back().hidden = true;
      t.push_back(make_term(term_idx++, "Microsoft 365 E5 upgrade", "SPE_E5", "perUser", 166, 530,
                            20, 20 * 68400, 68400));
    }
    // L1: Slack's only license; no perUserCost, an expired and an inactive term.
    {
      auto& t = licenses_[add_license("Slack Business+", "EUR", {2})].terms;
      t.push_back(make_term(term_idx++, "Slack Business+", "SLACK_BPLUS", "perUser", -200, 165,
                            static_cast<std::int64_t>(c2), 1234567, std::nullopt));
      t.push_back(make_term(term_idx++, "Slack Pro (previous contract)", "SLACK_PRO", "perUser",
                            -565, -201, 30, 30 * 8040, 8040));
      t.push_back(make_term(term_idx++, "Slack Enterprise Grid trial", "SLACK_GRID", "perUser", -30,
                            335, 500, 0, std::nullopt));
      t.back().active = false;
    }
    // L2, L3: Zoom has two licenses: one with an unlimited term, one perOrg.
    {
      auto& t = licenses_[add_license("Zoom Business", "USD", {3})].terms;
      t.push_back(make_term(term_idx++, "Zoom Business", "ZOOM_BUS", "perUser", -200, 165,
                            n(c3, 50), n(c3, 50) * 19990, 19990));
      t.push_back(make_term(term_idx++, "Zoom Rooms", "ZOOM_ROOMS", "perUser", -200, 165, 0, 500000,
                            std::nullopt));
      t.back().unlimited = true;
    }
    {
      auto& t = licenses_[add_license("Zoom Webinar site license", "USD", {3})].terms;
      t.push_back(make_term(term_idx++, "Zoom Webinar", "ZOOM_WEB", "perOrg", -100, std::nullopt, 1,
                            1200000, std::nullopt));
    }
    // L4: Jira measured in nodes and locations.
    {
      auto& t = licenses_[add_license("Jira Data Center", "EUR", {4})].terms;
      t.push_back(make_term(term_idx++, "Jira Data Center nodes", "JIRA_DC_NODE", "perNode", -200,
                            165, 16, 2400000, std::nullopt));
      t.push_back(make_term(term_idx++, "Jira Data Center sites", "JIRA_DC_SITE", "perLocation",
                            -200, 165, 2, 600000, std::nullopt));
    }
    for (std::size_t a = special_app_count; a < apps_.size(); ++a) {
      const auto users = apps_[a].user_count;
      for (std::size_t j = 0; j < p_.licenses_per_app; ++j) {
        const auto lh = hash3(p_.seed, s_license, a * 1000 + j + 1000000);
        const auto idx = add_license(fmt::format("{} agreement {}", apps_[a].name, j + 1),
                                     lh % 10 < 7 ? "USD" : "EUR", {static_cast<std::uint32_t>(a)});
        auto& terms = licenses_[idx].terms;
        const auto per_lic =
            std::max<std::size_t>(1, users / std::max<std::size_t>(1, p_.licenses_per_app));
        for (std::size_t k = 0; k < p_.terms_per_license; ++k) {
          const auto th = hash3(p_.seed, s_term, term_idx);
          const std::int64_t unit = 500 + static_cast<std::int64_t>(th % 400) * 100 +
                                    static_cast<std::int64_t>((th >> 10) % 4) * 25;
          const auto items = n(per_lic, 80 + (th >> 16) % 50);
          const std::optional<std::int64_t> puc =
              (th >> 24) % 10 < 7 ? std::optional<std::int64_t>(unit) : std::nullopt;
          const auto sku = fmt::format("SKU-{:04}-{}", a, j * 10 + k);
          if (k == 0) {
            std::optional<std::int64_t> ends = 165;
            if ((th >> 32) % 10 == 0) ends.reset();
            terms.push_back(make_term(term_idx++, fmt::format("{} seats", apps_[a].app_name), sku,
                                      "perUser", -200, ends, items, items * unit, puc));
          } else if (k == 1) {
            const bool expired = (th >> 32) % 2 == 0;
            terms.push_back(make_term(
                term_idx++,
                fmt::format("{} {}", apps_[a].app_name, expired ? "previous term" : "renewal"), sku,
                "perUser", expired ? -565 : 166, expired ? -201 : 530, items, items * unit, puc));
          } else {
            const auto addon = std::max<std::int64_t>(1, items / 5);
            terms.push_back(make_term(term_idx++, fmt::format("{} add-on {}", apps_[a].app_name, k),
                                      sku, "perLogin", -100, 265, addon, addon * unit, puc));
          }
        }
      }
    }
  }

  void count_totals() {
    for (std::size_t i = 0; i < total_users_; ++i) {
      const auto f = facts(i);
      auto& a = apps_[f.app];
      if (f.act == activity::active) ++a.total_active;
      if (f.act == activity::never) ++a.total_never;
      if (f.act == activity::stale || f.act == activity::deactivated) ++a.total_inactive;
      if (f.alloc.kind == allocation::term) {
        auto& t = licenses_[f.alloc.license].terms[f.alloc.term_index];
        ++t.total_users;
        if (f.act == activity::active) ++t.total_active;
      }
    }
  }

  json::object term_json(const license_model& l, const term_model& t) const {
    json::object o;
    o["id"] = t.id;
    o["name"] = t.name;
    o["sku"] = t.sku;
    o["termType"] = t.type;
    if (t.effective) o["effectiveAt"] = stamp(*t.effective, 0);
    if (t.ends) o["endsAt"] = stamp(*t.ends, 86399);
    o["isActive"] = t.active;
    o["hidden"] = t.hidden;
    o["isUnlimited"] = t.unlimited;
    o["itemsAllowed"] = t.items;
    o["annualCost"] = money(t.annual_cents);
    if (t.per_user_cents) o["perUserCost"] = money(*t.per_user_cents);
    o["totalUsers"] = t.total_users;
    o["totalActive"] = t.total_active;
    json::object pay;
    pay["id"] = t.payment_id;
    pay["purchaseId"] = t.purchase_id;
    pay["purchasedAt"] = stamp(t.effective.value_or(l.created) - 10, 50400);
    pay["amount"] = money(t.annual_cents);
    pay["currency"] = l.currency;
    if (t.effective) pay["effectiveAt"] = stamp(*t.effective, 0);
    if (t.ends) pay["endsAt"] = stamp(*t.ends, 86399);
    pay["frequency"] = json::object{{"type", "annually"}, {"months", 12}};
    pay["paymentFrequency"] = "Annually";
    pay["paymentFrequencyInMonths"] = 12;
    const char* kind = t.unlimited ? "unlimited" : "limited";
    pay["itemsAllowed"] =
        json::object{{"purchased", json::object{{"count", t.items}, {"type", kind}}},
                     {"provisioned", json::object{{"count", t.items}, {"type", kind}}}};
    pay["hasAllocation"] = t.total_users > 0;
    o["termPayments"] = json::array{std::move(pay)};
    return o;
  }

  generator_params p_;
  std::vector<app_model> apps_;
  std::vector<std::size_t> starts_;
  std::vector<license_model> licenses_;
  std::size_t total_users_ = 0;
  std::size_t people_ = 1;
};

}  // namespace

std::unique_ptr<tenant> make_generated_tenant(const generator_params& params) {
  return std::make_unique<generated_tenant>(params);
}

}  // namespace fsmsim
