#include "invhost/inventory/license_records.hpp"

#include <fmt/format.h>
#include <soci/soci.h>

#include <boost/json.hpp>
#include <map>

#include "invhost/inventory/license_edits.hpp"
#include "invhost/inventory/money.hpp"
#include "invhost/inventory/reconcile.hpp"
#include "json_values.hpp"
#include "row_values.hpp"

namespace invhost::inventory {
namespace {

using detail::as_int;
using detail::as_text;
using detail::opt_int;
using detail::opt_text;
using detail::text_or_null;

struct license_key {
  bool found = false;
  bool imported = false;
  std::string connection;
};

license_key key_of(soci::session& sql, long long id) {
  license_key k;
  long long n = 0;
  sql << "SELECT COUNT(*) FROM licenses WHERE id = :id", soci::use(id), soci::into(n);
  if (n == 0) return k;
  k.found = true;
  soci::indicator ind = soci::i_null;
  sql << "SELECT connection FROM licenses WHERE id = :id", soci::use(id),
      soci::into(k.connection, ind);
  k.imported = ind == soci::i_ok;
  return k;
}

license_key require(soci::session& sql, long long id) {
  license_key k = key_of(sql, id);
  if (!k.found) throw refused("no license " + std::to_string(id));
  return k;
}

void check_text(const std::string& what, const std::string& v) {
  if (v.size() > max_local_text) throw refused(what + " is longer than 4000 characters");
}

// An edit's transaction, holding the write lock from its first statement: the old values it
// reads for the edit history stay true until it commits. SQLite takes the database's write lock
// with BEGIN IMMEDIATE (a deferred transaction that read first could not then write while another
// writer held the lock, and would fail at once instead of waiting); PostgreSQL locks the
// license's row, so two edits of one license record each other's values in order.
class edit_transaction {
 public:
  edit_transaction(soci::session& sql, long long license_id) : sql_(sql) {
    if (sql.get_backend_name() == "sqlite3") {
      sql << "BEGIN IMMEDIATE";
    } else {
      sql.begin();
      long long id = 0;
      soci::indicator ind = soci::i_null;
      sql << "SELECT id FROM licenses WHERE id = :id FOR UPDATE", soci::use(license_id),
          soci::into(id, ind);
    }
  }
  edit_transaction(const edit_transaction&) = delete;
  edit_transaction& operator=(const edit_transaction&) = delete;
  ~edit_transaction() {
    if (open_) try {
        sql_.rollback();
      } catch (const std::exception&) {  // NOLINT(bugprone-empty-catch): already failing
      }
  }
  void commit() {
    sql_.commit();
    open_ = false;
  }

 private:
  soci::session& sql_;
  bool open_ = true;
};

void check_actor(const std::string& actor) {
  if (actor.empty()) throw refused("an edit needs the name of who makes it");
  if (actor.size() > max_actor_text) throw refused("the editor's name is longer than 256 bytes");
}

// A text column of one license; `column` is always a fixed name from the caller's code.
std::optional<std::string> column_value(soci::session& sql, const char* column, long long id) {
  std::string v;
  soci::indicator ind = soci::i_null;
  sql << std::string("SELECT ") + column + " FROM licenses WHERE id = :id", soci::use(id),
      soci::into(v, ind);
  if (ind != soci::i_ok) return std::nullopt;
  return v;
}

bool in_group(soci::session& sql, long long id, const std::string& group) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM license_groups WHERE license_id = :id AND group_name = :g",
      soci::use(id), soci::use(group), soci::into(n);
  return n > 0;
}

}  // namespace

