#include "invhost/inventory/people.hpp"

#include <soci/soci.h>

#include <algorithm>
#include <map>
#include <tuple>
#include <utility>

#include "effective_consumption.hpp"
#include "invhost/inventory/dates.hpp"
#include "row_values.hpp"

namespace invhost::inventory {
namespace {

using detail::as_int;
using detail::as_text;

bool is_sqlite(soci::session& sql) {
  return sql.get_backend_name() == "sqlite3";
}

bool trimmed_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string checked_email(std::string_view text, const people_rules& rules, const char* what) {
  if (auto problem = email_input_problem(text))
    throw people_error(std::string(what) + ": " + *problem,
                       "give a whole address such as name@example.com");
  return normalise_email(text, rules.strip_plus_addressing);
}

std::optional<std::string> alias_target(soci::session& sql, const std::string& alias) {
  std::string person;
  soci::indicator ind = soci::i_null;
  sql << "SELECT person_email FROM person_aliases WHERE alias = :a", soci::use(alias),
      soci::into(person, ind);
  if (!sql.got_data() || ind != soci::i_ok) return std::nullopt;
  return person;
}

long long aliases_of(soci::session& sql, const std::string& person) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM person_aliases WHERE person_email = :p", soci::use(person),
      soci::into(n);
  return n;
}

std::string domain_of(const std::string& email) {
  const auto at = email.find('@');
  return at == std::string::npos ? std::string() : email.substr(at + 1);
}

// Every person, or only the one whose email is `only`.
std::vector<person> collect(soci::session& sql, const people_rules& rules, const std::string& as_of,
                            const std::optional<std::string>& only) {
  detail::prepare_exclusion_rules(sql, rules);
  const std::string n = normalised_email_sql(sql, "au.email", rules.strip_plus_addressing);
  std::string query =
      "SELECT a.connection, a.external_id, a.email, a.first_name, a.last_name, a.user_name, a.n, "
      "pa.person_email FROM (SELECT au.connection, au.external_id, au.email, au.first_name, "
      "au.last_name, au.user_name, " +
      n +
      " AS n FROM accessing_users au) a LEFT JOIN person_aliases pa ON pa.alias = a.n "
      "WHERE a.n = '' OR NOT " +
      detail::excluded_sql("a.n") + " ORDER BY a.connection, a.external_id";
  // By person key: the email, or (connection, id) for an account without one.
  std::map<std::tuple<int, std::string, std::string>, person> people;
  std::map<std::pair<std::string, std::string>, person*> by_account;
  {
    soci::rowset<soci::row> rows = (sql.prepare << query);
    for (const soci::row& r : rows) {
      const std::string email = as_text(r, 6);
      const std::string target = r.get_indicator(7) == soci::i_ok ? as_text(r, 7) : email;
      if (only && target != *only) continue;
      person_account acc{as_text(r, 0), as_text(r, 1), as_text(r, 2), {}};
      const std::string full = as_text(r, 3) + (as_text(r, 4).empty() ? "" : " ") + as_text(r, 4);
      acc.name = full.empty() ? as_text(r, 5) : full;
      const auto key = email.empty() ? std::make_tuple(1, acc.connection, acc.external_id)
                                     : std::make_tuple(0, target, std::string());
      person& p = people[key];
      p.email = email.empty() ? "" : target;
      p.domain = domain_of(p.email);
      if (std::find(p.connections.begin(), p.connections.end(), acc.connection) ==
          p.connections.end())
        p.connections.push_back(acc.connection);
      by_account[{acc.connection, acc.external_id}] = &p;
      p.accounts.push_back(std::move(acc));
    }
  }
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT alias, person_email FROM person_aliases ORDER BY alias");
    for (const soci::row& r : rows) {
      auto it = people.find({0, as_text(r, 1), std::string()});
      if (it != people.end()) it->second.aliases.push_back(as_text(r, 0));
    }
  }
  // The licenses each account consumes on the date, as the reconciliation counts them.
  std::map<std::pair<std::string, std::string>, person_license> licenses;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT id, connection, external_id, imported_name, display_name, "
                        "license_type FROM licenses WHERE status = 'active' AND connection IS "
                        "NOT NULL");
    for (const soci::row& r : rows) {
      const std::string display = as_text(r, 4);
      licenses[{as_text(r, 1), as_text(r, 2)}] =
          person_license{as_int(r, 0),  as_text(r, 1),
                         as_text(r, 2), display.empty() ? as_text(r, 3) : display,
                         as_text(r, 5), {}};
    }
  }
  const long long no_reconciliation = -1;  // no stored cut-offs: last activity is all we read
  const std::string cutoff = detail::default_cutoff(as_of);
  soci::rowset<soci::row> uses =
      (sql.prepare << detail::effective_consumption(sql, rules) +
                          "SELECT connection, usr, lic, MAX(last_at) FROM counted "
                          "WHERE lic IS NOT NULL GROUP BY connection, usr, lic",
       soci::use(cutoff), soci::use(no_reconciliation), soci::use(as_of));
  for (const soci::row& r : uses) {
    auto who = by_account.find({as_text(r, 0), as_text(r, 1)});
    auto lic = licenses.find({as_text(r, 0), as_text(r, 2)});
    if (who == by_account.end() || lic == licenses.end()) continue;
    person& p = *who->second;
    // A day, as every list shows activity: sources give a date or a timestamp.
    const std::string last = as_text(r, 3).substr(0, 10);
    auto held = std::find_if(p.licenses.begin(), p.licenses.end(),
                             [&](const person_license& l) { return l.id == lic->second.id; });
    if (held == p.licenses.end()) {
      p.licenses.push_back(lic->second);
      held = std::prev(p.licenses.end());
    }
    held->last_activity = std::max(held->last_activity, last);
    p.last_activity = std::max(p.last_activity, last);
  }
  std::vector<person> out;
  out.reserve(people.size());
  for (auto& [key, p] : people) {
    std::sort(p.connections.begin(), p.connections.end());
    std::sort(p.licenses.begin(), p.licenses.end(),
              [](const person_license& a, const person_license& b) { return a.id < b.id; });
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace

std::string normalise_email(std::string_view email, bool strip_plus) {
  while (!email.empty() && trimmed_space(email.front())) email.remove_prefix(1);
  while (!email.empty() && trimmed_space(email.back())) email.remove_suffix(1);
  std::string out(email);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  if (strip_plus) {
    const auto at = out.find('@');
    const auto plus = out.find('+');
    if (at != std::string::npos && plus != std::string::npos && plus < at)
      out.erase(plus, at - plus);
  }
  return out;
}

std::optional<std::string> email_input_problem(std::string_view text) {
  if (text.size() > max_email_length)
    return "longer than " + std::to_string(max_email_length) + " characters";
  for (const char c : text)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return "it holds a control character";
  const std::string e = normalise_email(text, false);
  if (e.empty()) return "it is empty";
  const auto at = e.find('@');
  if (at == std::string::npos || at == 0 || at + 1 == e.size())
    return "'" + e + "' is not an email address";
  return std::nullopt;
}

std::string normalised_email_sql(soci::session& sql, const std::string& column, bool strip_plus) {
  // Only ASCII letters are lower-cased, as normalise_email does: SQLite's lower() folds only
  // those, and PostgreSQL's does under the "C" collation whatever the database's own.
  const bool sqlite = is_sqlite(sql);
  const std::string base = sqlite ? "lower(trim(" + column + ", ' \t\r\n'))"
                                  : "lower(btrim(" + column + ", ' \t\r\n') COLLATE \"C\")";
  if (!strip_plus) return base;
  const std::string find = sqlite ? "instr" : "strpos";
  const std::string plus = find + "(" + base + ", '+')";
  const std::string at = find + "(" + base + ", '@')";
  return "(CASE WHEN " + plus + " > 0 AND " + plus + " < " + at + " THEN substr(" + base + ", 1, " +
         plus + " - 1) || substr(" + base + ", " + at + ") ELSE " + base + " END)";
}

std::string glob_to_like(std::string_view glob) {
  std::string out;
  for (char c : glob) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');  // emails are compared lower
    switch (c) {
      case '*':
        out += '%';
        break;
      case '?':
        out += '_';
        break;
      case '%':
      case '_':
      case '\\':
        out += '\\';
        out += c;
        break;
      default:
        out += c;
    }
  }
  return out;
}

