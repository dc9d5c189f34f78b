// A license's history: what imports did to it and what people edited, oldest first.
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <invhost/inventory/license_records.hpp>
#include <invhost/inventory/merge.hpp>
#include <invhost/views/license_history.hpp>

#include "each_backend.hpp"
#include "staged_tenant.hpp"

using invtest::database;
using invtest::scalar;
namespace json = boost::json;

BOOST_AUTO_TEST_SUITE(license_history_view)

BOOST_AUTO_TEST_CASE(imports_and_edits_of_one_license_in_time_order) {
  invtest::on_each_backend([](database& db) {
    auto& sql = db.sql();
    const auto first = invtest::stage(sql, "fsm", invtest::licenses_tenant(2));
    invhost::inventory::merge_run(sql, first);
    const long long l1 = scalar(sql, "SELECT id FROM licenses WHERE external_id = 'L1'");
    invhost::inventory::local_fields f;
    f.owner = "Dana";
    invhost::inventory::edit_local_fields(sql, l1, f, "dana");
    // The next import lacks L1: a complete import retires it.
    auto without_l1 = invtest::licenses_tenant(2);
    without_l1.licenses.erase(without_l1.licenses.begin());
    without_l1.terms.erase(without_l1.terms.begin());
    const auto second = invtest::stage(sql, "fsm", without_l1);
    invhost::inventory::merge_run(sql, second);
    // Fixed times, so the order is the rule's and not the clock's: the edit between the two
    // imports' changes.
    sql << "UPDATE license_changes SET at = '2024-01-01T00:00:00Z' WHERE kind = 'added'";
    sql << "UPDATE license_changes SET at = '2024-01-03T00:00:00Z' WHERE kind = 'retired'";
    sql << "UPDATE license_edits SET at = '2024-01-02T09:30:00Z'";

    const json::array expected = {{{"at", "2024-01-01T00:00:00Z"},
                                   {"source", "import"},
                                   {"kind", "added"},
                                   {"reason", ""},
                                   {"run_id", first},
                                   {"connection", "fsm"},
                                   {"external_id", "L1"},
                                   {"name", "License 1"}},
                                  {{"at", "2024-01-02T09:30:00Z"},
                                   {"source", "edit"},
                                   {"field", "owner"},
                                   {"old_value", nullptr},
                                   {"new_value", "Dana"},
                                   {"actor", "dana"}},
                                  {{"at", "2024-01-03T00:00:00Z"},
                                   {"source", "import"},
                                   {"kind", "retired"},
                                   {"reason", "removed from source"},
                                   {"run_id", second},
                                   {"connection", "fsm"},
                                   {"external_id", "L1"},
                                   {"name", "License 1"}}};
    const auto got = invhost::views::license_history_json(invhost::views::license_history(sql, l1));
    BOOST_TEST(got == expected, json::serialize(got));

    // Within one second, the import's change comes before the edit.
    sql << "UPDATE license_edits SET at = '2024-01-03T00:00:00Z'";
    const auto tied =
        invhost::views::license_history_json(invhost::views::license_history(sql, l1));
    BOOST_TEST(tied.at(1).at("kind").as_string() == "retired");
    BOOST_TEST(tied.at(2).at("source").as_string() == "edit");
  });
}

BOOST_AUTO_TEST_SUITE_END()
