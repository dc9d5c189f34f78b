// People: one per normalised email across every connection, plus the aliases people configured
// (docs/people.md). Nothing is stored per person: a person is derived from the accessing users
// each time, so an import, an alias or a changed setting is seen by the next query without a
// refresh step, and reconciliation stays one pass over consumption.
#ifndef INVHOST_INVENTORY_PEOPLE_HPP
#define INVHOST_INVENTORY_PEOPLE_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace soci {
class session;
}

namespace invhost::inventory {

// The host settings that shape people ([host] people_strip_plus_addressing, exclude_accounts).
struct people_rules {
  bool strip_plus_addressing = false;
  // Glob patterns ('*' any run of characters, '?' one) over an account's normalised email; an
  // account that matches one is not a person and counts in no license.
  std::vector<std::string> exclude_accounts;
};

inline constexpr std::size_t max_email_length = 320;  // RFC 3696's bound on an address

// A person command refused (an unknown alias, a chain of aliases...); hint says what to do.
class people_error : public std::runtime_error {
 public:
  people_error(const std::string& message, std::string hint)
      : std::runtime_error(message), hint_(std::move(hint)) {}
  [[nodiscard]] const std::string& hint() const noexcept { return hint_; }

 private:
  std::string hint_;
};

// Trimmed (spaces, tabs, line ends), ASCII letters lower-cased, and with strip_plus "a+tag@x"
// made "a@x" (the first '+' before the first '@'). The same rule as the SQL the queries use.
std::string normalise_email(std::string_view email, bool strip_plus);

// Why `text` cannot be an email a person types (empty, longer than max_email_length, a control
// character, no '@' between a local part and a domain), or nothing when it can.
std::optional<std::string> email_input_problem(std::string_view text);

// The SQL expression (for this session's backend) of the normalised email of the text column
// `column`; the same result as normalise_email.
std::string normalised_email_sql(soci::session& sql, const std::string& column, bool strip_plus);

// A glob as a LIKE pattern with '\' as its escape character.
std::string glob_to_like(std::string_view glob);

// Alias commands. add: `alias` (an email) is the same person as `person_email`. Refused: an
// alias of itself, an alias that already points elsewhere, a person who is an alias (a chain), an
// alias that is the primary email of a person with aliases of its own. Both are normalised under
// `rules` first. remove: refused when there is no such alias.
struct alias_added {
  std::string alias;
  std::string person;
  bool person_seen = false;  // some account has the person's email
};
alias_added add_alias(soci::session& sql, std::string_view alias, std::string_view person_email,
                      const people_rules& rules);
std::string remove_alias(soci::session& sql, std::string_view alias, const people_rules& rules);

// One account (accessing user) of a person.
struct person_account {
  std::string connection;
  std::string external_id;
  std::string email;  // as the source gave it
  std::string name;   // first and last name, or the user name
};

// A license a person consumes on the date asked (the rules of reconciliation: deactivated
// accounts do not consume; an unallocated use falls back to its application's only license).
struct person_license {
  std::int64_t id = 0;
  std::string connection;
  std::string external_id;
  std::string name;
  std::string type;
  std::string last_activity;  // day of the person's newest use of it, YYYY-MM-DD ("" when none)
};

struct person {
  std::string email;  // normalised; "" for an account without email (a person of its own)
  std::string domain;
  std::vector<std::string> aliases;
  std::vector<person_account> accounts;
  std::vector<person_license> licenses;
  std::vector<std::string> connections;
  std::string last_activity;  // day of the newest use of any license, YYYY-MM-DD ("" when none)
};

// Every person, by email (accounts without email last, by connection and id). Accounts matching
// an exclusion rule are left out.
std::vector<person> list_people(soci::session& sql, const people_rules& rules,
                                const std::string& as_of);

// The person whose email (or one of whose aliases) is `email`; people_error when none.
person find_person(soci::session& sql, std::string_view email, const people_rules& rules,
                   const std::string& as_of);

// For a reconciliation: records `rules.exclude_accounts` as its exclusion rules, in order, each
// with the number of distinct normalised emails it (first) matches. Written into
// reconciliation_exclusions, which the consumption pass then reads.
void record_exclusions(soci::session& sql, std::int64_t reconciliation_id,
                       const people_rules& rules);

}  // namespace invhost::inventory

#endif