alias_added add_alias(soci::session& sql, std::string_view alias, std::string_view person_email,
                      const people_rules& rules) {
  alias_added done;
  done.alias = checked_email(alias, rules, "the alias");
  done.person = checked_email(person_email, rules, "the person's email");
  if (done.alias == done.person)
    throw people_error(done.alias + " cannot be an alias of itself",
                       "give the person's primary email second: invhost people alias add ALIAS "
                       "PERSON_EMAIL");
  soci::transaction tr(sql);
  if (auto target = alias_target(sql, done.alias))
    throw people_error(done.alias + " is already an alias of " + *target,
                       "remove it first: invhost people alias remove " + done.alias);
  if (auto target = alias_target(sql, done.person))
    throw people_error(done.person + " is an alias of " + *target +
                           "; an alias names a person's primary email, never another alias",
                       "invhost people alias add " + done.alias + " " + *target);
  if (const long long own = aliases_of(sql, done.alias); own > 0)
    throw people_error(
        done.alias + " is the primary email of a person who has aliases of its own (" +
            std::to_string(own) + ")",
        "see them with `invhost people show " + done.alias + "` and remove them first, or make " +
            done.person + " an alias of " + done.alias);
  const std::string now = now_utc_iso();
  sql << "INSERT INTO person_aliases (alias, person_email, created_at) VALUES (:a, :p, :t)",
      soci::use(done.alias), soci::use(done.person), soci::use(now);
  long long seen = 0;
  sql << "SELECT COUNT(*) FROM accessing_users au WHERE " +
             normalised_email_sql(sql, "au.email", rules.strip_plus_addressing) + " = :p",
      soci::use(done.person), soci::into(seen);
  done.person_seen = seen > 0;
  tr.commit();
  return done;
}

