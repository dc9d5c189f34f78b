// Accounts in console_users. Every value is bound; the hash is read only to verify a sign-in.
#include <invhost/accounts/account_error.hpp>
#include <invhost/accounts/account_names.hpp>
#include <invhost/accounts/passwords.hpp>
#include <invhost/accounts/sessions.hpp>
#include <invhost/accounts/users.hpp>
#include <invhost/utc_time.hpp>

namespace invhost::accounts {
namespace {

constexpr const char* account_columns = "id, name, role, created_at, disabled";

// One account row read into typed variables: SOCI converts each column to the variable's type,
// which keeps SQLite's and PostgreSQL's differing integer widths out of this code.
struct account_reader {
  long long id = 0;
  std::string name, role_text, created_at;
  int disabled = 0;

  void bind(soci::statement& st) {
    st.exchange(soci::into(id));
    st.exchange(soci::into(name));
    st.exchange(soci::into(role_text));
    st.exchange(soci::into(created_at));
    st.exchange(soci::into(disabled));
  }
  [[nodiscard]] account value() const {
    // A role this build does not know (written by a newer one) grants the least.
    return {id, name, parse_role(role_text).value_or(role::viewer), created_at, disabled != 0};
  }
};

// The accounts a query over account_columns (plus nothing else) returns.
template <typename... Uses>
std::vector<account> read_accounts(soci::session& sql, const std::string& query, Uses... uses) {
  std::vector<account> out;
  account_reader r;
  soci::statement st(sql);
  r.bind(st);
  (st.exchange(uses), ...);
  st.alloc();
  st.prepare(query);
  st.define_and_bind();
  st.execute(false);
  while (st.fetch()) out.push_back(r.value());
  return out;
}

// Ends what the account could still do with its old rights: sessions and unused links.
void end_access_of(soci::session& sql, std::int64_t id) {
  const long long account_id = id;
  sql << "DELETE FROM console_sessions WHERE user_id = :u", soci::use(account_id);
  sql << "DELETE FROM console_signin_links WHERE user_id = :u", soci::use(account_id);
}

}  // namespace

account add_account(soci::session& sql, std::string_view name, role r, std::string_view password) {
  check_account_name(name);
  check_password_rules(password);
  if (find_account(sql, name))
    throw account_error("an account of that name exists already",
                        "choose another name, or change this one with: invhost users set-role / "
                        "invhost users passwd");
  const std::string hash = hash_password(password);
  const std::string n(name), role_text(role_name(r)), created = utc_now_iso();
  sql << "INSERT INTO console_users (name, role, password_hash, created_at, disabled) "
         "VALUES (:n, :r, :h, :c, 0)",
      soci::use(n), soci::use(role_text), soci::use(hash), soci::use(created);
  return require_account(sql, name);
}

std::vector<account> list_accounts(soci::session& sql) {
  return read_accounts(
      sql, std::string("SELECT ") + account_columns + " FROM console_users ORDER BY name");
}

std::optional<account> find_account(soci::session& sql, std::string_view name) {
  if (!valid_account_name(name)) return std::nullopt;
  const std::string n(name);
  auto found = read_accounts(
      sql, std::string("SELECT ") + account_columns + " FROM console_users WHERE name = :n",
      soci::use(n));
  if (found.empty()) return std::nullopt;
  return found.front();
}

account require_account(soci::session& sql, std::string_view name) {
  auto a = find_account(sql, name);
  if (a) return *a;
  // Only a valid name is quoted: anything else may be long or hold control characters.
  throw account_error(valid_account_name(name) ? "no account '" + std::string(name) + "'"
                                               : std::string("no account of that name"),
                      "see the accounts with: invhost users list");
}

std::optional<account> find_account_by_id(soci::session& sql, std::int64_t id) {
  const long long i = id;
  auto found = read_accounts(
      sql, std::string("SELECT ") + account_columns + " FROM console_users WHERE id = :i",
      soci::use(i));
  if (found.empty()) return std::nullopt;
  return found.front();
}

void remove_account(soci::session& sql, std::string_view name) {
  soci::transaction tx(sql);
  const account a = require_account(sql, name);
  end_access_of(sql, a.id);
  const long long id = a.id;
  sql << "DELETE FROM console_users WHERE id = :i", soci::use(id);
  tx.commit();
}

void set_account_role(soci::session& sql, std::string_view name, role r) {
  soci::transaction tx(sql);
  const account a = require_account(sql, name);
  const long long id = a.id;
  const std::string role_text(role_name(r));
  sql << "UPDATE console_users SET role = :r WHERE id = :i", soci::use(role_text), soci::use(id);
  // Even a promotion ends sessions: the person signs in again and sees the console as it now
  // applies to them, and a demotion never leaves a window with the old rights.
  end_access_of(sql, a.id);
  tx.commit();
}

void set_account_password(soci::session& sql, std::string_view name, std::string_view password) {
  check_password_rules(password);
  require_account(sql, name);
  const std::string hash = hash_password(password);  // slow: outside the transaction
  soci::transaction tx(sql);
  const account a = require_account(sql, name);
  const long long id = a.id;
  sql << "UPDATE console_users SET password_hash = :h WHERE id = :i", soci::use(hash),
      soci::use(id);
  end_access_of(sql, a.id);
  tx.commit();
}

void set_account_disabled(soci::session& sql, std::string_view name, bool disabled) {
  soci::transaction tx(sql);
  const account a = require_account(sql, name);
  const long long id = a.id;
  const int flag = disabled ? 1 : 0;
  sql << "UPDATE console_users SET disabled = :d WHERE id = :i", soci::use(flag), soci::use(id);
  if (disabled) end_access_of(sql, a.id);
  tx.commit();
}

std::optional<account> check_signin(soci::session& sql, std::string_view name,
                                    std::string_view password) {
  std::optional<account> found;
  std::string hash;
  if (valid_account_name(name) && password.size() <= max_password_bytes) {
    found = find_account(sql, name);
    if (found) {
      const long long id = found->id;
      sql << "SELECT password_hash FROM console_users WHERE id = :i", soci::into(hash),
          soci::use(id);
    }
  }
  if (!found) {
    spend_one_verification(password);
    return std::nullopt;
  }
  // A disabled account is verified too: its answer takes as long as anyone's.
  if (!verify_password(hash, password) || found->disabled) return std::nullopt;
  if (password_needs_rehash(hash)) {
    const std::string fresh = hash_password(password);
    const long long id = found->id;
    sql << "UPDATE console_users SET password_hash = :h WHERE id = :i", soci::use(fresh),
        soci::use(id);
  }
  return found;
}

std::optional<account> account_for_proxy_header(soci::session& sql, std::string_view header_value) {
  auto a = find_account(sql, header_value);
  if (!a || a->disabled) return std::nullopt;
  return a;
}

}  // namespace invhost::accounts
