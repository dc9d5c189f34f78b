// What each role may do: viewer reads; editor reads and edits; admin does everything.
#include <boost/test/unit_test.hpp>
#include <invhost/accounts/roles.hpp>

using namespace invhost::accounts;

BOOST_AUTO_TEST_CASE(each_role_may_do_what_it_is_for_and_no_more) {
  BOOST_TEST(may(role::viewer, action::read));
  BOOST_TEST(!may(role::viewer, action::edit));
  BOOST_TEST(!may(role::viewer, action::admin));
  BOOST_TEST(may(role::editor, action::read));
  BOOST_TEST(may(role::editor, action::edit));
  BOOST_TEST(!may(role::editor, action::admin));
  BOOST_TEST(may(role::admin, action::read));
  BOOST_TEST(may(role::admin, action::edit));
  BOOST_TEST(may(role::admin, action::admin));
}

BOOST_AUTO_TEST_CASE(roles_are_named_exactly) {
  BOOST_TEST((parse_role("editor") == role::editor));
  BOOST_TEST(!parse_role("Editor").has_value());
  BOOST_TEST(!parse_role("root").has_value());
  BOOST_TEST(role_name(role::admin) == "admin");
}
