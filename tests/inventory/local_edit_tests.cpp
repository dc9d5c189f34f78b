#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <invhost/inventory/license_records.hpp>
#include <invhost/inventory/merge.hpp>

#include "each_backend.hpp"
#include "staged_tenant.hpp"

using namespace invhost::inventory;
using invtest::database;
using invtest::scalar;
using invtest::text;

BOOST_AUTO_TEST_SUITE(local_edits)

BOOST_AUTO_TEST_CASE(local_fields_survive_ten_imports) {
  invtest::on_each_backend([](database& db) {
    auto t = invtest::licenses_tenant(2);
    merge_run(db.sql(), invtest::stage(db.sql(), "fsm", t));
    const long long id = scalar(db.sql(), "SELECT id FROM licenses WHERE external_id = 'L1'");
    local_fields f;
    f.display_name = "Zoom (from FSM)";
    f.owner = "Dana Scully";
    f.cost_centre = "CC-42";
    f.location = "Berlin";
    f.notes = "renewal handled by procurement";
    f.add_groups = {"Collaboration", "EMEA"};
    edit_local_fields(db.sql(), id, f, "tester");
    const auto purchase_id = add_purchase(db.sql(), {"PO-1", "", 5, "500.00", "USD", "", "", ""});
    link_purchase(db.sql(), id, purchase_id);
    add_attachment(db.sql(), id, "contract.pdf", "file:///contracts/zoom.pdf");
    const std::string local_before =
        boost::json::serialize(license_details(db.sql(), id, "2024-06-01").at("groups")) +
        boost::json::serialize(license_details(db.sql(), id, "2024-06-01").at("purchases")) +
        boost::json::serialize(license_details(db.sql(), id, "2024-06-01").at("attachments"));

    for (int i = 0; i < 10; ++i) {
      t.licenses[0].name = "Zoom v" + std::to_string(i);
      t.terms[0].items = 10 + i;
      BOOST_TEST(to_string(merge_run(db.sql(), invtest::stage(db.sql(), "fsm", t)).status) ==
                 "merged");
    }
    const auto d = license_details(db.sql(), id, "2024-06-01");
    BOOST_TEST(d.at("display_name").as_string() == "Zoom (from FSM)");
    BOOST_TEST(d.at("owner").as_string() == "Dana Scully");
    BOOST_TEST(d.at("cost_centre").as_string() == "CC-42");
    BOOST_TEST(d.at("location").as_string() == "Berlin");
    BOOST_TEST(d.at("notes").as_string() == "renewal handled by procurement");
    BOOST_TEST(d.at("imported_name").as_string() == "Zoom v9");
    BOOST_TEST(d.at("terms").as_array().at(0).at("items_allowed").as_int64() == 19);
    BOOST_TEST(boost::json::serialize(d.at("groups")) + boost::json::serialize(d.at("purchases")) +
                   boost::json::serialize(d.at("attachments")) ==
               local_before);
    // On an imported license the purchase is shown as informational.
    BOOST_TEST(d.at("purchases").as_array().at(0).at("informational").as_bool());
  });
}

BOOST_AUTO_TEST_CASE(source_owned_edit_is_refused_naming_the_connection) {
  invtest::on_each_backend([](database& db) {
    merge_run(db.sql(), invtest::stage(db.sql(), "fsm-prod", invtest::licenses_tenant(1)));
    const long long id = scalar(db.sql(), "SELECT id FROM licenses");
    for (const char* field : {"name", "type", "entitled"}) {
      try {
        edit_source_field(db.sql(), id, field, "x", "tester");
        BOOST_FAIL("editing " << field << " was accepted");
      } catch (const refused& e) {
        BOOST_TEST(std::string(e.what()).find("fsm-prod") != std::string::npos, e.what());
      }
    }
    BOOST_TEST(text(db.sql(), "SELECT imported_name FROM licenses") == "License 1");
    // A license recorded by hand is owned by people: its name can change.
    const auto local = add_local_license(db.sql(), "Visio seats", "Named User", "EUR");
    edit_source_field(db.sql(), local, "name", "Visio Plan 2", "tester");
    BOOST_TEST(text(db.sql(), "SELECT imported_name FROM licenses WHERE connection IS NULL") ==
               "Visio Plan 2");
  });
}

