// Sessions: created, found, refreshed, expired when idle or too old, ended; every change of an
// account's rights ends its sessions. Both backends.
#include <boost/test/unit_test.hpp>
#include <invhost/accounts/account_error.hpp>
#include <invhost/accounts/sessions.hpp>
#include <invhost/accounts/users.hpp>

#include "backends.hpp"
#include "role_printing.hpp"

using namespace invhost::accounts;
using namespace std::chrono_literals;
using invhost::test::on_each_backend;

namespace {

const std::string password = "correct horse battery";
// 2026-01-15 09:00:00 UTC
const clock::time_point t0 =
    clock::time_point(std::chrono::sys_days(std::chrono::year(2026) / std::chrono::January / 15)) +
    9h;

long long count_sessions(soci::session& sql) {
  long long n = 0;
  sql << "SELECT COUNT(*) FROM console_sessions", soci::into(n);
  return n;
}

long long last_seen_at(soci::session& sql) {
  long long at = 0;
  sql << "SELECT last_seen_at FROM console_sessions", soci::into(at);
  return at;
}

long long epoch(clock::time_point t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sessions)

BOOST_AUTO_TEST_CASE(a_session_is_found_by_its_token_and_only_its_hash_is_stored) {
  on_each_backend([](invhost::store& db) {
    auto& sql = db.sql();
    const auto a = add_account(sql, "alice", role::editor, password);
    const auto s = create_session(sql, a, t0);
    BOOST_TEST(s.token.size() == 43U);  // 32 bytes, base64url without padding
    BOOST_TEST(s.token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                         "0123456789-_") == std::string::npos);
    BOOST_TEST(s.csrf_token.size() == 43U);
    BOOST_TEST(s.csrf_token != s.token);
    std::string stored;
    sql << "SELECT token_hash FROM console_sessions", soci::into(stored);
    BOOST_TEST(stored.size() == 64U);  // hex of 32 bytes
    BOOST_TEST(stored != s.token);

    const auto found = find_session(sql, s.token, t0 + 1min);
    BOOST_REQUIRE(found.has_value());
    BOOST_TEST(found->who.name == "alice");
    BOOST_TEST(found->who.role == role::editor);
    BOOST_TEST(found->who.id == a.id);
    BOOST_TEST(found->csrf_token == s.csrf_token);
    BOOST_TEST(csrf_matches(found->csrf_token, s.csrf_token));

    BOOST_TEST(!find_session(sql, "", t0).has_value());
    // The token with another last character. A 32-byte token ends in one of 16 characters, 'A'
    // among them: writing 'A' over an 'A' would give the token itself.
    std::string altered = s.token;
    altered.back() = altered.back() == 'A' ? 'Q' : 'A';
    BOOST_TEST(!find_session(sql, altered, t0).has_value());
    BOOST_TEST(!find_session(sql, s.token + "A", t0).has_value());
    BOOST_TEST(!find_session(sql, std::string(43, '!'), t0).has_value());
    // Another session of the same person has its own tokens.
    const auto other = create_session(sql, a, t0);
    BOOST_TEST(other.token != s.token);
    BOOST_TEST(other.csrf_token != s.csrf_token);
  });
}

BOOST_AUTO_TEST_CASE(idle_expiry_counts_from_the_last_use) {
  on_each_backend([](invhost::store& db) {
    auto& sql = db.sql();
    const auto a = add_account(sql, "alice", role::viewer, password);
    const auto s = create_session(sql, a, t0);
    // Used every 29 minutes, the session lives past 30 minutes from sign-in.
    BOOST_TEST(find_session(sql, s.token, t0 + 29min).has_value());
    BOOST_TEST(find_session(sql, s.token, t0 + 58min).has_value());
    // Then 30 minutes without use: gone, and deleted.
    BOOST_TEST(!find_session(sql, s.token, t0 + 88min).has_value());
    BOOST_TEST(count_sessions(sql) == 0);
    BOOST_TEST(!find_session(sql, s.token, t0 + 59min).has_value());

    // A shorter idle limit is a parameter.
    const auto s2 = create_session(sql, a, t0);
    const session_limits five{5min, 12h};
    BOOST_TEST(find_session(sql, s2.token, t0 + 4min + 59s, five).has_value());
    BOOST_TEST(!find_session(sql, s2.token, t0 + 9min + 59s, five).has_value());
  });
}

