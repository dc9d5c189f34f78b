// One-time sign-in links: redeemed once within their time, for an enabled account. Both backends.
#include <boost/test/unit_test.hpp>
#include <invhost/accounts/account_error.hpp>
#include <invhost/accounts/signin_links.hpp>
#include <invhost/accounts/users.hpp>

#include "backends.hpp"
#include "role_printing.hpp"

using namespace invhost::accounts;
using namespace std::chrono_literals;
using invhost::test::on_each_backend;

namespace {
const std::string password = "correct horse battery";
const clock::time_point t0 =
    clock::time_point(std::chrono::sys_days(std::chrono::year(2026) / std::chrono::March / 2)) +
    14h;
}  // namespace

BOOST_AUTO_TEST_SUITE(signin_links)

BOOST_AUTO_TEST_CASE(a_link_signs_in_once) {
  on_each_backend([](invhost::store& db) {
    auto& sql = db.sql();
    add_account(sql, "demo", role::admin, password);
    const std::string token = create_signin_link(sql, "demo", 15min, t0);
    BOOST_TEST(token.size() == 43U);
    std::string stored;
    sql << "SELECT token_hash FROM console_signin_links", soci::into(stored);
    BOOST_TEST(stored != token);

    const auto s = redeem_signin_link(sql, token, t0 + 14min);
    BOOST_REQUIRE(s.has_value());
    BOOST_TEST(s->who.name == "demo");
    BOOST_TEST(s->who.role == role::admin);
    const auto found = find_session(sql, s->token, t0 + 15min);
    BOOST_REQUIRE(found.has_value());
    BOOST_TEST(found->csrf_token == s->csrf_token);

    BOOST_TEST(!redeem_signin_link(sql, token, t0 + 14min).has_value());
    BOOST_TEST(!redeem_signin_link(sql, "", t0).has_value());
  });
}

BOOST_AUTO_TEST_CASE(an_expired_link_or_one_of_a_changed_account_fails) {
  on_each_backend([](invhost::store& db) {
    auto& sql = db.sql();
    add_account(sql, "demo", role::viewer, password);
    const std::string expired = create_signin_link(sql, "demo", 15min, t0);
    BOOST_TEST(!redeem_signin_link(sql, expired, t0 + 15min).has_value());

    const std::string before_role_change = create_signin_link(sql, "demo", 15min, t0);
    set_account_role(sql, "demo", role::editor);
    BOOST_TEST(!redeem_signin_link(sql, before_role_change, t0 + 1min).has_value());

    const std::string of_disabled = create_signin_link(sql, "demo", 15min, t0);
    set_account_disabled(sql, "demo", true);
    BOOST_TEST(!redeem_signin_link(sql, of_disabled, t0 + 1min).has_value());
    BOOST_CHECK_THROW(create_signin_link(sql, "demo", 15min, t0), account_error);
    set_account_disabled(sql, "demo", false);

    BOOST_CHECK_THROW(create_signin_link(sql, "nobody", 15min, t0), account_error);
    BOOST_CHECK_THROW(create_signin_link(sql, "demo", 0min, t0), account_error);
    BOOST_CHECK_THROW(create_signin_link(sql, "demo", 1441min, t0), account_error);
    const std::string day = create_signin_link(sql, "demo", 1440min, t0);
    BOOST_TEST(redeem_signin_link(sql, day, t0 + 1439min).has_value());
  });
}

BOOST_AUTO_TEST_SUITE_END()