void edit_local_fields(soci::session& sql, std::int64_t license_id, const local_fields& f,
                       const std::string& actor) {
  const long long id = license_id;
  check_actor(actor);
  require(sql, id);
  edit_transaction tr(sql, id);
  const std::pair<const char*, const std::optional<std::string>*> columns[] = {
      {"display_name", &f.display_name},
      {"owner", &f.owner},
      {"cost_centre", &f.cost_centre},
      {"location", &f.location},
      {"notes", &f.notes}};
  for (const auto& [column, value] : columns) {
    if (!*value) continue;
    check_text(column, **value);
    // An empty value clears the field: stored as NULL, as an import leaves a field it never set.
    std::optional<std::string> wanted;
    if (!(*value)->empty()) wanted = **value;
    const std::optional<std::string> before = column_value(sql, column, id);
    if (before == wanted) continue;
    // Column names come from the fixed list above; values are bound.
    soci::indicator ind = wanted ? soci::i_ok : soci::i_null;
    sql << std::string("UPDATE licenses SET ") + column + " = :v WHERE id = :id",
        soci::use(**value, ind), soci::use(id);
    record_license_edit(sql, {license_id, column, before, wanted, actor, {}});
  }
  for (const std::string& g : f.add_groups) {
    check_text("group", g);
    if (g.empty()) throw refused("a group name cannot be empty");
    if (in_group(sql, id, g)) continue;
    sql << "INSERT INTO license_groups (license_id, group_name) VALUES (:id, :g)", soci::use(id),
        soci::use(g);
    record_license_edit(sql, {license_id, "group", std::nullopt, g, actor, {}});
  }
  for (const std::string& g : f.remove_groups) {
    if (!in_group(sql, id, g)) continue;
    sql << "DELETE FROM license_groups WHERE license_id = :id AND group_name = :g", soci::use(id),
        soci::use(g);
    record_license_edit(sql, {license_id, "group", g, std::nullopt, actor, {}});
  }
  tr.commit();
}

void edit_source_field(soci::session& sql, std::int64_t license_id, const std::string& field,
                       const std::string& value, const std::string& actor) {
  const long long id = license_id;
  check_actor(actor);
  const license_key k = require(sql, id);
  if (k.imported)
    throw refused(field + " of license " + std::to_string(license_id) +
                  " is owned by its source, connection '" + k.connection +
                  "': change it there; the next import brings it here (a local name goes in "
                  "--display-name)");
  check_text(field, value);
  const char* column = nullptr;
  if (field == "name") {
    column = "imported_name";
  } else if (field == "type") {
    if (value != "SaaS User" && value != "Named User")
      throw refused("type must be 'SaaS User' or 'Named User'");
    column = "license_type";
  } else {
    throw refused(field + " cannot be set by hand: it is computed from terms or purchases");
  }
  edit_transaction tr(sql, id);
  const std::optional<std::string> before = column_value(sql, column, id);
  if (before != value) {
    // The column is one of the two fixed names above; values are bound.
    sql << std::string("UPDATE licenses SET ") + column + " = :v WHERE id = :id", soci::use(value),
        soci::use(id);
    record_license_edit(sql, {license_id, field, before, value, actor, {}});
  }
  tr.commit();
}

std::int64_t add_local_license(soci::session& sql, const std::string& name, const std::string& type,
                               const std::string& currency) {
  if (name.empty()) throw refused("a license needs a name");
  check_text("name", name);
  if (type != "SaaS User" && type != "Named User")
    throw refused("type must be 'SaaS User' or 'Named User'");
  soci::transaction tr(sql);
  long long id = 0;
  // The id from the insert itself (SQLite 3.35+ and PostgreSQL): MAX(id) may be another
  // session's row.
  sql << "INSERT INTO licenses (imported_name, license_type, currency, status) "
         "VALUES (:n, :t, :c, 'active') RETURNING id",
      soci::use(name), soci::use(type), soci::use(currency), soci::into(id);
  tr.commit();
  return id;
}

std::int64_t add_purchase(soci::session& sql, const purchase& p) {
  if (p.reference.empty()) throw refused("a purchase needs a reference");
  if (p.quantity < 0) throw refused("quantity must not be negative");
  if (!p.amount.empty() && !parse_decimal(p.amount)) throw refused("amount is not a decimal");
  check_text("reference", p.reference);
  check_text("description", p.description);
  long long quantity = p.quantity;
  soci::transaction tr(sql);
  long long id = 0;
  sql << "INSERT INTO purchases (reference, description, quantity, amount, currency, "
         "purchased_at, effective_at, ends_at) VALUES (:r, :d, :q, :a, :c, :p, :e, :x) "
         "RETURNING id",
      soci::use(p.reference), soci::use(p.description), soci::use(quantity), soci::use(p.amount),
      soci::use(p.currency), soci::use(p.purchased_at), soci::use(p.effective_at),
      soci::use(p.ends_at), soci::into(id);
  tr.commit();
  return id;
}

