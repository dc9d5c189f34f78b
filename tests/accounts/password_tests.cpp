// Argon2id hashes, password rules, sign-in checks and rehashing, on both backends.
#include <sodium.h>

#include <boost/test/unit_test.hpp>
#include <chrono>
#include <invhost/accounts/account_error.hpp>
#include <invhost/accounts/passwords.hpp>
#include <invhost/accounts/users.hpp>

#include "backends.hpp"
#include "role_printing.hpp"

using namespace invhost::accounts;
using invhost::test::on_each_backend;

namespace {

const std::string good_password = "correct horse battery";

std::string stored_hash(soci::session& sql, const std::string& name) {
  std::string h;
  sql << "SELECT password_hash FROM console_users WHERE name = :n", soci::into(h), soci::use(name);
  return h;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(passwords)

BOOST_AUTO_TEST_CASE(a_hash_is_argon2id_with_the_chosen_limits_and_verifies) {
  const std::string h = hash_password(good_password);
  BOOST_TEST(h.starts_with("$argon2id$v=19$"));
  // libsodium's interactive limits: 64 MiB (65536 KiB), 2 passes, 1 lane.
  BOOST_TEST(h.find("$m=65536,t=2,p=1$") != std::string::npos, h);
  BOOST_TEST(verify_password(h, good_password));
  BOOST_TEST(!verify_password(h, "correct horse battery!"));
  BOOST_TEST(!verify_password(h, ""));
  BOOST_TEST(!verify_password("not a hash", good_password));
  BOOST_TEST(!password_needs_rehash(h));
  // Two hashes of one password differ: each has its own salt.
  BOOST_TEST(hash_password(good_password) != h);
}

BOOST_AUTO_TEST_CASE(short_and_oversized_passwords_are_refused_without_being_quoted) {
  try {
    hash_password("elevenchars");  // 11 characters
    BOOST_FAIL("an 11-character password was accepted");
  } catch (const account_error& e) {
    BOOST_TEST(std::string(e.what()) == "the password is too short");
    BOOST_TEST(e.hint().find("at least 12 characters") != std::string::npos);
  }
  // 12 characters, though more bytes: length counts characters.
  BOOST_CHECK_NO_THROW(check_password_rules("twelve chars"));
  BOOST_CHECK_NO_THROW(
      check_password_rules("\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
                           "abcdef"));
  BOOST_CHECK_THROW(check_password_rules(std::string(1025, 'x')), account_error);
  BOOST_CHECK_NO_THROW(check_password_rules(std::string(1024, 'x')));
}

BOOST_AUTO_TEST_CASE(signin_checks_the_password_and_reveals_nothing_else) {
  on_each_backend([](invhost::store& db) {
    auto& sql = db.sql();
    const auto a = add_account(sql, "alice", role::editor, good_password);
    BOOST_TEST(a.name == "alice");
    BOOST_TEST(a.role == role::editor);
    BOOST_TEST(stored_hash(sql, "alice").starts_with("$argon2id$"));
    BOOST_TEST(stored_hash(sql, "alice").find(good_password) == std::string::npos);

    const auto ok = check_signin(sql, "alice", good_password);
    BOOST_REQUIRE(ok.has_value());
    BOOST_TEST(ok->id == a.id);
    BOOST_TEST(!check_signin(sql, "alice", "wrong password here").has_value());
    BOOST_TEST(!check_signin(sql, "Alice", good_password).has_value());  // names are exact
    BOOST_TEST(!check_signin(sql, "nobody", good_password).has_value());
    BOOST_TEST(!check_signin(sql, "bad name", good_password).has_value());

    set_account_disabled(sql, "alice", true);
    BOOST_TEST(!check_signin(sql, "alice", good_password).has_value());
    set_account_disabled(sql, "alice", false);
    BOOST_TEST(check_signin(sql, "alice", good_password).has_value());
  });
}

BOOST_AUTO_TEST_CASE(an_unknown_name_costs_one_hash_like_a_known_one) {
  on_each_backend([](invhost::store& db) {
    auto& sql = db.sql();
    add_account(sql, "alice", role::viewer, good_password);
    check_signin(sql, "nobody", good_password);  // the decoy hash is made once, here
    using clock = std::chrono::steady_clock;
    const auto timed = [&](const char* name) {
      const auto start = clock::now();
      check_signin(sql, name, "a wrong password");
      return clock::now() - start;
    };
    const auto unknown = timed("nobody");
    const auto known = timed("alice");
    // One Argon2id verification over 64 MiB takes tens of milliseconds; a lookup alone takes
    // well under one. Both answers must have paid for one.
    using ms = std::chrono::duration<double, std::milli>;
    BOOST_TEST(ms(unknown).count() > 10.0);
    BOOST_TEST(ms(known).count() > 10.0);
  });
}

BOOST_AUTO_TEST_CASE(a_hash_with_older_limits_is_replaced_at_signin) {
  on_each_backend([](invhost::store& db) {
    auto& sql = db.sql();
    add_account(sql, "bob", role::viewer, good_password);
    // A hash as an older build with lighter limits would have made it.
    BOOST_REQUIRE(sodium_init() >= 0);
    std::string old(crypto_pwhash_STRBYTES, '\0');
    BOOST_REQUIRE(crypto_pwhash_str_alg(old.data(), good_password.data(), good_password.size(), 1,
                                        8U * 1024U * 1024U, crypto_pwhash_ALG_ARGON2ID13) == 0);
    old.resize(old.find('\0'));
    BOOST_REQUIRE(password_needs_rehash(old));
    sql << "UPDATE console_users SET password_hash = :h WHERE name = 'bob'", soci::use(old);

    BOOST_TEST(!check_signin(sql, "bob", "wrong password here").has_value());
    BOOST_TEST(stored_hash(sql, "bob") == old);  // a failed sign-in changes nothing
    BOOST_TEST(check_signin(sql, "bob", good_password).has_value());
    const std::string now = stored_hash(sql, "bob");
    BOOST_TEST(now != old);
    BOOST_TEST(now.find("$m=65536,t=2,p=1$") != std::string::npos, now);
    BOOST_TEST(check_signin(sql, "bob", good_password).has_value());
  });
}

BOOST_AUTO_TEST_CASE(names_are_checked_and_unique) {
  on_each_backend([](invhost::store& db) {
    auto& sql = db.sql();
    add_account(sql, "carol", role::admin, good_password);
    BOOST_CHECK_THROW(add_account(sql, "carol", role::viewer, good_password), account_error);
    for (const std::string& bad : {std::string(), std::string("two words"), std::string(65, 'n'),
                                   std::string("tab\tname"), std::string("caf\xc3\xa9")})
      BOOST_CHECK_THROW(add_account(sql, bad, role::viewer, good_password), account_error);
    BOOST_CHECK_NO_THROW(add_account(sql, std::string(64, 'n'), role::viewer, good_password));
    BOOST_CHECK_THROW(add_account(sql, "dave", role::viewer, "too short"), account_error);
    BOOST_TEST(!find_account(sql, "dave").has_value());
    const auto all = list_accounts(sql);
    BOOST_REQUIRE(all.size() == 2U);
    BOOST_TEST(all[0].name == "carol");
    BOOST_TEST(all[0].role == role::admin);
    BOOST_TEST(!all[0].created_at.empty());
  });
}

BOOST_AUTO_TEST_CASE(proxy_header_names_an_enabled_local_account) {
  on_each_backend([](invhost::store& db) {
    auto& sql = db.sql();
    add_account(sql, "erin", role::editor, good_password);
    const auto a = account_for_proxy_header(sql, "erin");
    BOOST_REQUIRE(a.has_value());
    BOOST_TEST(a->role == role::editor);
    BOOST_TEST(!account_for_proxy_header(sql, "frank").has_value());
    BOOST_TEST(!account_for_proxy_header(sql, "").has_value());
    BOOST_TEST(!account_for_proxy_header(sql, "erin ").has_value());
    set_account_disabled(sql, "erin", true);
    BOOST_TEST(!account_for_proxy_header(sql, "erin").has_value());
  });
}

BOOST_AUTO_TEST_SUITE_END()
