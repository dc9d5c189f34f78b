#include "staging/record_rows.hpp"
#include "staging/pg_bulk_upsert.hpp"

#include <invhost/staging_sink.hpp>
#include <invsdk/adapter_base.hpp>

#include <fmt/format.h>

#include <vector>

namespace invhost::detail {
namespace {

using soci::use;

// One nullable flag column: tristate → NULL / 0 / 1.
struct flag_column {
  std::vector<int> values;
  std::vector<soci::indicator> nulls;
  void push(invsdk_tristate t) {
    values.push_back(t == INVSDK_TRUE ? 1 : 0);
    nulls.push_back(t == INVSDK_TRUE || t == INVSDK_FALSE ? soci::i_ok : soci::i_null);
  }
};

// Shared per-batch context: where we are, for messages, and the checked text copy.
struct reader {
  uint64_t index = 0;
  std::string_view kind;

  std::string text(invsdk_str s, const char* field) const {
    if (s.size > max_text_bytes)
      throw record_data_error(fmt::format("{} record {}: {} is {} bytes, more than the {} allowed", kind, index,
                                          field, s.size, max_text_bytes));
    if (s.size > 0 && s.data == nullptr)
      throw record_data_error(fmt::format("{} record {}: {} has a size but no data", kind, index, field));
    return std::string(invsdk::from_c(s));
  }
  std::string key(invsdk_str s, const char* field) const {
    std::string t = text(s, field);
    if (t.empty()) throw record_data_error(fmt::format("{} record {}: {} is empty", kind, index, field));
    return t;
  }
};

bool is_postgresql(soci::session& sql) { return sql.get_backend_name() == "postgresql"; }

pg_column text_col(std::string_view name, const std::vector<std::string>& v) { return {name, &v, nullptr, nullptr, nullptr}; }
pg_column big_col(std::string_view name, const std::vector<long long>& v) { return {name, nullptr, &v, nullptr, nullptr}; }
pg_column int_col(std::string_view name, const std::vector<int>& v) { return {name, nullptr, nullptr, &v, nullptr}; }
pg_column flag_col(std::string_view name, const flag_column& f) { return {name, nullptr, nullptr, &f.values, &f.nulls}; }

template <typename Record>
Record read_record(const unsigned char* records, uint64_t i, uint32_t record_size) {
  const unsigned char* p = records + i * record_size;
  uint32_t declared = 0;
  std::memcpy(&declared, p, sizeof declared);
  // The stride is record_size; a record claiming less than that is read only as far as it claims.
  const uint32_t usable = declared != 0 && declared < record_size ? declared : record_size;
  return invsdk::read_sized<Record>(p, usable);
}

void insert_applications(soci::session& sql, long long run, const std::string& conn, const unsigned char* recs,
                         uint64_t count, uint32_t size) {
  std::vector<std::string> ext, name, product, publisher, url;
  std::vector<int> threshold;
  flag_column active;
  reader rd{0, "applications"};
  for (rd.index = 0; rd.index < count; ++rd.index) {
    const auto r = read_record<invsdk_application>(recs, rd.index, size);
    ext.push_back(rd.key(r.external_id, "external_id"));
    name.push_back(rd.text(r.name, "name"));
    product.push_back(rd.text(r.product, "product"));
    publisher.push_back(rd.text(r.publisher, "publisher"));
    url.push_back(rd.text(r.source_url, "source_url"));
    if (r.activity_threshold_days < 0)
      throw record_data_error(fmt::format("applications record {}: negative activity threshold", rd.index));
    threshold.push_back(r.activity_threshold_days == 0 ? 90 : r.activity_threshold_days);
    active.push(r.is_active);
  }
  if (is_postgresql(sql))
    return pg_bulk_upsert(sql, {"staged_applications", {"external_id"}}, run, conn,
                          {text_col("external_id", ext), text_col("name", name), text_col("product", product),
                           text_col("publisher", publisher), int_col("activity_threshold_days", threshold),
                           flag_col("is_active", active), text_col("source_url", url)});
  std::vector<long long> runs(ext.size(), run);
  std::vector<std::string> conns(ext.size(), conn);
  sql << "INSERT INTO staged_applications (run_id, connection, external_id, name, product, publisher, "
         "activity_threshold_days, is_active, source_url) VALUES (:r, :c, :e, :n, :p, :pub, :t, :a, :u) "
         "ON CONFLICT (run_id, external_id) DO UPDATE SET name = excluded.name, product = excluded.product, "
         "publisher = excluded.publisher, activity_threshold_days = excluded.activity_threshold_days, "
         "is_active = excluded.is_active, source_url = excluded.source_url",
      use(runs), use(conns), use(ext), use(name), use(product), use(publisher), use(threshold),
      use(active.values, active.nulls), use(url);
}

void insert_licenses(soci::session& sql, long long run, const std::string& conn, const unsigned char* recs,
                     uint64_t count, uint32_t size) {
  std::vector<std::string> ext, name, type, currency, created, modified, notes, url;
  std::vector<std::string> la_license, la_app;
  reader rd{0, "licenses"};
  for (rd.index = 0; rd.index < count; ++rd.index) {
    const auto r = read_record<invsdk_license>(recs, rd.index, size);
    ext.push_back(rd.key(r.external_id, "external_id"));
    name.push_back(rd.text(r.name, "name"));
    if (r.type == 0 || r.type == INVSDK_LICENSE_TYPE_SAAS_USER) type.emplace_back("SaaS User");
    else if (r.type == INVSDK_LICENSE_TYPE_NAMED_USER) type.emplace_back("Named User");
    else throw record_data_error(fmt::format("licenses record {}: unknown license type {}", rd.index, r.type));
    currency.push_back(rd.text(r.currency, "currency"));
    created.push_back(rd.text(r.created_at, "created_at"));
    modified.push_back(rd.text(r.modified_at, "modified_at"));
    notes.push_back(rd.text(r.notes, "notes"));
    url.push_back(rd.text(r.source_url, "source_url"));
    if (r.application_count > max_batch_records)
      throw record_data_error(fmt::format("licenses record {}: {} applications, more than {}", rd.index,
                                          r.application_count, max_batch_records));
    if (r.application_count > 0 && r.application_ids == nullptr)
      throw record_data_error(fmt::format("licenses record {}: application_ids is NULL", rd.index));
    for (uint64_t a = 0; a < r.application_count; ++a) {
      la_license.push_back(ext.back());
      la_app.push_back(rd.key(r.application_ids[a], "application_ids[]"));
    }
    if (la_app.size() > 10 * max_batch_records)
      throw record_data_error("licenses: too many license applications in one batch");
  }
  if (is_postgresql(sql)) {
    pg_bulk_upsert(sql, {"staged_licenses", {"external_id"}}, run, conn,
                   {text_col("external_id", ext), text_col("name", name), text_col("license_type", type),
                    text_col("currency", currency), text_col("created_at", created),
                    text_col("modified_at", modified), text_col("notes", notes), text_col("source_url", url)});
    pg_bulk_upsert(sql, {"staged_license_applications", {"license_external_id", "application_external_id"}, false},
                   run, conn, {text_col("license_external_id", la_license), text_col("application_external_id", la_app)});
    return;
  }
  std::vector<long long> runs(ext.size(), run);
  std::vector<std::string> conns(ext.size(), conn);
  sql << "INSERT INTO staged_licenses (run_id, connection, external_id, name, license_type, currency, created_at, "
         "modified_at, notes, source_url) VALUES (:r, :c, :e, :n, :t, :cur, :ca, :ma, :no, :u) "
         "ON CONFLICT (run_id, external_id) DO UPDATE SET name = excluded.name, license_type = excluded.license_type, "
         "currency = excluded.currency, created_at = excluded.created_at, modified_at = excluded.modified_at, "
         "notes = excluded.notes, source_url = excluded.source_url",
      use(runs), use(conns), use(ext), use(name), use(type), use(currency), use(created), use(modified), use(notes),
      use(url);
  if (la_app.empty()) return;
  std::vector<long long> la_runs(la_app.size(), run);
  std::vector<std::string> la_conns(la_app.size(), conn);
  sql << "INSERT INTO staged_license_applications (run_id, connection, license_external_id, application_external_id) "
         "VALUES (:r, :c, :l, :a) ON CONFLICT (run_id, license_external_id, application_external_id) DO NOTHING",
      use(la_runs), use(la_conns), use(la_license), use(la_app);
}

std::string term_type_text(invsdk_term_type t, uint64_t index) {
  switch (t) {
    case INVSDK_TERM_TYPE_UNSPECIFIED: return "";
    case INVSDK_TERM_TYPE_PER_USER: return "perUser";
    case INVSDK_TERM_TYPE_PER_LOGIN: return "perLogin";
    case INVSDK_TERM_TYPE_PER_NODE: return "perNode";
    case INVSDK_TERM_TYPE_PER_LOCATION: return "perLocation";
    case INVSDK_TERM_TYPE_PER_ORG: return "perOrg";
    default: break;
  }
  throw record_data_error(fmt::format("entitlements record {}: unknown term type {}", index, t));
}

void insert_entitlements(soci::session& sql, long long run, const std::string& conn, const unsigned char* recs,
                         uint64_t count, uint32_t size) {
  std::vector<std::string> ext, lic, name, sku, term, eff, ends, annual, per_user, currency;
  std::vector<int> position;
  std::vector<long long> items;
  flag_column unlimited, active, hidden;
  reader rd{0, "entitlements"};
  for (rd.index = 0; rd.index < count; ++rd.index) {
    const auto r = read_record<invsdk_entitlement>(recs, rd.index, size);
    ext.push_back(rd.key(r.external_id, "external_id"));
    lic.push_back(rd.key(r.license_external_id, "license_external_id"));
    if (r.position > 1'000'000) throw record_data_error(fmt::format("entitlements record {}: position too large", rd.index));
    position.push_back(static_cast<int>(r.position));
    name.push_back(rd.text(r.name, "name"));
    sku.push_back(rd.text(r.sku, "sku"));
    term.push_back(term_type_text(r.term_type, rd.index));
    items.push_back(r.items_allowed);
    unlimited.push(r.is_unlimited);
    active.push(r.is_active);
    hidden.push(r.hidden);
    eff.push_back(rd.text(r.effective_at, "effective_at"));
    ends.push_back(rd.text(r.ends_at, "ends_at"));
    annual.push_back(rd.text(r.annual_cost, "annual_cost"));
    per_user.push_back(rd.text(r.per_user_cost, "per_user_cost"));
    currency.push_back(rd.text(r.currency, "currency"));
  }
  if (is_postgresql(sql))
    return pg_bulk_upsert(
        sql, {"staged_entitlements", {"external_id"}}, run, conn,
        {text_col("external_id", ext), text_col("license_external_id", lic), int_col("position", position),
         text_col("name", name), text_col("sku", sku), text_col("term_type", term), big_col("items_allowed", items),
         flag_col("is_unlimited", unlimited), flag_col("is_active", active), flag_col("hidden", hidden),
         text_col("effective_at", eff), text_col("ends_at", ends), text_col("annual_cost", annual),
         text_col("per_user_cost", per_user), text_col("currency", currency)});
  std::vector<long long> runs(ext.size(), run);
  std::vector<std::string> conns(ext.size(), conn);
  sql << "INSERT INTO staged_entitlements (run_id, connection, external_id, license_external_id, position, name, sku, "
         "term_type, items_allowed, is_unlimited, is_active, hidden, effective_at, ends_at, annual_cost, per_user_cost, "
         "currency) VALUES (:r, :c, :e, :l, :p, :n, :s, :t, :i, :un, :ac, :h, :ef, :en, :an, :pu, :cu) "
         "ON CONFLICT (run_id, external_id) DO UPDATE SET license_external_id = excluded.license_external_id, "
         "position = excluded.position, name = excluded.name, sku = excluded.sku, term_type = excluded.term_type, "
         "items_allowed = excluded.items_allowed, is_unlimited = excluded.is_unlimited, is_active = excluded.is_active, "
         "hidden = excluded.hidden, effective_at = excluded.effective_at, ends_at = excluded.ends_at, "
         "annual_cost = excluded.annual_cost, per_user_cost = excluded.per_user_cost, currency = excluded.currency",
      use(runs), use(conns), use(ext), use(lic), use(position), use(name), use(sku), use(term), use(items),
      use(unlimited.values, unlimited.nulls), use(active.values, active.nulls), use(hidden.values, hidden.nulls),
      use(eff), use(ends), use(annual), use(per_user), use(currency);
}

void insert_accessing_users(soci::session& sql, long long run, const std::string& conn, const unsigned char* recs,
                            uint64_t count, uint32_t size) {
  std::vector<std::string> ext, email, first, last, user, domain;
  reader rd{0, "accessing_users"};
  for (rd.index = 0; rd.index < count; ++rd.index) {
    const auto r = read_record<invsdk_accessing_user>(recs, rd.index, size);
    ext.push_back(rd.key(r.external_id, "external_id"));
    email.push_back(rd.text(r.email, "email"));
    first.push_back(rd.text(r.first_name, "first_name"));
    last.push_back(rd.text(r.last_name, "last_name"));
    user.push_back(rd.text(r.user_name, "user_name"));
    domain.push_back(rd.text(r.domain, "domain"));
  }
  if (is_postgresql(sql))
    return pg_bulk_upsert(sql, {"staged_accessing_users", {"external_id"}}, run, conn,
                          {text_col("external_id", ext), text_col("email", email), text_col("first_name", first),
                           text_col("last_name", last), text_col("user_name", user), text_col("domain", domain)});
  std::vector<long long> runs(ext.size(), run);
  std::vector<std::string> conns(ext.size(), conn);
  // The same person arrives once per application they use: keep one row, the last one seen.
  sql << "INSERT INTO staged_accessing_users (run_id, connection, external_id, email, first_name, last_name, "
         "user_name, domain) VALUES (:r, :c, :e, :m, :f, :l, :u, :d) "
         "ON CONFLICT (run_id, external_id) DO UPDATE SET email = excluded.email, first_name = excluded.first_name, "
         "last_name = excluded.last_name, user_name = excluded.user_name, domain = excluded.domain",
      use(runs), use(conns), use(ext), use(email), use(first), use(last), use(user), use(domain);
}

void insert_consumption(soci::session& sql, long long run, const std::string& conn, const unsigned char* recs,
                        uint64_t count, uint32_t size) {
  std::vector<std::string> ext, lic, app, user, activated, deactivated, last;
  reader rd{0, "consumption"};
  for (rd.index = 0; rd.index < count; ++rd.index) {
    const auto r = read_record<invsdk_consumption>(recs, rd.index, size);
    ext.push_back(rd.key(r.external_id, "external_id"));
    lic.push_back(rd.text(r.license_external_id, "license_external_id"));
    app.push_back(rd.text(r.application_external_id, "application_external_id"));
    user.push_back(rd.key(r.accessing_user_external_id, "accessing_user_external_id"));
    activated.push_back(rd.text(r.activated_at, "activated_at"));
    deactivated.push_back(rd.text(r.deactivated_at, "deactivated_at"));
    last.push_back(rd.text(r.last_activity_at, "last_activity_at"));
  }
  if (is_postgresql(sql))
    return pg_bulk_upsert(sql, {"staged_consumption", {"external_id", "license_external_id"}}, run, conn,
                          {text_col("external_id", ext), text_col("license_external_id", lic),
                           text_col("application_external_id", app), text_col("accessing_user_external_id", user),
                           text_col("activated_at", activated), text_col("deactivated_at", deactivated),
                           text_col("last_activity_at", last)});
  std::vector<long long> runs(ext.size(), run);
  std::vector<std::string> conns(ext.size(), conn);
  sql << "INSERT INTO staged_consumption (run_id, connection, external_id, license_external_id, "
         "application_external_id, accessing_user_external_id, activated_at, deactivated_at, last_activity_at) "
         "VALUES (:r, :c, :e, :l, :a, :u, :ac, :de, :la) "
         "ON CONFLICT (run_id, external_id, license_external_id) DO UPDATE SET "
         "application_external_id = excluded.application_external_id, "
         "accessing_user_external_id = excluded.accessing_user_external_id, activated_at = excluded.activated_at, "
         "deactivated_at = excluded.deactivated_at, last_activity_at = excluded.last_activity_at",
      use(runs), use(conns), use(ext), use(lic), use(app), use(user), use(activated), use(deactivated), use(last);
}

}  // namespace

void insert_batch(soci::session& sql, invsdk_stream_kind kind, long long run_id,
                  const std::string& connection, const unsigned char* records, uint64_t count,
                  uint32_t record_size) {
  switch (kind) {
    case INVSDK_STREAM_APPLICATIONS: return insert_applications(sql, run_id, connection, records, count, record_size);
    case INVSDK_STREAM_LICENSES: return insert_licenses(sql, run_id, connection, records, count, record_size);
    case INVSDK_STREAM_ENTITLEMENTS: return insert_entitlements(sql, run_id, connection, records, count, record_size);
    case INVSDK_STREAM_ACCESSING_USERS:
      return insert_accessing_users(sql, run_id, connection, records, count, record_size);
    case INVSDK_STREAM_CONSUMPTION: return insert_consumption(sql, run_id, connection, records, count, record_size);
    default: throw record_data_error(fmt::format("unknown stream kind {}", kind));
  }
}

}  // namespace invhost::detail