void link_purchase(soci::session& sql, std::int64_t license_id, std::int64_t purchase_id) {
  const long long lid = license_id, pid = purchase_id;
  require(sql, lid);
  long long n = 0;
  sql << "SELECT COUNT(*) FROM purchases WHERE id = :p", soci::use(pid), soci::into(n);
  if (n == 0) throw refused("no purchase " + std::to_string(purchase_id));
  soci::statement st = (sql.prepare << "INSERT INTO license_purchases (license_id, purchase_id) "
                                       "VALUES (:l, :p) ON CONFLICT DO NOTHING",
                        soci::use(lid), soci::use(pid));
  st.execute(true);
  if (st.get_affected_rows() == 0)
    throw refused(
        fmt::format("purchase {} is already linked to license {}", purchase_id, license_id));
}

void unlink_purchase(soci::session& sql, std::int64_t license_id, std::int64_t purchase_id) {
  const long long lid = license_id, pid = purchase_id;
  require(sql, lid);
  soci::statement st =
      (sql.prepare << "DELETE FROM license_purchases WHERE license_id = :l AND purchase_id = :p",
       soci::use(lid), soci::use(pid));
  st.execute(true);
  if (st.get_affected_rows() == 0)
    throw refused(fmt::format("purchase {} is not linked to license {}", purchase_id, license_id));
}

std::int64_t add_attachment(soci::session& sql, std::int64_t license_id, const std::string& name,
                            const std::string& location) {
  const long long lid = license_id;
  require(sql, lid);
  if (name.empty() || location.empty()) throw refused("an attachment needs a name and a location");
  check_text("name", name);
  check_text("location", location);
  soci::transaction tr(sql);
  long long id = 0;
  sql << "INSERT INTO attachments (license_id, name, location) VALUES (:l, :n, :p) RETURNING id",
      soci::use(lid), soci::use(name), soci::use(location), soci::into(id);
  tr.commit();
  return id;
}

delete_outcome describe_delete(soci::session& sql, std::int64_t license_id) {
  const license_key k = require(sql, license_id);
  return delete_outcome{k.imported, k.connection};
}

delete_outcome delete_license(soci::session& sql, std::int64_t license_id) {
  const long long id = license_id;
  const delete_outcome out = describe_delete(sql, id);
  soci::transaction tr(sql);
  sql << "DELETE FROM license_groups WHERE license_id = :id", soci::use(id);
  sql << "DELETE FROM license_purchases WHERE license_id = :id", soci::use(id);
  sql << "DELETE FROM attachments WHERE license_id = :id", soci::use(id);
  sql << "DELETE FROM licenses WHERE id = :id", soci::use(id);
  tr.commit();
  return out;
}

