#include "staging/record_rows.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <invhost/staging_sink.hpp>
#include <invsdk/adapter_base.hpp>
#include <invsdk/record_kinds.hpp>
#include <invsdk/values.hpp>
#include <numeric>
#include <optional>
#include <vector>

#include "staging/pg_bulk_upsert.hpp"
#include "staging/staging_tables.hpp"

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
    key_values.reserve(key_columns.size());
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

// A record's position among its license's terms is stored as an INTEGER; a source claiming more
// terms than this is broken.
constexpr uint32_t max_position = 1'000'000;
// activity_threshold_days of 0 means the host's default.
constexpr int default_activity_threshold_days = 90;

// One staged column of a batch, filled member by member.
struct column_buffer {
  std::string name;
  std::vector<std::string> text;
  std::vector<long long> bigint;
  std::vector<int> integer;
  flag_column flag;
  enum class type { text, bigint, integer, flag } of = type::text;

  [[nodiscard]] pg_column column() const {
    switch (of) {
      case type::bigint:
        return big_col(name, bigint);
      case type::integer:
        return int_col(name, integer);
      case type::flag:
        return flag_col(name, flag);
      default:
        return text_col(name, text);
    }
  }
};

// A list member's items of a batch: item list_item[list_begin[i], list_begin[i + 1]) belongs to
// record i, whose key is list_owner of those rows.
struct list_buffer {
  std::string member;  // the list's name in the record
  std::vector<std::string> owner, item;
  std::vector<std::size_t> begin{0};
};

// Reads one record's members, as record_kinds.hpp lists them, into the batch's columns, checking
// each against its value kind's rule.
struct column_appender {
  const reader& rd;
  const staging_table& table;
  std::vector<column_buffer>& columns;
  list_buffer& lists;
  std::size_t next = 0;

  column_buffer& column(std::string_view member, column_buffer::type of) {
    if (next == columns.size()) {
      columns.emplace_back();
      columns.back().name = std::string(table.column_of(member));
      columns.back().of = of;
    }
    return columns[next++];
  }

  template <invsdk::value_kind K>
  void operator()(std::string_view name, invsdk::value_kind_c<K> /*kind*/, invsdk_str s) {
    const std::string field(name);
    auto& out = column(name, column_buffer::type::text).text;
    using vk = invsdk::value_kind;
    if constexpr (K == vk::key)
      out.push_back(rd.key(s, field.c_str()));
    else if constexpr (K == vk::money)
      out.push_back(rd.money(s, field.c_str()));
    else if constexpr (K == vk::currency)
      out.push_back(rd.currency(s, field.c_str()));
    else if constexpr (K == vk::date_time)
      out.push_back(rd.date_time(s, field.c_str()));
    else if constexpr (K == vk::email)
      out.push_back(rd.email(s, field.c_str()));
    else
      out.push_back(rd.text(s, field.c_str()));
  }

  void operator()(std::string_view name, invsdk::value_kind_c<invsdk::value_kind::flag> /*kind*/,
                  invsdk_tristate t) {
    column(name, column_buffer::type::flag).flag.push(t);
  }

  void operator()(std::string_view name, invsdk::value_kind_c<invsdk::value_kind::count> /*kind*/,
                  int64_t n) {
    if (!invsdk::count_in_bounds(n))
      throw record_data_error(
          fmt::format("{}: {} {} is outside 0..{}", rd.where(), name, n, INVSDK_MAX_ITEMS_ALLOWED));
    column(name, column_buffer::type::bigint).bigint.push_back(n);
  }

  void operator()(std::string_view name,
                  invsdk::value_kind_c<invsdk::value_kind::position> /*kind*/, uint32_t n) {
    if (n > max_position)
      throw record_data_error(
          fmt::format("{}: {} {} is more than {}", rd.where(), name, n, max_position));
    column(name, column_buffer::type::integer).integer.push_back(static_cast<int>(n));
  }

  void operator()(std::string_view name, invsdk::value_kind_c<invsdk::value_kind::days> /*kind*/,
                  int32_t days) {
    if (days < 0) throw record_data_error(fmt::format("{}: {} is negative", rd.where(), name));
    column(name, column_buffer::type::integer)
        .integer.push_back(days == 0 ? default_activity_threshold_days : days);
  }

  void operator()(std::string_view name,
                  invsdk::value_kind_c<invsdk::value_kind::license_type> /*kind*/,
                  invsdk_license_type t) {
    const char* text = invsdk::license_type_text(t);
    if (text == nullptr)
      throw record_data_error(fmt::format("{}: unknown license type {}", rd.where(), t));
    column(name, column_buffer::type::text).text.emplace_back(text);
  }

