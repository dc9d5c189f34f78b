#include "staging/record_rows.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <invhost/staging_sink.hpp>
#include <invsdk/adapter_base.hpp>
#include <invsdk/values.hpp>
#include <numeric>
#include <optional>
#include <vector>

#include "staging/pg_bulk_upsert.hpp"

namespace invhost::detail {
namespace {

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
  long long page = 0;

  [[nodiscard]] std::string where() const {
    return fmt::format("{} record {} of page {}", kind, index + 1, page);
  }
  std::string text(invsdk_str s, const char* field) const {
    if (s.size > max_text_bytes)
      throw record_data_error(fmt::format("{}: {} is {} bytes, more than the {} allowed", where(),
                                          field, s.size, max_text_bytes));
    if (s.size > 0 && s.data == nullptr)
      throw record_data_error(fmt::format("{}: {} has a size but no data", where(), field));
    return std::string(invsdk::from_c(s));
  }
  // A money value of the ABI's grammar (non-negative, bounded), or empty for unknown.
  std::string money(invsdk_str s, const char* field) const {
    std::string t = text(s, field);
    if (const char* problem = invsdk::money_text_problem(t))
      throw record_data_error(
          fmt::format("{}: {} \"{}\" {}", where(), field, t.substr(0, 40), problem));
    return t;
  }
  // A currency code (three capital letters), or empty.
  std::string currency(invsdk_str s, const char* field) const {
    std::string t = text(s, field);
    if (const char* problem = invsdk::currency_text_problem(t))
      throw record_data_error(
          fmt::format("{}: {} \"{}\" {}", where(), field, t.substr(0, 40), problem));
    return t;
  }
  // A date or date-time of the ABI's grammar, or empty.
  std::string date_time(invsdk_str s, const char* field) const {
    std::string t = text(s, field);
    if (const char* problem = invsdk::date_time_text_problem(t))
      throw record_data_error(
          fmt::format("{}: {} \"{}\" {}", where(), field, t.substr(0, 40), problem));
    return t;
  }
  // An email address of the ABI's grammar, or empty.
  std::string email(invsdk_str s, const char* field) const {
    std::string t = text(s, field);
    if (const char* problem = invsdk::email_text_problem(t))
      throw record_data_error(
          fmt::format("{}: {} \"{}\" {}", where(), field, t.substr(0, 40), problem));
    return t;
  }
  std::string key(invsdk_str s, const char* field) const {
    std::string t = text(s, field);
    if (t.empty()) throw record_data_error(fmt::format("{}: {} is empty", where(), field));
    return t;
  }
};

bool is_postgresql(soci::session& sql) {
  return sql.get_backend_name() == "postgresql";
}

pg_column text_col(std::string_view name, const std::vector<std::string>& v) {
  return {name, &v, nullptr, nullptr, nullptr};
}
pg_column big_col(std::string_view name, const std::vector<long long>& v) {
  return {name, nullptr, &v, nullptr, nullptr};
}
pg_column int_col(std::string_view name, const std::vector<int>& v) {
  return {name, nullptr, nullptr, &v, nullptr};
}
pg_column flag_col(std::string_view name, const flag_column& f) {
  return {name, nullptr, nullptr, &f.values, &f.nulls};
}

std::size_t rows_of(const pg_column& c) {
  if (c.text != nullptr) return c.text->size();
  if (c.bigint != nullptr) return c.bigint->size();
  return c.integer != nullptr ? c.integer->size() : 0;
}

// Inserts the rows (run_id, connection, columns...) in the batch's order; a row whose key is
// already staged is skipped. Returns the number inserted. The SQLite statement is built from the
// same column list as the PostgreSQL one, so the two dialects cannot drift apart.
std::size_t insert_rows(soci::session& sql, const pg_upsert& table, long long run,
                        const std::string& conn, const std::vector<pg_column>& columns) {
  const std::size_t rows = columns.empty() ? 0 : rows_of(columns.front());
  if (rows == 0) return 0;
  if (is_postgresql(sql)) return pg_bulk_insert(sql, table, run, conn, columns);
  std::vector<long long> runs(rows, run);
  std::vector<std::string> conns(rows, conn);
  std::string names = "run_id, connection", values = ":run, :conn", key;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    names += fmt::format(", {}", columns[i].name);
    values += fmt::format(", :v{}", i);
  }
  for (const auto k : table.key) key += fmt::format(", {}", k);
  long long changes_before = 0, changes_after = 0;
  sql << "SELECT total_changes()", soci::into(changes_before);
  {
    soci::statement st(sql);
    st.exchange(soci::use(runs));
    st.exchange(soci::use(conns));
    for (const pg_column& c : columns) {
      // SOCI binds through non-const references; it only reads them for an INSERT.
      if (c.text != nullptr)
        st.exchange(soci::use(const_cast<std::vector<std::string>&>(*c.text)));
      else if (c.bigint != nullptr)
        st.exchange(soci::use(const_cast<std::vector<long long>&>(*c.bigint)));
      else if (c.nulls != nullptr)
        st.exchange(soci::use(const_cast<std::vector<int>&>(*c.integer),
                              const_cast<std::vector<soci::indicator>&>(*c.nulls)));
      else
        st.exchange(soci::use(const_cast<std::vector<int>&>(*c.integer)));
    }
    st.alloc();
    st.prepare(fmt::format("INSERT INTO {} ({}) VALUES ({}) ON CONFLICT (run_id{}) DO NOTHING",
                           table.table, names, values, key));
    st.define_and_bind();
    st.execute(true);
  }
  sql << "SELECT total_changes()", soci::into(changes_after);
  return static_cast<std::size_t>(changes_after - changes_before);
}

