// Making, describing and reversing one move of a supersede plan (supersede_moves.hpp).
#include "supersede_moves.hpp"

#include <soci/soci.h>

#include "invhost/inventory/license_records.hpp"

namespace invhost::inventory::detail {
namespace {

bool is_moved_field(const std::string& f) {
  for (const char* m : moved_fields)
    if (f == m) return true;
  return false;
}

std::string quoted(const std::optional<std::string>& v) {
  return v ? "'" + *v + "'" : "nothing";
}

void set_field(soci::session& sql, std::int64_t license, const std::string& field,
               const std::optional<std::string>& value) {
  if (!is_moved_field(field)) throw refused("not a field a plan moves: " + field);
  const long long id = license;
  std::string v = value.value_or("");
  soci::indicator ind = value ? soci::i_ok : soci::i_null;
  sql << "UPDATE licenses SET " + field + " = :v WHERE id = :i", soci::use(v, ind), soci::use(id);
}

std::optional<std::string> get_field(soci::session& sql, std::int64_t license,
                                     const std::string& field) {
  if (!is_moved_field(field)) throw refused("not a field a plan moves: " + field);
  const long long id = license;
  std::string v;
  soci::indicator ind = soci::i_null;
  sql << "SELECT " + field + " FROM licenses WHERE id = :i", soci::use(id), soci::into(v, ind);
  if (ind != soci::i_ok) return std::nullopt;
  return v;
}

long long count(soci::session& sql, const std::string& query, long long a, long long b) {
  long long n = 0;
  sql << query, soci::use(a), soci::use(b), soci::into(n);
  return n;
}

long long count(soci::session& sql, const std::string& query, long long a, const std::string& b) {
  long long n = 0;
  sql << query, soci::use(a), soci::use(b), soci::into(n);
  return n;
}

}  // namespace

bool no_value(const std::optional<std::string>& v) {
  return !v || v->empty();
}

std::string describe(const plan_move& m) {
  const std::string route =
      "license " + std::to_string(m.from) + " -> license " + std::to_string(m.to);
  if (m.kind == "purchase")
    return "purchase " + std::to_string(m.ref.value_or(0)) + ": " + route +
           (m.effect == "already linked" ? " (already linked there: unlinked from the old one)"
                                         : "");
  if (m.kind == "attachment")
    return "attachment " + std::to_string(m.ref.value_or(0)) + ": " + route;
  if (m.kind == "group")
    return "group '" + m.field + "': " + route +
           (m.effect == "already linked" ? " (already in it: left by the old one)" : "");
  if (m.target_field != m.field)
    return m.field + " " + quoted(m.legacy_value) + ": " + route + " holds its own " + m.field +
           ": kept, and this one added to its notes with its origin";
  if (!no_value(m.target_before))
    return "notes " + quoted(m.legacy_value) + ": " + route +
           " has notes: kept, and these added to them with their origin";
  return m.field + " " + quoted(m.legacy_value) + ": " + route + " (it had none)";
}

void audit_move(soci::session& sql, std::int64_t plan_id, const std::string& action,
                const std::string& who, const std::string& at, const plan_move& m) {
  const long long pid = plan_id, from = m.from, to = m.to;
  std::string field = m.kind == "field"
                          ? (m.target_field == m.field ? m.field : m.field + " -> notes")
                      : m.kind == "group" ? "group " + m.field
                                          : m.kind + " " + std::to_string(m.ref.value_or(0));
  const bool reverse = action == "undo";
  std::optional<std::string> old_value = m.target_before, new_value = m.target_after;
  if (m.kind != "field") {
    old_value = "license " + std::to_string(reverse ? m.to : m.from);
    new_value = "license " + std::to_string(reverse ? m.from : m.to);
  } else if (reverse) {
    std::swap(old_value, new_value);
  }
  std::string moved = m.legacy_value.value_or(""), o = old_value.value_or(""),
              n = new_value.value_or("");
  soci::indicator mi = m.legacy_value ? soci::i_ok : soci::i_null;
  soci::indicator oi = old_value ? soci::i_ok : soci::i_null;
  soci::indicator ni = new_value ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO supersede_audit (plan_id, action, at, who, kind, from_license, to_license, "
         "field, moved_value, old_value, new_value) VALUES (:p, :a, :t, :w, :k, :f, :to, :fi, :m, "
         ":o, :n)",
      soci::use(pid), soci::use(action), soci::use(at), soci::use(who), soci::use(m.kind),
      soci::use(from), soci::use(to), soci::use(field), soci::use(moved, mi), soci::use(o, oi),
      soci::use(n, ni);
}

void execute_move(soci::session& sql, const plan_move& m) {
  const long long from = m.from, to = m.to, ref = m.ref.value_or(0);
  if (m.kind == "purchase") {
    sql << "DELETE FROM license_purchases WHERE license_id = :l AND purchase_id = :p",
        soci::use(from), soci::use(ref);
    if (m.effect == "linked")
      sql << "INSERT INTO license_purchases (license_id, purchase_id) VALUES (:l, :p)",
          soci::use(to), soci::use(ref);
  } else if (m.kind == "attachment") {
    sql << "UPDATE attachments SET license_id = :t WHERE id = :a", soci::use(to), soci::use(ref);
  } else if (m.kind == "group") {
    sql << "DELETE FROM license_groups WHERE license_id = :l AND group_name = :g", soci::use(from),
        soci::use(m.field);
    if (m.effect == "linked")
      sql << "INSERT INTO license_groups (license_id, group_name) VALUES (:l, :g)", soci::use(to),
          soci::use(m.field);
  } else {
    set_field(sql, m.to, m.target_field, m.target_after);
    set_field(sql, m.from, m.field, std::nullopt);
  }
}

// The reverse of execute, after checking that what the move left is still there; a refusal
// names what changed.
void reverse_move(soci::session& sql, std::int64_t plan_id, const plan_move& m) {
  const long long from = m.from, to = m.to, ref = m.ref.value_or(0);
  auto changed = [&](const std::string& what) {
    return refused("plan " + std::to_string(plan_id) + " cannot be undone: " + what +
                   " changed since it was applied (" + describe(m) + "); nothing was changed");
  };
  if (m.kind == "purchase") {
    const char* q =
        "SELECT COUNT(*) FROM license_purchases WHERE license_id = :l AND "
        "purchase_id = :p";
    if (count(sql, q, to, ref) != 1 || count(sql, q, from, ref) != 0)
      throw changed("the links of purchase " + std::to_string(ref));
    sql << "INSERT INTO license_purchases (license_id, purchase_id) VALUES (:l, :p)",
        soci::use(from), soci::use(ref);
    if (m.effect == "linked")
      sql << "DELETE FROM license_purchases WHERE license_id = :l AND purchase_id = :p",
          soci::use(to), soci::use(ref);
  } else if (m.kind == "attachment") {
    if (count(sql, "SELECT COUNT(*) FROM attachments WHERE license_id = :l AND id = :a", to, ref) !=
        1)
      throw changed("attachment " + std::to_string(ref));
    sql << "UPDATE attachments SET license_id = :f WHERE id = :a", soci::use(from), soci::use(ref);
  } else if (m.kind == "group") {
    const char* q = "SELECT COUNT(*) FROM license_groups WHERE license_id = :l AND group_name = :g";
    if (count(sql, q, to, m.field) != 1 || count(sql, q, from, m.field) != 0)
      throw changed("group '" + m.field + "'");
    sql << "INSERT INTO license_groups (license_id, group_name) VALUES (:l, :g)", soci::use(from),
        soci::use(m.field);
    if (m.effect == "linked")
      sql << "DELETE FROM license_groups WHERE license_id = :l AND group_name = :g", soci::use(to),
          soci::use(m.field);
  } else {
    if (get_field(sql, m.to, m.target_field) != m.target_after)
      throw changed("the " + m.target_field + " of license " + std::to_string(m.to));
    if (!no_value(get_field(sql, m.from, m.field)))
      throw changed("the " + m.field + " of license " + std::to_string(m.from));
    set_field(sql, m.from, m.field, m.legacy_value);
    set_field(sql, m.to, m.target_field, m.target_before);
  }
}

}  // namespace invhost::inventory::detail