  void operator()(std::string_view name,
                  invsdk::value_kind_c<invsdk::value_kind::term_type> /*kind*/,
                  invsdk_term_type t) {
    const char* text = invsdk::term_type_text(t);
    if (text == nullptr)
      throw record_data_error(fmt::format("{}: unknown term type {}", rd.where(), t));
    column(name, column_buffer::type::text).text.emplace_back(text);
  }

  // The record's key is its first column (external_id), read before any list.
  void list(std::string_view name, const invsdk_str* items, uint64_t count) {
    if (count > max_batch_records)
      throw record_data_error(
          fmt::format("{}: {} {} items, more than {}", rd.where(), name, count, max_batch_records));
    if (count > 0 && items == nullptr)
      throw record_data_error(fmt::format("{}: {} is NULL", rd.where(), name));
    lists.member = std::string(name);
    const std::string field = fmt::format("{}[]", name);
    const std::string& owner = columns.front().text.back();
    for (uint64_t a = 0; a < count; ++a) {
      lists.owner.push_back(owner);
      lists.item.push_back(rd.key(items[a], field.c_str()));
    }
    lists.begin.push_back(lists.item.size());
    if (lists.item.size() > 10 * max_batch_records)
      throw record_data_error(fmt::format("{}: too many {} in one batch", rd.kind, name));
  }
};

// The items of one staged record's list, sorted and distinct.
std::vector<std::string> staged_items(soci::session& sql, const staging_table& table, long long run,
                                      const std::string& owner) {
  std::vector<std::string> items;
  soci::rowset<std::string> rows =
      (sql.prepare << fmt::format("SELECT {} FROM {} WHERE run_id = :r AND {} = :o ORDER BY {}",
                                  table.list_item_column, table.list_table, table.list_owner_column,
                                  table.list_item_column),
       soci::use(run), soci::use(owner));
  for (const auto& item : rows) items.push_back(item);
  return items;
}

std::vector<std::string> sorted_distinct(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

// Stages a list member's items. A repeated record's items belong to its content too: they are
// compared with the first occurrence's, and a difference refuses the batch.
void stage_list(soci::session& sql, const staging_table& table, std::string_view kind,
                long long run, const std::string& conn, long long page,
                const std::vector<std::string>& keys, const list_buffer& lists,
                const std::vector<repeat>& repeats) {
  const auto items_of = [&](std::size_t i) {
    return sorted_distinct({lists.item.begin() + static_cast<std::ptrdiff_t>(lists.begin[i]),
                            lists.item.begin() + static_cast<std::ptrdiff_t>(lists.begin[i + 1])});
  };
  for (const repeat& r : repeats) {
    const auto first = r.first_page == page ? items_of(static_cast<std::size_t>(r.first_record - 1))
                                            : staged_items(sql, table, run, keys[r.index]);
    if (first != items_of(r.index)) {
      remove_page(sql, {table.table, table.key}, run, page);
      refuse_repeat(kind, "id " + keys[r.index], r.first_page, r.first_record, page, r.index,
                    lists.member);
    }
  }
  insert_rows(sql, {table.list_table, {table.list_owner_column, table.list_item_column}}, run, conn,
              {text_col(table.list_owner_column, lists.owner),
               text_col(table.list_item_column, lists.item)});
}

template <typename Record>
void insert_records(soci::session& sql, long long run, const std::string& conn, long long page,
                    const unsigned char* recs, uint64_t count, uint32_t size) {
  const staging_table& table = staging_table_of<Record>();
  std::vector<column_buffer> columns;
  list_buffer lists;
  reader rd{0, invsdk::record_kind<Record>::stream, page};
  for (rd.index = 0; rd.index < count; ++rd.index) {
    const auto r = read_record<Record>(recs, rd.index, size);
    invsdk::visit_fields(r, column_appender{rd, table, columns, lists});
  }
  std::vector<pg_column> batch;
  batch.reserve(columns.size());
  for (const column_buffer& c : columns) batch.push_back(c.column());
  const auto repeats = stage_rows(sql, rd.kind, {table.table, table.key}, run, conn, page, batch);
  if (!table.list_table.empty() && !columns.empty())
    stage_list(sql, table, rd.kind, run, conn, page, columns.front().text, lists, repeats);
}

}  // namespace

void insert_batch(soci::session& sql, invsdk_stream_kind kind, long long run_id,
                  const std::string& connection, long long page, const unsigned char* records,
                  uint64_t count, uint32_t record_size) {
  if (!invsdk::is_known_stream(kind))
    throw record_data_error(fmt::format("unknown stream kind {}", kind));
  invsdk::with_record_type(kind, [&](auto tag) {
    insert_records<decltype(tag)>(sql, run_id, connection, page, records, count, record_size);
  });
}

}  // namespace invhost::detail