// A value of a batch or of a stored row as text, for comparing the two; nullopt for NULL. Text
// stops at a NUL byte, as PostgreSQL stores it.
std::optional<std::string> batch_value(const pg_column& c, std::size_t i) {
  if (c.nulls != nullptr && (*c.nulls)[i] == soci::i_null) return std::nullopt;
  if (c.text != nullptr) {
    const std::string& t = (*c.text)[i];
    return t.substr(0, t.find('\0'));
  }
  if (c.bigint != nullptr) return std::to_string((*c.bigint)[i]);
  return std::to_string((*c.integer)[i]);
}

std::optional<std::string> stored_value(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return std::nullopt;
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_string: {
      const auto t = r.get<std::string>(i);
      return t.substr(0, t.find('\0'));
    }
    case soci::dt_integer:
      return std::to_string(r.get<int>(i));
    case soci::dt_long_long:
      return std::to_string(r.get<long long>(i));
    case soci::dt_unsigned_long_long:
      return std::to_string(r.get<unsigned long long>(i));
    default:
      throw soci::soci_error("staging: unexpected column type in a staged row");
  }
}

long long stored_number(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return 0;
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_integer:
      return r.get<int>(i);
    case soci::dt_unsigned_long_long:
      return static_cast<long long>(r.get<unsigned long long>(i));
    default:
      return r.get<long long>(i);
  }
}

// A record whose key was staged before, with the same content.
struct repeat {
  std::size_t index;  // in this batch
  long long first_page;
  long long first_record;
};

// "id X" or "id X (license Y)" for a record's key, as messages name it.
std::string key_text(const pg_upsert& table, const std::vector<pg_column>& columns, std::size_t i) {
  std::string out;
  for (const auto k : table.key) {
    const auto c = std::find_if(columns.begin(), columns.end(),
                                [&](const pg_column& col) { return col.name == k; });
    const std::string v = batch_value(*c, i).value_or("");
    if (out.empty()) {
      out = "id " + v;
    } else {
      std::string_view label = k;
      if (label.ends_with("_external_id"))
        label.remove_suffix(std::string_view("_external_id").size());
      out += fmt::format(" ({} {})", label, v);
    }
  }
  return out;
}

[[noreturn]] void refuse_repeat(std::string_view kind, const std::string& key, long long first_page,
                                long long first_record, long long page, std::size_t index,
                                std::string_view field) {
  throw record_data_error(
      fmt::format("{}: {} at record {} of page {} and record {} of page {} differ ({})", kind, key,
                  first_record, first_page, index + 1, page, field));
}