BOOST_AUTO_TEST_CASE(last_use_is_written_at_most_once_a_minute) {
  on_each_backend([](invhost::store& db) {
    auto& sql = db.sql();
    const auto a = add_account(sql, "alice", role::viewer, password);
    const auto s = create_session(sql, a, t0);
    BOOST_TEST(last_seen_at(sql) == epoch(t0));
    // Within a minute of the stored last use, a request leaves it as it is.
    BOOST_TEST(find_session(sql, s.token, t0 + 30s).has_value());
    BOOST_TEST(last_seen_at(sql) == epoch(t0));
    BOOST_TEST(find_session(sql, s.token, t0 + 59s).has_value());
    BOOST_TEST(last_seen_at(sql) == epoch(t0));
    // A minute or more after it, the request's time is written.
    BOOST_TEST(find_session(sql, s.token, t0 + 60s).has_value());
    BOOST_TEST(last_seen_at(sql) == epoch(t0 + 60s));
    BOOST_TEST(find_session(sql, s.token, t0 + 90s).has_value());
    BOOST_TEST(last_seen_at(sql) == epoch(t0 + 60s));
    // Idle expiry counts from the stored value: 30 minutes after 60 s the session is gone.
    BOOST_TEST(!find_session(sql, s.token, t0 + 60s + 30min).has_value());
    BOOST_TEST(count_sessions(sql) == 0);
  });
}

BOOST_AUTO_TEST_CASE(the_absolute_limit_ends_even_a_busy_session) {
  on_each_backend([](invhost::store& db) {
    auto& sql = db.sql();
    const auto a = add_account(sql, "alice", role::viewer, password);
    const auto s = create_session(sql, a, t0);
    auto t = t0;
    for (int i = 0; i < 47; ++i) {  // every 15 minutes up to 11 h 45
      t += 15min;
      BOOST_REQUIRE(find_session(sql, s.token, t).has_value());
    }
    BOOST_TEST(!find_session(sql, s.token, t0 + 12h).has_value());
  });
}

BOOST_AUTO_TEST_CASE(signing_out_ends_one_session_and_expired_ones_are_purged) {
  on_each_backend([](invhost::store& db) {
    auto& sql = db.sql();
    const auto a = add_account(sql, "alice", role::viewer, password);
    const auto b = add_account(sql, "bob", role::viewer, password);
    const auto s1 = create_session(sql, a, t0);
    const auto s2 = create_session(sql, a, t0);
    const auto s3 = create_session(sql, b, t0);
    end_session(sql, s1.token);
    end_session(sql, "not a token");
    BOOST_TEST(!find_session(sql, s1.token, t0).has_value());
    BOOST_TEST(find_session(sql, s2.token, t0).has_value());
    end_sessions_of(sql, a.id);
    BOOST_TEST(!find_session(sql, s2.token, t0).has_value());
    BOOST_TEST(find_session(sql, s3.token, t0).has_value());
    BOOST_TEST(count_sessions(sql) == 1);
    // Starting a session an hour later purges the one nobody used since.
    create_session(sql, a, t0 + 1h);
    BOOST_TEST(count_sessions(sql) == 1);
  });
}

BOOST_AUTO_TEST_CASE(role_password_removal_and_disabling_end_sessions) {
  on_each_backend([](invhost::store& db) {
    auto& sql = db.sql();
    const auto a = add_account(sql, "alice", role::admin, password);
    const auto b = add_account(sql, "bob", role::viewer, password);
    const auto bob_session = create_session(sql, b, t0);

    auto s = create_session(sql, a, t0);
    set_account_role(sql, "alice", role::viewer);
    BOOST_TEST(!find_session(sql, s.token, t0).has_value());
    BOOST_TEST(find_account(sql, "alice")->role == role::viewer);

    s = create_session(sql, *find_account(sql, "alice"), t0);
    set_account_password(sql, "alice", "another long passphrase");
    BOOST_TEST(!find_session(sql, s.token, t0).has_value());
    BOOST_TEST(!check_signin(sql, "alice", password).has_value());
    BOOST_TEST(check_signin(sql, "alice", "another long passphrase").has_value());

    s = create_session(sql, *find_account(sql, "alice"), t0);
    set_account_disabled(sql, "alice", true);
    BOOST_TEST(!find_session(sql, s.token, t0).has_value());
    set_account_disabled(sql, "alice", false);

    s = create_session(sql, *find_account(sql, "alice"), t0);
    remove_account(sql, "alice");
    BOOST_TEST(!find_session(sql, s.token, t0).has_value());
    BOOST_TEST(!find_account(sql, "alice").has_value());
    BOOST_CHECK_THROW(remove_account(sql, "alice"), account_error);
    BOOST_CHECK_THROW(set_account_role(sql, "alice", role::admin), account_error);

    // Nobody else was signed out.
    BOOST_TEST(find_session(sql, bob_session.token, t0).has_value());
  });
}

BOOST_AUTO_TEST_CASE(csrf_tokens_compare_whole) {
  const std::string t = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ";
  BOOST_TEST(csrf_matches(t, t));
  BOOST_TEST(!csrf_matches(t, t.substr(0, 42) + "R"));
  BOOST_TEST(!csrf_matches(t, t.substr(0, 42)));
  BOOST_TEST(!csrf_matches(t, ""));
  BOOST_TEST(!csrf_matches("", ""));
}

BOOST_AUTO_TEST_SUITE_END()
