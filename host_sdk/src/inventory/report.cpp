#include "invhost/inventory/report.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <boost/json.hpp>
#include <invhost/inventory/csv_text.hpp>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <utility>
#include <vector>

#include "invhost/inventory/license_users.hpp"
#include "invhost/inventory/money.hpp"
#include "invhost/inventory/reconcile.hpp"
#include "invhost/inventory/supersession.hpp"
#include "row_values.hpp"

namespace invhost::inventory {
namespace {

using detail::as_int;
using detail::as_text;
using detail::opt_int;
using detail::opt_text;

// Amounts are kept at their currency's scale (money.hpp), in column 14.
boost::json::value money_or_null(const soci::row& r, std::size_t i) {
  auto v = opt_int(r, i);
  if (!v) return nullptr;
  return boost::json::string(format_money(*v, opt_text(r, 14).value_or("")));
}

boost::json::value nonempty_text_or_null(const std::optional<std::string>& s) {
  if (!s || s->empty()) return nullptr;
  return boost::json::string(*s);
}

// An amount the report printed with format_money, back in its currency's stored units.
std::int64_t money_amount(const boost::json::value& text, const std::string& currency) {
  const auto d = parse_decimal(std::string_view(text.as_string()));
  if (!d) throw std::invalid_argument("not a money amount: " + std::string(text.as_string()));
  return to_minor_divided(*d, 1, stored_scale(currency));
}

struct app_info {
  std::set<std::string> products;
  std::set<std::string> publishers;
};

}  // namespace

void report_totals::add(const boost::json::object& license) {
  if (license.at("status").as_string() != "active") {
    ++retired_;
    return;
  }
  ++active_;
  if (license.at("compliance").as_string() == "non-compliant") ++non_compliant_;
  const auto& currency = license.at("currency");
  if (!currency.is_string() || !license.at("unused_cost").is_string()) return;
  const std::string code(currency.as_string());
  auto& t = by_currency_[code];
  t.unused_cost = checked_add(t.unused_cost, money_amount(license.at("unused_cost"), code));
  t.true_up_cost = checked_add(t.true_up_cost, money_amount(license.at("true_up_cost"), code));
  ++t.licenses;
}

boost::json::object report_totals::totals_json() const {
  boost::json::object by_currency;
  for (const auto& [currency, t] : by_currency_)
    by_currency[currency] =
        boost::json::object{{"licenses", t.licenses},
                            {"unused_cost", format_money(t.unused_cost, currency)},
                            {"true_up_cost", format_money(t.true_up_cost, currency)}};
  return by_currency;
}

boost::json::object report_totals::summary_json() const {
  return {{"active_licenses", active_},
          {"retired_licenses", retired_},
          {"non_compliant", non_compliant_}};
}

void set_report_totals(boost::json::object& report) {
  report_totals totals;
  for (const auto& v : report.at("licenses").as_array()) totals.add(v.as_object());
  report["totals"] = totals.totals_json();
  report["summary"] = totals.summary_json();
}

boost::json::object build_report(soci::session& sql, std::int64_t reconciliation_id,
                                 const report_options& options) {
  const long long rid = reconciliation_id;
  boost::json::object report;
  std::string as_of;
  sql << "SELECT as_of FROM reconciliations WHERE id = :r", soci::use(rid), soci::into(as_of);
  report["as_of"] = as_of;
  report["reconciliation_id"] = rid;
  const auto stale = staleness(sql, rid);
  report["stale"] = stale.has_value();
  report["stale_reason"] = stale ? boost::json::value(*stale) : boost::json::value(nullptr);

  std::map<std::pair<std::string, std::string>, app_info> apps;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT la.connection, la.license_external_id, a.product, a.publisher "
                        "FROM license_applications la JOIN applications a ON a.connection = "
                        "la.connection AND a.external_id = la.application_external_id");
    for (const soci::row& r : rows) {
      app_info& info = apps[{as_text(r, 0), as_text(r, 1)}];
      info.products.insert(as_text(r, 2));
      if (!as_text(r, 3).empty()) info.publishers.insert(as_text(r, 3));
    }
  }

  const auto external =
      external_users_per_license(sql, rid, options.internal_domains, options.people);
  boost::json::array licenses;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT l.id, l.connection, l.external_id, l.display_name, l.imported_name, "
                      "l.license_type, p.status, p.unlimited, p.entitled, p.consumed, p.available, "
                      "p.shortfall, p.inactive, p.compliance, p.currency, p.per_user_cost_minor, "
                      "p.unused_cost_minor, p.true_up_cost_minor, l.source_url, l.retired_reason "
                      "FROM license_positions p JOIN licenses l ON l.id = p.license_id "
                      "WHERE p.reconciliation_id = :r "
                      "ORDER BY CASE WHEN l.connection IS NULL THEN 1 ELSE 0 END, l.connection, "
                      "l.external_id, l.id",
       soci::use(rid));
  for (const soci::row& r : rows) {
    boost::json::object l;
    const auto connection = opt_text(r, 1);
    const auto external_id = opt_text(r, 2);
    const std::string imported_name = as_text(r, 4);
    const auto display = opt_text(r, 3);
    l["id"] = as_int(r, 0);
    l["connection"] = nonempty_text_or_null(connection);
    l["external_id"] = nonempty_text_or_null(external_id);
    l["name"] = display && !display->empty() ? *display : imported_name;
    l["imported_name"] = imported_name;
    boost::json::array products;
    std::string publisher;
    if (connection && external_id) {
      auto it = apps.find({*connection, *external_id});
      if (it != apps.end()) {
        for (const auto& p : it->second.products) products.emplace_back(p);
        for (const auto& p : it->second.publishers)
          publisher += (publisher.empty() ? "" : ", ") + p;
      }
    }
    l["publisher"] = publisher;
    l["products"] = std::move(products);
    l["type"] = as_text(r, 5);
    const std::string status = as_text(r, 6);
    l["status"] = status;
    if (status == "retired") l["retired_reason"] = nonempty_text_or_null(opt_text(r, 19));
    const bool unlimited = as_int(r, 7) != 0;
    if (unlimited) {
      l["entitled"] = "unlimited";
    } else {
      l["entitled"] = as_int(r, 8);
    }
    l["consumed"] = as_int(r, 9);
    if (unlimited) {
      l["available"] = "unlimited";
    } else {
      l["available"] = as_int(r, 10);
    }
    l["shortfall"] = as_int(r, 11);
    l["inactive"] = as_int(r, 12);
    std::int64_t outside = 0;
    if (connection && external_id)
      if (auto it = external.find({*connection, *external_id}); it != external.end())
        outside = it->second;
    l["external_users"] = outside;
    const std::string compliance = as_text(r, 13);
    l["compliance"] = compliance;
    l["currency"] = nonempty_text_or_null(opt_text(r, 14));
    l["per_user_cost"] = money_or_null(r, 15);
    l["unused_cost"] = money_or_null(r, 16);
    l["true_up_cost"] = money_or_null(r, 17);
    l["source_url"] = nonempty_text_or_null(opt_text(r, 18));
    licenses.emplace_back(std::move(l));
  }
  report["licenses"] = std::move(licenses);

  // By application name for people; the external id stays as the key (a name is not unique).
  boost::json::array unallocated;
  soci::rowset<soci::row> un =
      (sql.prepare << "SELECT u.connection, u.application_external_id, u.users, a.name FROM "
                      "unallocated_positions u LEFT JOIN applications a ON a.connection = "
                      "u.connection AND a.external_id = u.application_external_id "
                      "WHERE u.reconciliation_id = :r "
                      "ORDER BY u.connection, u.application_external_id",
       soci::use(rid));
  for (const soci::row& r : un) {
    unallocated.emplace_back(
        boost::json::object{{"connection", as_text(r, 0)},
                            {"application", as_text(r, 1)},
                            {"application_name", nonempty_text_or_null(opt_text(r, 3))},
                            {"users", as_int(r, 2)}});
  }
  report["unallocated"] = std::move(unallocated);

  // Accounts the host's exclusion rules left out of every license, per rule, as this
  // reconciliation applied them.
  boost::json::array excluded;
  soci::rowset<soci::row> ex =
      (sql.prepare << "SELECT rule, accounts FROM reconciliation_exclusions "
                      "WHERE reconciliation_id = :r ORDER BY position",
       soci::use(rid));
  for (const soci::row& r : ex)
    excluded.emplace_back(boost::json::object{{"rule", as_text(r, 0)}, {"accounts", as_int(r, 1)}});
  report["excluded_accounts"] = std::move(excluded);

  set_report_totals(report);
  boost::json::array supersession;
  for (const auto& st : list_supersessions(sql))
    supersession.emplace_back(boost::json::object{{"connection", st.superseded_connection},
                                                  {"by", st.by_connection},
                                                  {"state", st.state},
                                                  {"reason", nonempty_text_or_null(st.reason)},
                                                  {"licenses", st.licenses},
                                                  {"since", st.since}});
  report["supersession"] = std::move(supersession);
  if (options.top_bar_link && !options.top_bar_link->empty())
    report["links"] = boost::json::object{{"top_bar", *options.top_bar_link}};
  return report;
}