std::string remove_alias(soci::session& sql, std::string_view alias, const people_rules& rules) {
  const std::string a = checked_email(alias, rules, "the alias");
  soci::transaction tr(sql);
  if (!alias_target(sql, a))
    throw people_error("there is no alias " + a,
                       "see a person's aliases with `invhost people show EMAIL`");
  sql << "DELETE FROM person_aliases WHERE alias = :a", soci::use(a);
  tr.commit();
  return a;
}

std::vector<person> list_people(soci::session& sql, const people_rules& rules,
                                const std::string& as_of) {
  return collect(sql, rules, as_of, std::nullopt);
}

person find_person(soci::session& sql, std::string_view email, const people_rules& rules,
                   const std::string& as_of) {
  std::string e = checked_email(email, rules, "the email");
  if (auto target = alias_target(sql, e)) e = *target;
  auto found = collect(sql, rules, as_of, e);
  if (found.empty())
    throw people_error("there is no person " + e +
                           " (no account has that email, or a rule of "
                           "exclude_accounts leaves it out)",
                       "see everyone with `invhost people list`");
  return std::move(found.front());
}

void record_exclusions(soci::session& sql, std::int64_t reconciliation_id,
                       const people_rules& rules) {
  if (rules.exclude_accounts.empty()) return;
  detail::prepare_exclusion_rules(sql, rules);
  const long long rid = reconciliation_id;
  sql << "INSERT INTO reconciliation_exclusions (reconciliation_id, position, rule, like_pattern, "
         "accounts) SELECT :r, position, rule, like_pattern, 0 FROM people_exclusion_rules",
      soci::use(rid);
  // Each distinct email once, under the first rule it matches.
  const std::string n = normalised_email_sql(sql, "au.email", rules.strip_plus_addressing);
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT x.position, COUNT(*) FROM (SELECT DISTINCT " + n +
                          " AS n FROM accessing_users au) e JOIN people_exclusion_rules x ON "
                          "e.n <> '' AND e.n LIKE x.like_pattern ESCAPE '\\' WHERE NOT EXISTS "
                          "(SELECT 1 FROM people_exclusion_rules y WHERE y.position < x.position "
                          "AND e.n LIKE y.like_pattern ESCAPE '\\') GROUP BY x.position");
  std::vector<std::pair<long long, long long>> counts;
  for (const soci::row& r : rows) counts.emplace_back(as_int(r, 0), as_int(r, 1));
  for (const auto& [position, accounts] : counts)
    sql << "UPDATE reconciliation_exclusions SET accounts = :n WHERE reconciliation_id = :r AND "
           "position = :p",
        soci::use(accounts), soci::use(rid), soci::use(position);
}

namespace detail {

void prepare_exclusion_rules(soci::session& sql, const people_rules& rules) {
  // A temporary table: the session's own, so a read-only view takes no write lock on the store.
  // Looked for first: PostgreSQL would print a notice for IF NOT EXISTS on every later call.
  long long present = 0;
  if (is_sqlite(sql))
    sql << "SELECT COUNT(*) FROM sqlite_temp_master WHERE name = 'people_exclusion_rules'",
        soci::into(present);
  else
    sql << "SELECT CASE WHEN to_regclass('pg_temp.people_exclusion_rules') IS NULL THEN 0 ELSE 1 "
           "END",
        soci::into(present);
  if (present == 0)
    sql << "CREATE TEMPORARY TABLE people_exclusion_rules (position INTEGER NOT NULL, rule TEXT "
           "NOT NULL, like_pattern TEXT NOT NULL)";
  else
    sql << "DELETE FROM people_exclusion_rules";
  if (rules.exclude_accounts.empty()) return;
  std::vector<int> positions;
  std::vector<std::string> patterns;
  for (std::size_t i = 0; i < rules.exclude_accounts.size(); ++i) {
    positions.push_back(static_cast<int>(i));
    patterns.push_back(glob_to_like(rules.exclude_accounts[i]));
  }
  std::vector<std::string> globs = rules.exclude_accounts;
  sql << "INSERT INTO people_exclusion_rules (position, rule, like_pattern) VALUES (:p, :r, :l)",
      soci::use(positions), soci::use(globs), soci::use(patterns);
}

std::string excluded_sql(const std::string& n) {
  return "EXISTS (SELECT 1 FROM people_exclusion_rules x WHERE " + n +
         " LIKE x.like_pattern ESCAPE '\\')";
}

}  // namespace detail
}  // namespace invhost::inventory