// The slow path, taken only when a batch had records whose key was already staged: each record
// is compared with the staged row of its key. A repeat with the same content is dropped (the
// insert skipped it); one with other content is refused naming both positions.
std::vector<repeat> find_repeats(soci::session& sql, std::string_view kind, const pg_upsert& table,
                                 long long run, long long page,
                                 const std::vector<pg_column>& columns) {
  std::string select = "SELECT origin_page, origin_record";
  for (const pg_column& c : columns) select += fmt::format(", {}", c.name);
  select += fmt::format(" FROM {} WHERE run_id = :r", table.table);
  for (std::size_t k = 0; k < table.key.size(); ++k)
    select += fmt::format(" AND {} = :k{}", table.key[k], k);
  std::vector<const pg_column*> key_columns;
  for (const auto k : table.key)
    key_columns.push_back(&*std::find_if(columns.begin(), columns.end(),
                                         [&](const pg_column& c) { return c.name == k; }));

  std::vector<repeat> repeats;
  const std::size_t rows = rows_of(columns.front());
  for (std::size_t i = 0; i < rows; ++i) {
    std::vector<std::string> key_values;
    for (const pg_column* c : key_columns) key_values.push_back(batch_value(*c, i).value_or(""));
    soci::row stored;
    soci::statement st(sql);
    st.exchange(soci::use(run));
    for (auto& v : key_values) st.exchange(soci::use(v));
    st.exchange(soci::into(stored));
    st.alloc();
    st.prepare(select);
    st.define_and_bind();
    if (!st.execute(true)) continue;  // cannot happen: the insert stored the key or found it
    const long long first_page = stored_number(stored, 0);
    const long long first_record = stored_number(stored, 1);
    if (first_page == page && first_record == static_cast<long long>(i) + 1) continue;  // itself
    for (std::size_t c = 0; c < columns.size(); ++c)
      if (batch_value(columns[c], i) != stored_value(stored, c + 2))
        refuse_repeat(kind, key_text(table, columns, i), first_page, first_record, page, i,
                      columns[c].name);
    repeats.push_back({i, first_page, first_record});
  }
  return repeats;
}

// Removes the rows a refused batch inserted before its repeats were checked: a refused batch
// leaves nothing behind, like one refused before its insert.
void remove_page(soci::session& sql, const pg_upsert& table, long long run, long long page) {
  sql << fmt::format("DELETE FROM {} WHERE run_id = :r AND origin_page = :p", table.table),
      soci::use(run), soci::use(page);
}

// Where each record of the batch came from: its page and its number in the page.
struct origin_columns {
  std::vector<long long> page;
  std::vector<long long> record;
  origin_columns(std::size_t rows, long long page_number) : page(rows, page_number), record(rows) {
    std::iota(record.begin(), record.end(), 1LL);
  }
  void append_to(std::vector<pg_column>& columns) const {
    columns.push_back(big_col("origin_page", page));
    columns.push_back(big_col("origin_record", record));
  }
};

// Stages the rows of one stream's batch; refuses a differing repeat. Returns the identical
// repeats (the caller may have more to compare than the row holds).
std::vector<repeat> stage_rows(soci::session& sql, std::string_view kind, const pg_upsert& table,
                               long long run, const std::string& conn, long long page,
                               std::vector<pg_column> columns) {
  const std::size_t rows = columns.empty() ? 0 : rows_of(columns.front());
  if (rows == 0) return {};
  const origin_columns origin(rows, page);
  std::vector<pg_column> with_origin = columns;
  origin.append_to(with_origin);
  if (insert_rows(sql, table, run, conn, with_origin) == rows)
    return {};  // no key seen before: the normal path
  try {
    return find_repeats(sql, kind, table, run, page, columns);
  } catch (const record_data_error&) {
    remove_page(sql, table, run, page);
    throw;
  }
}

