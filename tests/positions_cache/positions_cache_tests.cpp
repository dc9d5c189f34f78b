// The positions the console's pages share are built once per data version: a page read after a
// local edit, a new license or a deletion shows it at once, though the set before it was kept.
// Over real loopback HTTP to the console's own handler, on SQLite and PostgreSQL.
#define BOOST_TEST_MODULE console_positions
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <invhost/accounts/users.hpp>
#include <invhost/console/console_app.hpp>
#include <invhost/inventory/license_records.hpp>
#include <string>

#include "each_backend.hpp"
#include "positions_cache.hpp"
#include "test_client.hpp"
#include "views_tenant.hpp"

namespace {

namespace bhttp = boost::beast::http;

// The views tenant and a viewer named "reader" in the test's database.
invtest::database& with_tenant_and_reader(invtest::database& db) {
  viewstest::build_inventory(db.sql());
  invhost::accounts::add_account(db.sql(), "reader", invhost::accounts::role::viewer,
                                 "a long enough password 1");
  return db;
}

// A console on the test's database, people named by a header from the loopback proxy.
struct console_on {
  explicit console_on(invtest::database& db)
      : server([&db] {
          std::ofstream(db.dir() / "invhost.toml") << "";
          invhost::console::console_settings s;
          s.home = db.dir();
          s.db = db.connection_string();
          s.auth = invhost::console::auth_mode::proxy_header;
          s.proxy_header = "X-Remote-User";
          s.trusted_proxies = {"127.0.0.1"};
          return invhost::console::make_console_handler(s);
        }()) {}

  std::string page(const std::string& path) {
    http_test::client c(server.endpoint.port);
    bhttp::fields h;
    h.set("X-Remote-User", "reader");
    const auto res = c.get(path + "?as_of=" + viewstest::D, h);
    BOOST_TEST_REQUIRE(res.result_int() == 200u, path << " answered " << res.result_int());
    return res.body();
  }