namespace {

constexpr const char* columns[] = {
    "id",          "connection",   "external_id",    "name",       "imported_name", "publisher",
    "products",    "type",         "status",         "entitled",   "consumed",      "available",
    "shortfall",   "inactive",     "external_users", "compliance", "currency",      "per_user_cost",
    "unused_cost", "true_up_cost", "source_url"};

}  // namespace

std::string report_csv(const boost::json::object& report,
                       const std::vector<std::string>& extra_columns) {
  std::ostringstream out;
  bool first = true;
  for (const char* c : columns) {
    out << (first ? "" : ",") << c;
    first = false;
  }
  for (const auto& c : extra_columns) out << "," << c;
  // Every row says whether the positions predate the inventory: a CSV has no other place.
  out << ",stale\r\n";
  const std::string stale = cell_text(report.at("stale"));
  for (const auto& v : report.at("licenses").as_array()) {
    const auto& l = v.as_object();
    first = true;
    for (const char* c : columns) {
      const auto& value = l.at(c);
      out << (first ? "" : ",")
          << csv_field(cell_text(value), value.is_string() || value.is_array());
      first = false;
    }
    for (const auto& c : extra_columns) {
      const auto* value = l.if_contains(c);
      if (value)
        out << "," << csv_field(cell_text(*value), value->is_string() || value->is_array());
      else
        out << ",";
    }
    out << "," << stale << "\r\n";
  }
  return out.str();
}

