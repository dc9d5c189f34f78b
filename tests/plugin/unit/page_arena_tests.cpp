#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>
#include <fsm/json_page_parser.hpp>
#include <string>
#include <variant>

namespace json = boost::json;

namespace {

std::string page_of(int users, const std::string& tag) {
  std::string body = R"({"values": [)";
  for (int i = 0; i < users; ++i) {
    if (i > 0) body += ',';
    body += R"({"id": ")" + tag + std::to_string(i) + R"(", "email": "someone.with.a.long.name)" +
            std::to_string(i) + R"(@example.com", "annualCost": 12.50, "skus": ["a", "b"]})";
  }
  return body + R"(], "nextPage": "/next?skipToken=)" + tag + "\"}";
}

json::value tree_of(const std::string& body) {
  auto parsed = fsm::parse_json_tree(body);
  BOOST_REQUIRE(std::holds_alternative<json::value>(parsed));
  return std::move(std::get<json::value>(parsed));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(page_arena_suite)

BOOST_AUTO_TEST_CASE(a_tree_stays_whole_while_later_pages_are_parsed) {
  const std::string first_body = page_of(100, "first-");
  const json::value first = tree_of(first_body);
  const std::string first_text = json::serialize(first);
  for (int page = 0; page < 5; ++page) {
    // Each later tree is dropped before the next: their memory is recycled, the first tree's
    // must not be.
    const json::value later = tree_of(page_of(100, "later-" + std::to_string(page)));
    BOOST_TEST(later.at("values").as_array().size() == 100U);
  }
  BOOST_TEST(json::serialize(first) == first_text);
  BOOST_TEST(first.at("values").as_array()[99].at("id").as_string() == "first-99");
  // Exact numbers survive as text, as with the default storage.
  BOOST_TEST(first.at("values").as_array()[0].at("annualCost").as_string() == "12.50");
}

BOOST_AUTO_TEST_CASE(a_tree_larger_than_the_pooled_buffer_spills_and_stays_valid) {
  const std::string body = page_of(20000, "big-");  // a tree of several MiB
  const json::value tree = tree_of(body);
  BOOST_TEST(tree.at("values").as_array().size() == 20000U);
  BOOST_TEST(tree.at("values").as_array()[19999].at("email").as_string() ==
             "someone.with.a.long.name19999@example.com");
  const json::value small = tree_of(page_of(3, "small-"));
  BOOST_TEST(small.at("nextPage").as_string() == "/next?skipToken=small-");
  BOOST_TEST(tree.at("nextPage").as_string() == "/next?skipToken=big-");
}

BOOST_AUTO_TEST_CASE(page_trees_are_dropped_whole) {
  const json::value tree = tree_of(page_of(2, "x"));
  // No per-node destructor walk and no per-node free: the arena goes as one.
  BOOST_TEST(tree.storage().is_deallocate_trivial());
}

BOOST_AUTO_TEST_CASE(the_out_parameter_form_gives_the_same_tree) {
  const std::string body = page_of(10, "same-");
  json::value out;
  BOOST_REQUIRE(!fsm::parse_json_page(body, out));
  BOOST_TEST(json::serialize(out) == json::serialize(tree_of(body)));
}

BOOST_AUTO_TEST_SUITE_END()