template <typename Record>
Record read_record(const unsigned char* records, uint64_t i, uint32_t record_size) {
  const unsigned char* p = records + i * record_size;
  uint32_t declared = 0;
  std::memcpy(&declared, p, sizeof declared);
  // The stride is record_size; a record claiming less than that is read only as far as it claims.
  const uint32_t usable = declared != 0 && declared < record_size ? declared : record_size;
  return invsdk::read_sized<Record>(p, usable);
}

void insert_applications(soci::session& sql, long long run, const std::string& conn, long long page,
                         const unsigned char* recs, uint64_t count, uint32_t size) {
  std::vector<std::string> ext, name, product, publisher, url;
  std::vector<int> threshold;
  flag_column active;
  reader rd{0, "applications", page};
  for (rd.index = 0; rd.index < count; ++rd.index) {
    const auto r = read_record<invsdk_application>(recs, rd.index, size);
    ext.push_back(rd.key(r.external_id, "external_id"));
    name.push_back(rd.text(r.name, "name"));
    product.push_back(rd.text(r.product, "product"));
    publisher.push_back(rd.text(r.publisher, "publisher"));
    url.push_back(rd.text(r.source_url, "source_url"));
    if (r.activity_threshold_days < 0)
      throw record_data_error(fmt::format("{}: activity_threshold_days is negative", rd.where()));
    threshold.push_back(r.activity_threshold_days == 0 ? 90 : r.activity_threshold_days);
    active.push(r.is_active);
  }
  stage_rows(sql, rd.kind, {"staged_applications", {"external_id"}}, run, conn, page,
             {text_col("external_id", ext), text_col("name", name), text_col("product", product),
              text_col("publisher", publisher), int_col("activity_threshold_days", threshold),
              flag_col("is_active", active), text_col("source_url", url)});
}

// The application ids of one staged license, sorted and distinct.
std::vector<std::string> staged_application_ids(soci::session& sql, long long run,
                                                const std::string& license) {
  std::vector<std::string> ids;
  soci::rowset<std::string> rows =
      (sql.prepare << "SELECT application_external_id FROM staged_license_applications WHERE "
                      "run_id = :r AND "
                      "license_external_id = :l ORDER BY application_external_id",
       soci::use(run), soci::use(license));
  for (const auto& id : rows) ids.push_back(id);
  return ids;
}