  http_test::running_server server;
};

bool shows(const std::string& body, const std::string& text) {
  return body.find(text) != std::string::npos;
}

// The overview's first USD figure, which must be the count of active licenses.
std::string usd_active_licenses(const std::string& overview) {
  const auto section = overview.find("<h2>USD</h2>");
  const std::string open = R"(<span class="figure">)";
  const auto value = overview.find(open, section);
  if (section == std::string::npos || value == std::string::npos) return "(none)";
  const auto start = value + open.size();
  const auto end = overview.find("</span>", start);
  if (overview.compare(end, 22, "</span>active licenses") != 0) return "(another figure)";
  return overview.substr(start, end - start);
}

std::int64_t visio_id(soci::session& sql) {
  return invtest::scalar(sql, "SELECT id FROM licenses WHERE imported_name = 'Visio local'");
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_local_edit_shows_on_the_next_page_read) {
  invtest::on_each_backend([](invtest::database& db) {
    console_on console(with_tenant_and_reader(db));
    const auto id = std::to_string(visio_id(db.sql()));
    // Read twice: the second read is the kept set.
    BOOST_TEST(!shows(console.page("/licenses"), "Visio renamed"));
    BOOST_TEST(!shows(console.page("/licenses/" + id), "Visio renamed"));

    invhost::inventory::local_fields f;
    f.display_name = "Visio renamed";
    invhost::inventory::edit_local_fields(db.sql(), visio_id(db.sql()), f, "tester");
    BOOST_TEST(shows(console.page("/licenses"), "Visio renamed"));
    BOOST_TEST(shows(console.page("/licenses/" + id), "Visio renamed"));
    BOOST_TEST(shows(console.page("/licenses.csv"), "Visio renamed"));
  });
}

BOOST_AUTO_TEST_CASE(a_license_added_or_deleted_shows_on_the_next_page_read) {
  invtest::on_each_backend([](invtest::database& db) {
    console_on console(with_tenant_and_reader(db));
    BOOST_TEST(shows(console.page("/licenses.csv"), "Visio local"));
    // Deleting one license and adding another keeps the number of licenses.
    db.sql() << "DELETE FROM licenses WHERE imported_name = 'Visio local'";
    invhost::inventory::add_local_license(db.sql(), "Project local", "Named User", "USD");
    const auto csv = console.page("/licenses.csv");
    BOOST_TEST(!shows(csv, "Visio local"));
    // A license added after the reconciliation has no position on its date: not listed, yet the
    // set was rebuilt (the deleted one is gone).
  });
}

BOOST_AUTO_TEST_CASE(a_merge_shows_in_a_licenses_kept_users_on_the_next_read) {
  invtest::on_each_backend([](invtest::database& db) {
    console_on console(with_tenant_and_reader(db));
    const auto zoom = invtest::scalar(db.sql(), "SELECT id FROM licenses WHERE external_id = 'L1'");
    const std::string tab = "/licenses/" + std::to_string(zoom) + "/consumption";
    // Zoom Business has 12 consuming users (views_tenant.cpp). Read twice: the second read, and
    // the CSV, are the kept list.
    BOOST_TEST(shows(console.page(tab), "12 users consume this license"));
    BOOST_TEST(shows(console.page(tab), "12 users consume this license"));
    BOOST_TEST(!shows(console.page(tab + ".csv"), "z13@acme.test"));

    viewstest::merge_one_more_zoom_user(db.sql(), "z13@acme.test");
    BOOST_TEST(shows(console.page(tab), "13 users consume this license"));
    BOOST_TEST(shows(console.page(tab + ".csv"), "z13@acme.test"));
  });
}

BOOST_AUTO_TEST_CASE(the_overview_shows_a_deleted_license_on_the_next_read) {
  invtest::on_each_backend([](invtest::database& db) {
    console_on console(with_tenant_and_reader(db));
    // Active in USD: Zoom Business, Figma Org, Notion Plus and Visio local (views_tenant.cpp).
    // Read twice: the second read is the kept figures.
    BOOST_TEST(usd_active_licenses(console.page("/")) == "4");
    BOOST_TEST(usd_active_licenses(console.page("/")) == "4");
    db.sql() << "DELETE FROM licenses WHERE imported_name = 'Visio local'";
    BOOST_TEST(usd_active_licenses(console.page("/")) == "3");
  });
}

BOOST_AUTO_TEST_CASE(a_derived_value_is_built_once_per_key_and_a_bounded_number_are_kept) {
  const invhost::console::positions kept{invhost::views::license_set{}};
  int builds = 0;
  const std::function<int()> build = [&builds] { return ++builds; };
  const auto first = kept.derived<int>("a", build);
  BOOST_TEST(*first == 1);
  BOOST_TEST(kept.derived<int>("a", build).get() == first.get());
  BOOST_TEST(*kept.derived<int>("b", build) == 2);
  BOOST_TEST(builds == 2);
  // max_derived newer keys push "a" out: it is built again, and what a reader holds stays valid.
  for (std::size_t i = 0; i < invhost::console::positions::max_derived; ++i)
    kept.derived<int>("k" + std::to_string(i), build);
  const int before = builds;
  BOOST_TEST(*kept.derived<int>("a", build) == before + 1);
  BOOST_TEST(*first == 1);
}

BOOST_AUTO_TEST_CASE(the_cache_builds_once_per_version_and_keeps_a_bounded_number) {
  invhost::console::positions_cache cache(2);
  int builds = 0;
  const auto build = [&builds] {
    ++builds;
    return invhost::views::license_set{};
  };
  const auto a = cache.get(nullptr, "2024-06-15", 1, "v1", build);
  const auto b = cache.get(nullptr, "2024-06-15", 1, "v1", build);
  BOOST_TEST(builds == 1);
  BOOST_TEST(a.get() == b.get());
  cache.get(nullptr, "2024-06-15", 1, "v2", build);  // a write happened
  BOOST_TEST(builds == 2);
  cache.get(nullptr, "2024-06-16", 2, "v2", build);
  cache.get(nullptr, "2024-06-17", 3, "v2", build);  // pushes out 2024-06-15, the oldest
  BOOST_TEST(builds == 4);
  cache.get(nullptr, "2024-06-17", 3, "v2", build);
  BOOST_TEST(builds == 4);
  cache.get(nullptr, "2024-06-15", 1, "v2", build);
  BOOST_TEST(builds == 5);
}

BOOST_AUTO_TEST_CASE(applications_are_built_once_per_version_beside_the_set) {
  invhost::console::positions_cache cache(2);
  const auto build = [] { return invhost::views::license_set{}; };
  int builds = 0;
  const auto applications = [&builds](const invhost::views::license_set&) {
    ++builds;
    return std::vector<invhost::views::application_row>(1);
  };
  const auto& first = cache.get(nullptr, "2024-06-15", 1, "v1", build)->applications(applications);
  const auto& again = cache.get(nullptr, "2024-06-15", 1, "v1", build)->applications(applications);
  BOOST_TEST(builds == 1);
  BOOST_TEST(&first == &again);
  BOOST_TEST(again.size() == 1U);
  // A write happened: the applications are built again with the set.
  cache.get(nullptr, "2024-06-15", 1, "v2", build)->applications(applications);
  BOOST_TEST(builds == 2);
}

BOOST_AUTO_TEST_CASE(a_license_is_found_by_its_id_in_the_kept_set) {
  invhost::views::license_set set;
  for (const std::int64_t id : {7, 3, 9}) {
    invhost::views::license_row row;
    row.report["id"] = id;
    set.rows.push_back(row);
  }
  const invhost::console::positions kept(std::move(set));
  BOOST_TEST(kept.find(3) == &kept.set().rows[1]);
  BOOST_TEST(kept.find(9) == &kept.set().rows[2]);
  BOOST_TEST(kept.find(8) == nullptr);
}