boost::json::object license_details(soci::session& sql, std::int64_t license_id,
                                    const std::string& as_of) {
  const long long id = license_id;
  const license_key k = require(sql, id);
  boost::json::object out;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id, connection, external_id, created_by_adapter, imported_name, "
                        "license_type, currency, source_url, source_created_at, "
                        "source_modified_at, imported_notes, status, retired_reason, retired_at, "
                        "superseded_by, display_name, owner, cost_centre, location, notes "
                        "FROM licenses WHERE id = :id",
         soci::use(id));
    const char* names[] = {"id",
                           "connection",
                           "external_id",
                           "created_by_adapter",
                           "imported_name",
                           "type",
                           "currency",
                           "source_url",
                           "source_created_at",
                           "source_modified_at",
                           "imported_notes",
                           "status",
                           "retired_reason",
                           "retired_at",
                           "superseded_by",
                           "display_name",
                           "owner",
                           "cost_centre",
                           "location",
                           "notes"};
    for (const soci::row& r : rows) {
      for (std::size_t i = 0; i < std::size(names); ++i) {
        if (i == 0) {
          out[names[i]] = as_int(r, i);
        } else {
          out[names[i]] = text_or_null(opt_text(r, i));
        }
      }
    }
  }
  out["source_owned"] = k.imported;
  boost::json::array groups;
  {
    soci::rowset<soci::row> rows = (sql.prepare << "SELECT group_name FROM license_groups WHERE "
                                                   "license_id = :id ORDER BY group_name",
                                    soci::use(id));
    for (const soci::row& r : rows) groups.emplace_back(as_text(r, 0));
  }
  out["groups"] = std::move(groups);
  boost::json::array purchases;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT p.id, p.reference, p.description, p.quantity, p.amount, "
                        "p.currency, p.purchased_at FROM license_purchases lp JOIN purchases p "
                        "ON p.id = lp.purchase_id WHERE lp.license_id = :id ORDER BY p.id",
         soci::use(id));
    for (const soci::row& r : rows)
      purchases.emplace_back(boost::json::object{
          {"id", as_int(r, 0)},
          {"reference", as_text(r, 1)},
          {"description", as_text(r, 2)},
          {"quantity", as_int(r, 3)},
          {"amount", as_text(r, 4)},
          {"currency", as_text(r, 5)},
          {"purchased_at", as_text(r, 6)},
          // On an imported license a purchase is a record only: entitlements come from the source.
          {"informational", k.imported}});
  }
  out["purchases"] = std::move(purchases);
  boost::json::array attachments;
  {
    soci::rowset<soci::row> rows = (sql.prepare << "SELECT id, name, location FROM attachments "
                                                   "WHERE license_id = :id ORDER BY id",
                                    soci::use(id));
    for (const soci::row& r : rows)
      attachments.emplace_back(boost::json::object{
          {"id", as_int(r, 0)}, {"name", as_text(r, 1)}, {"location", as_text(r, 2)}});
  }
  out["attachments"] = std::move(attachments);
  boost::json::array terms;
  if (k.imported) {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT e.external_id, e.name, e.sku, e.term_type, e.items_allowed, "
                        "e.is_unlimited, e.is_active, e.hidden, e.effective_at, e.ends_at, "
                        "e.annual_cost, e.per_user_cost, e.currency FROM entitlements e JOIN "
                        "licenses l ON l.connection = e.connection AND l.external_id = "
                        "e.license_external_id WHERE l.id = :id ORDER BY e.position",
         soci::use(id));
    const char* names[] = {"external_id",   "name",         "sku",         "term_type",
                           "items_allowed", "is_unlimited", "is_active",   "hidden",
                           "effective_at",  "ends_at",      "annual_cost", "per_user_cost",
                           "currency"};
    for (const soci::row& r : rows) {
      boost::json::object t;
      for (std::size_t i = 0; i < std::size(names); ++i) {
        if (i == 4) {
          t[names[i]] = as_int(r, i);
        } else if (i >= 5 && i <= 7) {
          auto v = opt_int(r, i);
          t[names[i]] = v ? boost::json::value(*v != 0) : boost::json::value(nullptr);
        } else {
          t[names[i]] = as_text(r, i);
        }
      }
      terms.emplace_back(std::move(t));
    }
  }
  out["terms"] = std::move(terms);
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT r.as_of, p.unlimited, p.entitled, p.consumed, p.available, "
                        "p.shortfall, p.inactive, p.compliance, p.currency, p.per_user_cost_minor, "
                        "p.unused_cost_minor, p.true_up_cost_minor FROM license_positions p JOIN "
                        "reconciliations r ON r.id = p.reconciliation_id WHERE p.license_id = :id "
                        "AND r.as_of = :d ORDER BY p.reconciliation_id DESC",
         soci::use(id), soci::use(as_of));
    out["position"] = nullptr;
    for (const soci::row& r : rows) {
      const bool unlimited = as_int(r, 1) != 0;
      auto money = [&](std::size_t i) -> boost::json::value {
        auto v = opt_int(r, i);
        if (!v) return nullptr;
        return boost::json::string(format_money(*v, opt_text(r, 8).value_or("")));
      };
      out["position"] =
          boost::json::object{{"as_of", as_text(r, 0)},
                              {"entitled", unlimited ? boost::json::value("unlimited")
                                                     : boost::json::value(as_int(r, 2))},
                              {"consumed", as_int(r, 3)},
                              {"available", unlimited ? boost::json::value("unlimited")
                                                      : boost::json::value(as_int(r, 4))},
                              {"shortfall", as_int(r, 5)},
                              {"inactive", as_int(r, 6)},
                              {"compliance", as_text(r, 7)},
                              {"currency", text_or_null(opt_text(r, 8))},
                              {"per_user_cost", money(9)},
                              {"unused_cost", money(10)},
                              {"true_up_cost", money(11)}};
      break;
    }
  }
  return out;
}

