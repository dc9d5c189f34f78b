// Every local edit is recorded with who made it, the old and the new value, in the edit's own
// transaction: the license's history shows it beside what imports changed.
#include <boost/test/unit_test.hpp>
#include <invhost/inventory/license_edits.hpp>
#include <invhost/inventory/license_records.hpp>
#include <invhost/inventory/merge.hpp>

#include "each_backend.hpp"
#include "staged_tenant.hpp"

using namespace invhost::inventory;
using invtest::database;
using invtest::scalar;

namespace {

std::string shown(const std::optional<std::string>& v) {
  return v ? *v : "<none>";
}

// "field: old -> new by actor" for each edit, oldest first.
std::vector<std::string> described(const std::vector<license_edit>& edits) {
  std::vector<std::string> out;
  for (const auto& e : edits)
    out.push_back(e.field + ": " + shown(e.old_value) + " -> " + shown(e.new_value) + " by " +
                  e.actor);
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(license_edit_history)

BOOST_AUTO_TEST_CASE(each_changed_field_and_group_is_recorded_with_actor_old_and_new) {
  invtest::on_each_backend([](database& db) {
    merge_run(db.sql(), invtest::stage(db.sql(), "fsm", invtest::licenses_tenant(2)));
    const long long id = scalar(db.sql(), "SELECT id FROM licenses WHERE external_id = 'L1'");
    const long long other = scalar(db.sql(), "SELECT id FROM licenses WHERE external_id = 'L2'");

    local_fields first;
    first.owner = "Dana Scully";
    first.notes = "renewal in May";
    first.add_groups = {"EMEA"};
    edit_local_fields(db.sql(), id, first, "dana");

    local_fields second;
    second.owner = "Fox Mulder";   // changed
    second.notes = "";             // cleared
    second.location = "";          // empty before, empty after: no change, not recorded
    second.add_groups = {"EMEA"};  // a member already: not recorded
    second.remove_groups = {"EMEA", "Nowhere"};  // only the membership that existed is recorded
    edit_local_fields(db.sql(), id, second, "fox");

    const std::vector<std::string> expected = {
        "owner: <none> -> Dana Scully by dana",   "notes: <none> -> renewal in May by dana",
        "group: <none> -> EMEA by dana",          "owner: Dana Scully -> Fox Mulder by fox",
        "notes: renewal in May -> <none> by fox", "group: EMEA -> <none> by fox"};
    const auto edits = license_edits_of(db.sql(), id);
    BOOST_TEST(described(edits) == expected, boost::test_tools::per_element());
    for (const auto& e : edits) {
      BOOST_TEST(e.license_id == id);
      BOOST_TEST(e.at.size() == std::string("2024-03-01T12:00:00Z").size());
    }
    BOOST_TEST(license_edits_of(db.sql(), other).empty());
  });
}

BOOST_AUTO_TEST_CASE(name_and_type_of_a_local_license_are_recorded) {
  invtest::on_each_backend([](database& db) {
    const auto id = add_local_license(db.sql(), "Visio seats", "Named User", "EUR");
    edit_source_field(db.sql(), id, "name", "Visio Plan 2", "dana");
    edit_source_field(db.sql(), id, "type", "SaaS User", "dana");
    const std::vector<std::string> expected = {"name: Visio seats -> Visio Plan 2 by dana",
                                               "type: Named User -> SaaS User by dana"};
    BOOST_TEST(described(license_edits_of(db.sql(), id)) == expected,
               boost::test_tools::per_element());
  });
}

// A refused edit changes nothing, so it records nothing either: the audit and the edit share
// one transaction.
BOOST_AUTO_TEST_CASE(a_refused_edit_records_nothing) {
  invtest::on_each_backend([](database& db) {
    const auto id = add_local_license(db.sql(), "Local", "SaaS User", "USD");
    local_fields f;
    f.owner = "Dana";
    f.notes = std::string(max_local_text + 1, 'x');
    BOOST_CHECK_THROW(edit_local_fields(db.sql(), id, f, "dana"), refused);
    BOOST_CHECK_THROW(edit_local_fields(db.sql(), id, {}, ""), refused);
    BOOST_TEST(license_edits_of(db.sql(), id).empty());
    BOOST_TEST(scalar(db.sql(), "SELECT COUNT(*) FROM licenses WHERE owner IS NOT NULL") == 0);
  });
}

BOOST_AUTO_TEST_SUITE_END()
