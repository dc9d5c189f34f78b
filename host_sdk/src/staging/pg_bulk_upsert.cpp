#include "staging/pg_bulk_upsert.hpp"

#include <fmt/format.h>
#include <soci/postgresql/soci-postgresql.h>

#include <cstdlib>
#include <memory>

namespace invhost::detail {
namespace {

// Appends v as one quoted element of a PostgreSQL array literal.
void append_element(std::string& out, std::string_view v) {
  v = v.substr(0, v.find('\0'));
  out.push_back('"');
  for (const char c : v) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
}

std::size_t row_count(const pg_column& c) {
  if (c.text != nullptr) return c.text->size();
  if (c.bigint != nullptr) return c.bigint->size();
  return c.integer != nullptr ? c.integer->size() : 0;
}

// The array literal of one column ("{...}") and its SQL type.
std::string array_literal(const pg_column& c, std::size_t rows) {
  std::string out;
  out.reserve(rows * (c.text != nullptr ? 28 : 8) + 2);
  out.push_back('{');
  for (std::size_t i = 0; i < rows; ++i) {
    if (i != 0) out.push_back(',');
    if (c.nulls != nullptr && (*c.nulls)[i] == soci::i_null) {
      out += "NULL";
    } else if (c.text != nullptr) {
      append_element(out, (*c.text)[i]);
    } else if (c.bigint != nullptr) {
      fmt::format_to(std::back_inserter(out), "{}", (*c.bigint)[i]);
    } else {
      fmt::format_to(std::back_inserter(out), "{}", (*c.integer)[i]);
    }
  }
  out.push_back('}');
  return out;
}

std::string_view array_type(const pg_column& c) {
  if (c.text != nullptr) return "text[]";
  return c.bigint != nullptr ? "bigint[]" : "integer[]";
}

std::string insert_statement(const pg_upsert& t, const std::vector<pg_column>& columns) {
  std::string names, unnest;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const auto& c = columns[i];
    names += fmt::format(", {}", c.name);
    unnest += fmt::format("{}${}::{}", i == 0 ? "" : ", ", i + 3, array_type(c));
  }
  std::string key;
  for (const auto k : t.key) key += fmt::format("{}{}", key.empty() ? "" : ", ", k);
  // In the batch's order, so that of two rows sharing a key the first one is kept.
  return fmt::format(
      "INSERT INTO {0} (run_id, connection{1}) SELECT $1::bigint, $2::text{1} FROM "
      "unnest({3}) WITH ORDINALITY AS u ({4}, batch_position) ORDER BY batch_position "
      "ON CONFLICT (run_id, {2}) DO NOTHING",
      t.table, names, key, unnest, names.substr(2));
}

}  // namespace

std::size_t pg_bulk_insert(soci::session& sql, const pg_upsert& target, long long run_id,
                           const std::string& connection, const std::vector<pg_column>& columns) {
  if (columns.empty()) return 0;
  const std::size_t rows = row_count(columns.front());
  if (rows == 0) return 0;
  // SOCI does not export the backend's type information: check by name, then cast.
  if (sql.get_backend_name() != "postgresql")
    throw soci::soci_error("pg_bulk_upsert: not a PostgreSQL session");
  auto* backend = static_cast<soci::postgresql_session_backend*>(sql.get_backend());
  if (backend == nullptr || backend->conn_ == nullptr)
    throw soci::soci_error("pg_bulk_upsert: not a PostgreSQL session");

  std::vector<std::string> values;
  values.reserve(columns.size() + 2);
  values.push_back(std::to_string(run_id));
  values.push_back(connection.substr(0, connection.find('\0')));
  for (const auto& c : columns) values.push_back(array_literal(c, rows));
  std::vector<const char*> params;
  params.reserve(values.size());
  for (const auto& v : values) params.push_back(v.c_str());

  const std::string statement = insert_statement(target, columns);
  const std::unique_ptr<PGresult, decltype(&PQclear)> result(
      PQexecParams(backend->conn_, statement.c_str(), static_cast<int>(params.size()), nullptr,
                   params.data(), nullptr, nullptr, 0),
      &PQclear);
  if (PQresultStatus(result.get()) != PGRES_COMMAND_OK)
    throw soci::soci_error(
        fmt::format("staging {}: {}", target.table, PQresultErrorMessage(result.get())));
  return static_cast<std::size_t>(std::strtoull(PQcmdTuples(result.get()), nullptr, 10));
}

}  // namespace invhost::detail