std::string report_table(const boost::json::object& report) {
  struct col {
    const char* key;
    const char* title;
  };
  const col cols[] = {{"id", "ID"},
                      {"name", "License"},
                      {"status", "Status"},
                      {"entitled", "Entitled"},
                      {"consumed", "Consumed"},
                      {"available", "Avail"},
                      {"shortfall", "Short"},
                      {"inactive", "Inactive"},
                      {"external_users", "External"},
                      {"compliance", "Compliance"},
                      {"currency", "Cur"},
                      {"unused_cost", "Unused"},
                      {"true_up_cost", "True-up"}};
  std::vector<std::vector<std::string>> lines;
  lines.emplace_back();
  for (const auto& c : cols) lines.back().emplace_back(c.title);
  for (const auto& v : report.at("licenses").as_array()) {
    lines.emplace_back();
    for (const auto& c : cols) {
      std::string s = cell_text(v.as_object().at(c.key));
      if (s.size() > 40) {
        std::size_t cut = 39;  // never inside a UTF-8 character
        while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0U) == 0x80U) --cut;
        s = s.substr(0, cut) + "~";
      }
      lines.back().push_back(s);
    }
  }
  std::vector<std::size_t> width(std::size(cols), 0);
  for (const auto& line : lines)
    for (std::size_t i = 0; i < line.size(); ++i) width[i] = std::max(width[i], line[i].size());
  std::ostringstream out;
  out << "License positions as of " << cell_text(report.at("as_of")) << "\n";
  if (report.at("stale").as_bool())
    out << "STALE: " << cell_text(report.at("stale_reason")) << "\n";
  for (const auto& line : lines) {
    for (std::size_t i = 0; i < line.size(); ++i) {
      out << line[i] << std::string(width[i] - line[i].size() + 2, ' ');
    }
    out << "\n";
  }
  const auto& un = report.at("unallocated").as_array();
  if (!un.empty()) {
    out << "\nUnallocated users (no license to count them against):\n";
    for (const auto& u : un)
      out << "  " << cell_text(u.at("connection")) << " / "
          << (u.at("application_name").is_string() ? cell_text(u.at("application_name")) + " (" +
                                                         cell_text(u.at("application")) + ")"
                                                   : cell_text(u.at("application")))
          << ": " << cell_text(u.at("users")) << "\n";
  }
  if (const auto* ex = report.if_contains("excluded_accounts"); ex && !ex->as_array().empty()) {
    out << "\nExcluded accounts (host setting exclude_accounts; counted in no license):\n";
    for (const auto& e : ex->as_array())
      out << "  " << cell_text(e.at("rule")) << ": " << cell_text(e.at("accounts")) << "\n";
  }
  const auto& summary = report.at("summary").as_object();
  out << "\nActive licenses: " << cell_text(summary.at("active_licenses"))
      << ", non-compliant: " << cell_text(summary.at("non_compliant"))
      << ", retired (not counted): " << cell_text(summary.at("retired_licenses")) << "\n";
  for (const auto& [currency, t] : report.at("totals").as_object())
    out << "  " << std::string(currency) << ": unused " << cell_text(t.at("unused_cost"))
        << ", true-up " << cell_text(t.at("true_up_cost")) << "\n";
  if (const auto* sup = report.if_contains("supersession"))
    for (const auto& v : sup->as_array()) {
      const auto& st = v.as_object();
      out << "Supersession of " << cell_text(st.at("connection")) << " by "
          << cell_text(st.at("by")) << ": " << cell_text(st.at("state")) << ", "
          << cell_text(st.at("licenses")) << " licenses retired"
          << (st.at("reason").is_null() ? "" : " (" + cell_text(st.at("reason")) + ")") << "\n";
    }
  return out.str();
}

}  // namespace invhost::inventory