BOOST_AUTO_TEST_CASE(locally_deleted_license_comes_back_with_the_next_import) {
  invtest::on_each_backend([](database& db) {
    const auto t = invtest::licenses_tenant(2);
    merge_run(db.sql(), invtest::stage(db.sql(), "fsm", t));
    const long long id = scalar(db.sql(), "SELECT id FROM licenses WHERE external_id = 'L2'");
    local_fields f;
    f.owner = "Fox";
    edit_local_fields(db.sql(), id, f, "tester");
    const auto outcome = delete_license(db.sql(), id);
    BOOST_TEST(outcome.imported);
    BOOST_TEST(outcome.connection == "fsm");
    BOOST_TEST(scalar(db.sql(), "SELECT COUNT(*) FROM licenses") == 1);
    merge_run(db.sql(), invtest::stage(db.sql(), "fsm", t));
    BOOST_TEST(scalar(db.sql(),
                      "SELECT COUNT(*) FROM licenses WHERE external_id = 'L2' AND "
                      "status = 'active'") == 1);
    BOOST_TEST(text(db.sql(), "SELECT owner FROM licenses WHERE external_id = 'L2'") == "<null>");
    BOOST_TEST(scalar(db.sql(),
                      "SELECT COUNT(*) FROM entitlements WHERE license_external_id = "
                      "'L2'") == 1);
  });
}

BOOST_AUTO_TEST_CASE(unknown_license_and_oversized_text_are_refused) {
  invtest::on_each_backend([](database& db) {
    BOOST_CHECK_THROW(edit_local_fields(db.sql(), 999, {}, "tester"), refused);
    const auto id = add_local_license(db.sql(), "Local", "SaaS User", "USD");
    local_fields f;
    f.notes = std::string(max_local_text + 1, 'x');
    BOOST_CHECK_THROW(edit_local_fields(db.sql(), id, f, "tester"), refused);
    BOOST_CHECK_THROW(add_purchase(db.sql(), {"PO", "", 1, "12,5", "USD", "", "", ""}), refused);
  });
}

// A link that is already there, or an unlink of one that is not, changes nothing and says so:
// silently accepting either hides a mistyped id.
BOOST_AUTO_TEST_CASE(linking_twice_or_unlinking_what_is_not_linked_is_refused) {
  invtest::on_each_backend([](database& db) {
    const auto id = add_local_license(db.sql(), "Local", "SaaS User", "USD");
    const auto other = add_local_license(db.sql(), "Other", "SaaS User", "USD");
    const auto po = add_purchase(db.sql(), {"PO-1", "", 5, "50.00", "USD", "", "", ""});
    link_purchase(db.sql(), id, po);
    const auto refusal = [](const std::string& what) {
      return [what](const refused& e) {
        return std::string(e.what()).find(what) != std::string::npos;
      };
    };
    BOOST_CHECK_EXCEPTION(link_purchase(db.sql(), id, po), refused,
                          refusal("purchase " + std::to_string(po) +
                                  " is already linked to "
                                  "license " +
                                  std::to_string(id)));
    BOOST_CHECK_EXCEPTION(unlink_purchase(db.sql(), other, po), refused,
                          refusal("purchase " + std::to_string(po) +
                                  " is not linked to "
                                  "license " +
                                  std::to_string(other)));
    BOOST_TEST(scalar(db.sql(), "SELECT COUNT(*) FROM license_purchases") == 1);
    unlink_purchase(db.sql(), id, po);
    BOOST_TEST(scalar(db.sql(), "SELECT COUNT(*) FROM license_purchases") == 0);
    BOOST_CHECK_THROW(unlink_purchase(db.sql(), id, po), refused);
  });
}

BOOST_AUTO_TEST_SUITE_END()