std::vector<std::string> sorted_distinct(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

void insert_licenses(soci::session& sql, long long run, const std::string& conn, long long page,
                     const unsigned char* recs, uint64_t count, uint32_t size) {
  std::vector<std::string> ext, name, type, currency, created, modified, notes, url;
  std::vector<std::string> la_license, la_app;
  std::vector<std::size_t> apps_begin{
      0};  // record i's applications: la_app[apps_begin[i], apps_begin[i + 1])
  reader rd{0, "licenses", page};
  for (rd.index = 0; rd.index < count; ++rd.index) {
    const auto r = read_record<invsdk_license>(recs, rd.index, size);
    ext.push_back(rd.key(r.external_id, "external_id"));
    name.push_back(rd.text(r.name, "name"));
    if (r.type == 0 || r.type == INVSDK_LICENSE_TYPE_SAAS_USER)
      type.emplace_back("SaaS User");
    else if (r.type == INVSDK_LICENSE_TYPE_NAMED_USER)
      type.emplace_back("Named User");
    else
      throw record_data_error(fmt::format("{}: unknown license type {}", rd.where(), r.type));
    currency.push_back(rd.currency(r.currency, "currency"));
    created.push_back(rd.date_time(r.created_at, "created_at"));
    modified.push_back(rd.date_time(r.modified_at, "modified_at"));
    notes.push_back(rd.text(r.notes, "notes"));
    url.push_back(rd.text(r.source_url, "source_url"));
    if (r.application_count > max_batch_records)
      throw record_data_error(fmt::format("{}: {} applications, more than {}", rd.where(),
                                          r.application_count, max_batch_records));
    if (r.application_count > 0 && r.application_ids == nullptr)
      throw record_data_error(fmt::format("{}: application_ids is NULL", rd.where()));
    for (uint64_t a = 0; a < r.application_count; ++a) {
      la_license.push_back(ext.back());
      la_app.push_back(rd.key(r.application_ids[a], "application_ids[]"));
    }
    apps_begin.push_back(la_app.size());
    if (la_app.size() > 10 * max_batch_records)
      throw record_data_error("licenses: too many license applications in one batch");
  }
  const pg_upsert table{"staged_licenses", {"external_id"}};
  const auto repeats = stage_rows(
      sql, rd.kind, table, run, conn, page,
      {text_col("external_id", ext), text_col("name", name), text_col("license_type", type),
       text_col("currency", currency), text_col("created_at", created),
       text_col("modified_at", modified), text_col("notes", notes), text_col("source_url", url)});
  // A repeat's applications belong to its content too: compare them with the first occurrence's.
  const auto apps_of = [&](std::size_t i) {
    return sorted_distinct({la_app.begin() + static_cast<std::ptrdiff_t>(apps_begin[i]),
                            la_app.begin() + static_cast<std::ptrdiff_t>(apps_begin[i + 1])});
  };
  for (const repeat& r : repeats) {
    const auto first = r.first_page == page ? apps_of(static_cast<std::size_t>(r.first_record - 1))
                                            : staged_application_ids(sql, run, ext[r.index]);
    if (first != apps_of(r.index)) {
      remove_page(sql, table, run, page);
      refuse_repeat(rd.kind, "id " + ext[r.index], r.first_page, r.first_record, page, r.index,
                    "application_ids");
    }
  }
  insert_rows(
      sql, {"staged_license_applications", {"license_external_id", "application_external_id"}}, run,
      conn,
      {text_col("license_external_id", la_license), text_col("application_external_id", la_app)});
}

std::string term_type_text(invsdk_term_type t, const reader& rd) {
  switch (t) {
    case INVSDK_TERM_TYPE_UNSPECIFIED:
      return "";
    case INVSDK_TERM_TYPE_PER_USER:
      return "perUser";
    case INVSDK_TERM_TYPE_PER_LOGIN:
      return "perLogin";
    case INVSDK_TERM_TYPE_PER_NODE:
      return "perNode";
    case INVSDK_TERM_TYPE_PER_LOCATION:
      return "perLocation";
    case INVSDK_TERM_TYPE_PER_ORG:
      return "perOrg";
    default:
      break;
  }
  throw record_data_error(fmt::format("{}: unknown term type {}", rd.where(), t));
}

void insert_entitlements(soci::session& sql, long long run, const std::string& conn, long long page,
                         const unsigned char* recs, uint64_t count, uint32_t size) {
  std::vector<std::string> ext, lic, name, sku, term, eff, ends, annual, per_user, currency;
  std::vector<int> position;
  std::vector<long long> items;
  flag_column unlimited, active, hidden;
  reader rd{0, "entitlements", page};
  for (rd.index = 0; rd.index < count; ++rd.index) {
    const auto r = read_record<invsdk_entitlement>(recs, rd.index, size);
    ext.push_back(rd.key(r.external_id, "external_id"));
    lic.push_back(rd.key(r.license_external_id, "license_external_id"));
    if (r.position > 1'000'000)
      throw record_data_error(fmt::format("{}: position too large", rd.where()));
    position.push_back(static_cast<int>(r.position));
    name.push_back(rd.text(r.name, "name"));
    sku.push_back(rd.text(r.sku, "sku"));
    term.push_back(term_type_text(r.term_type, rd));
    if (!invsdk::count_in_bounds(r.items_allowed))
      throw record_data_error(fmt::format("{}: items_allowed {} is outside 0..{}", rd.where(),
                                          r.items_allowed, INVSDK_MAX_ITEMS_ALLOWED));
    items.push_back(r.items_allowed);
    unlimited.push(r.is_unlimited);
    active.push(r.is_active);
    hidden.push(r.hidden);
    eff.push_back(rd.date_time(r.effective_at, "effective_at"));
    ends.push_back(rd.date_time(r.ends_at, "ends_at"));
    annual.push_back(rd.money(r.annual_cost, "annual_cost"));
    per_user.push_back(rd.money(r.per_user_cost, "per_user_cost"));
    currency.push_back(rd.currency(r.currency, "currency"));
  }
  stage_rows(sql, rd.kind, {"staged_entitlements", {"external_id"}}, run, conn, page,
             {text_col("external_id", ext), text_col("license_external_id", lic),
              int_col("position", position), text_col("name", name), text_col("sku", sku),
              text_col("term_type", term), big_col("items_allowed", items),
              flag_col("is_unlimited", unlimited), flag_col("is_active", active),
              flag_col("hidden", hidden), text_col("effective_at", eff), text_col("ends_at", ends),
              text_col("annual_cost", annual), text_col("per_user_cost", per_user),
              text_col("currency", currency)});
}

void insert_accessing_users(soci::session& sql, long long run, const std::string& conn,
                            long long page, const unsigned char* recs, uint64_t count,
                            uint32_t size) {
  std::vector<std::string> ext, email, first, last, user, domain;
  reader rd{0, "accessing_users", page};
  for (rd.index = 0; rd.index < count; ++rd.index) {
    const auto r = read_record<invsdk_accessing_user>(recs, rd.index, size);
    ext.push_back(rd.key(r.external_id, "external_id"));
    email.push_back(rd.email(r.email, "email"));
    first.push_back(rd.text(r.first_name, "first_name"));
    last.push_back(rd.text(r.last_name, "last_name"));
    user.push_back(rd.text(r.user_name, "user_name"));
    domain.push_back(rd.text(r.domain, "domain"));
  }
  stage_rows(
      sql, rd.kind, {"staged_accessing_users", {"external_id"}}, run, conn, page,
      {text_col("external_id", ext), text_col("email", email), text_col("first_name", first),
       text_col("last_name", last), text_col("user_name", user), text_col("domain", domain)});
}

void insert_consumption(soci::session& sql, long long run, const std::string& conn, long long page,
                        const unsigned char* recs, uint64_t count, uint32_t size) {
  std::vector<std::string> ext, lic, app, user, activated, deactivated, last;
  reader rd{0, "consumption", page};
  for (rd.index = 0; rd.index < count; ++rd.index) {
    const auto r = read_record<invsdk_consumption>(recs, rd.index, size);
    ext.push_back(rd.key(r.external_id, "external_id"));
    lic.push_back(rd.text(r.license_external_id, "license_external_id"));
    app.push_back(rd.text(r.application_external_id, "application_external_id"));
    user.push_back(rd.key(r.accessing_user_external_id, "accessing_user_external_id"));
    activated.push_back(rd.date_time(r.activated_at, "activated_at"));
    deactivated.push_back(rd.date_time(r.deactivated_at, "deactivated_at"));
    last.push_back(rd.date_time(r.last_activity_at, "last_activity_at"));
  }
  stage_rows(sql, rd.kind, {"staged_consumption", {"external_id", "license_external_id"}}, run,
             conn, page,
             {text_col("external_id", ext), text_col("license_external_id", lic),
              text_col("application_external_id", app),
              text_col("accessing_user_external_id", user), text_col("activated_at", activated),
              text_col("deactivated_at", deactivated), text_col("last_activity_at", last)});
}

}  // namespace

void insert_batch(soci::session& sql, invsdk_stream_kind kind, long long run_id,
                  const std::string& connection, long long page, const unsigned char* records,
                  uint64_t count, uint32_t record_size) {
  switch (kind) {
    case INVSDK_STREAM_APPLICATIONS:
      return insert_applications(sql, run_id, connection, page, records, count, record_size);
    case INVSDK_STREAM_LICENSES:
      return insert_licenses(sql, run_id, connection, page, records, count, record_size);
    case INVSDK_STREAM_ENTITLEMENTS:
      return insert_entitlements(sql, run_id, connection, page, records, count, record_size);
    case INVSDK_STREAM_ACCESSING_USERS:
      return insert_accessing_users(sql, run_id, connection, page, records, count, record_size);
    case INVSDK_STREAM_CONSUMPTION:
      return insert_consumption(sql, run_id, connection, page, records, count, record_size);
    default:
      throw record_data_error(fmt::format("unknown stream kind {}", kind));
  }
}

}  // namespace invhost::detail
