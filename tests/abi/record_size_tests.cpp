// Records of an older (smaller) or newer (larger) layout are staged as the current layout.
#include <boost/test/unit_test.hpp>
#include <invhost/import_run.hpp>

#include "test_adapters.hpp"
#include "test_support.hpp"

using namespace invhost;

namespace {
run_result stage(store& db, const std::string& adapter) {
  connector_entry c;
  c.id = adapter;
  c.adapter = adapter;
  return stage_connection(db, c, discover_manifests({test::adapter_dir()}));
}
}  // namespace

BOOST_AUTO_TEST_SUITE(record_sizes)

BOOST_AUTO_TEST_CASE(older_smaller_records_read_with_defaults) {
  test::temp_dir dir;
  auto db = store::open("sqlite://" + (dir / "t.db").string());
  const run_result r = stage(*db, "test-old-records");
  BOOST_TEST(r.outcome == "staged", r.error_message);
  int threshold = 0, apps = 0;
  soci::indicator active_ind = soci::i_ok;
  int active = 0;
  db->sql() << "SELECT COUNT(*) FROM staged_applications WHERE run_id = :r", soci::use(r.run_id),
      soci::into(apps);
  BOOST_TEST(apps == 2);
  db->sql() << "SELECT activity_threshold_days, is_active FROM staged_applications WHERE "
               "external_id = 'app-b'",
      soci::into(threshold), soci::into(active, active_ind);
  BOOST_TEST(threshold == 90);  // absent in the old layout: the default
  BOOST_TEST((active_ind == soci::i_null));
  std::string type, currency;
  db->sql() << "SELECT license_type, currency FROM staged_licenses WHERE external_id = 'lic-b'",
      soci::into(type), soci::into(currency);
  BOOST_TEST(type == "Named User");
  BOOST_TEST(currency == "");
}

BOOST_AUTO_TEST_CASE(newer_larger_records_tail_ignored) {
  test::temp_dir dir;
  auto db = store::open("sqlite://" + (dir / "t.db").string());
  const run_result r = stage(*db, "test-new-records");
  BOOST_TEST(r.outcome == "staged", r.error_message);
  int threshold = 0, active = 0;
  db->sql() << "SELECT activity_threshold_days, is_active FROM staged_applications WHERE "
               "external_id = 'app-b'",
      soci::into(threshold), soci::into(active);
  BOOST_TEST(threshold == 45);
  BOOST_TEST(active == 1);
  std::string currency;
  int licenses = 0;
  db->sql() << "SELECT currency FROM staged_licenses WHERE external_id = 'lic-b'",
      soci::into(currency);
  db->sql() << "SELECT COUNT(*) FROM staged_licenses", soci::into(licenses);
  BOOST_TEST(currency == "EUR");
  BOOST_TEST(licenses == 2);
}

BOOST_AUTO_TEST_SUITE_END()