boost::json::array list_licenses(soci::session& sql, const license_filter& filter) {
  // The caller's date only: the newest reconciliation of another date is another question.
  const long long latest = latest_reconciliation(sql, filter.as_of).value_or(0);
  const std::string conn = filter.connection.value_or("");
  const std::string status = filter.status.value_or("");
  const std::string compliance = filter.compliance.value_or("");
  const int no_conn = filter.connection ? 0 : 1;
  const int no_status = filter.status ? 0 : 1;
  const int no_compliance = filter.compliance ? 0 : 1;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT l.id, l.connection, l.external_id, l.display_name, l.imported_name, "
                      "l.license_type, l.status, p.compliance, p.consumed, p.entitled, "
                      "p.unlimited FROM licenses l LEFT JOIN license_positions p ON "
                      "p.license_id = l.id AND p.reconciliation_id = :r "
                      "WHERE (:nc = 1 OR l.connection = :c) AND (:ns = 1 OR l.status = :s) "
                      "AND (:nq = 1 OR p.compliance = :q) ORDER BY l.id",
       soci::use(latest), soci::use(no_conn), soci::use(conn), soci::use(no_status),
       soci::use(status), soci::use(no_compliance), soci::use(compliance));
  boost::json::array out;
  for (const soci::row& r : rows) {
    const auto display = opt_text(r, 3);
    boost::json::object l{{"id", as_int(r, 0)},
                          {"connection", text_or_null(opt_text(r, 1))},
                          {"external_id", text_or_null(opt_text(r, 2))},
                          {"name", display && !display->empty() ? *display : as_text(r, 4)},
                          {"type", as_text(r, 5)},
                          {"status", as_text(r, 6)},
                          {"compliance", text_or_null(opt_text(r, 7))}};
    if (auto consumed = opt_int(r, 8)) {
      l["consumed"] = *consumed;
      l["entitled"] =
          as_int(r, 10) != 0 ? boost::json::value("unlimited") : boost::json::value(as_int(r, 9));
    }
    out.emplace_back(std::move(l));
  }
  return out;
}

boost::json::array list_purchases(soci::session& sql) {
  std::map<long long, boost::json::array> licenses_of;
  {
    soci::rowset<soci::row> links =
        (sql.prepare << "SELECT purchase_id, license_id FROM license_purchases "
                        "ORDER BY purchase_id, license_id");
    for (const soci::row& r : links) licenses_of[as_int(r, 0)].emplace_back(as_int(r, 1));
  }
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, reference, description, quantity, amount, currency, "
                      "purchased_at, effective_at, ends_at FROM purchases ORDER BY id");
  // Unknown values are stored as '' (the columns are NOT NULL); the list says null.
  const auto known = [](std::string t) {
    return t.empty() ? boost::json::value() : boost::json::value(std::move(t));
  };
  boost::json::array out;
  for (const soci::row& r : rows) {
    const long long id = as_int(r, 0);
    out.emplace_back(boost::json::object{{"id", id},
                                         {"reference", as_text(r, 1)},
                                         {"description", known(as_text(r, 2))},
                                         {"quantity", as_int(r, 3)},
                                         {"amount", known(as_text(r, 4))},
                                         {"currency", known(as_text(r, 5))},
                                         {"purchased_at", known(as_text(r, 6))},
                                         {"effective_at", known(as_text(r, 7))},
                                         {"ends_at", known(as_text(r, 8))},
                                         {"licenses", licenses_of[id]}});
  }
  return out;
}

}  // namespace invhost::inventory
