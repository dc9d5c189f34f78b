// The license list on the hand-worked tenant (views_tenant.cpp): filters, sorts, pages, and its
// JSON and CSV renderings, on each backend.
#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <fstream>
#include <invhost/views/license_list.hpp>
#include <sstream>

#include "each_backend.hpp"
#include "views_tenant.hpp"

using namespace invhost::views;
using invtest::database;
using strings = std::vector<std::string>;

namespace {

license_query query(const std::string& text) {
  const auto p = parse_license_query(text);
  BOOST_REQUIRE(p.ok());
  return p.query;
}

strings selected(const license_set& set, const std::string& text) {
  return viewstest::names(filter_and_sort(set.rows, query(text)));
}

const license_row& row_named(const license_set& set, const std::string& name) {
  for (const auto& r : set.rows)
    if (r.report.at("name").as_string() == name) return r;
  throw std::runtime_error("no license " + name);
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const std::string hyperlink = "=HYPERLINK(\"http://x\")";

}  // namespace

BOOST_AUTO_TEST_SUITE(license_list_view)

BOOST_AUTO_TEST_CASE(rows_carry_utilisation_and_days_to_renewal) {
  invtest::on_each_backend([](database& db) {
    const auto set = viewstest::load(db.sql(), viewstest::build_inventory(db.sql()));
    BOOST_TEST(set.rows.size() == 8U);
    const auto& zoom = row_named(set, "Zoom Business");
    BOOST_TEST(*zoom.utilisation_percent == 120);
    BOOST_TEST(*zoom.renewal_date == "2024-07-01");
    BOOST_TEST(*zoom.days_to_renewal == 16);
    BOOST_TEST(*row_named(set, hyperlink).utilisation_percent == 40);
    BOOST_TEST(*row_named(set, hyperlink).days_to_renewal == 66);
    const auto& figma = row_named(set, "Figma Org");
    BOOST_TEST(*figma.utilisation_percent == 117);    // 7 of 6, rounded
    BOOST_TEST(*figma.renewal_date == "2024-09-10");  // the earlier of its two terms
    BOOST_TEST(*figma.days_to_renewal == 87);
    const auto& miro = row_named(set, "Miro Unlimited");
    BOOST_TEST(!miro.utilisation_percent.has_value());
    BOOST_TEST(!miro.days_to_renewal.has_value());
    BOOST_TEST(*row_named(set, "Notion Plus").days_to_renewal == 0);
    BOOST_TEST(*row_named(set, "Notion Plus").utilisation_percent == 10);
    BOOST_TEST(!row_named(set, "Notion Team").utilisation_percent.has_value());
    BOOST_TEST(*row_named(set, "Visio local").days_to_renewal == 30);
    BOOST_TEST(*row_named(set, "Visio local").utilisation_percent == 0);
  });
}

BOOST_AUTO_TEST_CASE(filters) {
  invtest::on_each_backend([](database& db) {
    const auto set = viewstest::load(db.sql(), viewstest::build_inventory(db.sql()));
    BOOST_TEST(selected(set, "status=retired") == strings{"Old tool"});
    BOOST_TEST(selected(set, "status=active").size() == 7U);
    BOOST_TEST(selected(set, "compliance=non-compliant") ==
               (strings{"Figma Org", "Zoom Business"}));
    BOOST_TEST(selected(set, "connection=local") == strings{"Visio local"});
    BOOST_TEST(selected(set, "connection=fsm").size() == 7U);
    BOOST_TEST(selected(set, "connection=nowhere").empty());
    BOOST_TEST(selected(set, "publisher=notion+labs") == (strings{"Notion Plus", "Notion Team"}));
    BOOST_TEST(selected(set, "publisher=Notion").empty());  // a publisher, not a part of one
    BOOST_TEST(selected(set, "q=FIGMA") == strings{"Figma Org"});
    BOOST_TEST(selected(set, "q=slack") == strings{hyperlink});       // its product
    BOOST_TEST(selected(set, "q=salesforce") == strings{hyperlink});  // its publisher
    BOOST_TEST(selected(set, "currency=EUR") == strings{hyperlink});
    BOOST_TEST(selected(set, "currency=none") == (strings{"Miro Unlimited", "Notion Team"}));
    BOOST_TEST(selected(set, "unused=yes") ==
               (strings{hyperlink, "Miro Unlimited", "Zoom Business"}));
    BOOST_TEST(selected(set, "renewal_within=16") == (strings{"Notion Plus", "Zoom Business"}));
    BOOST_TEST(selected(set, "renewal_within=0") == strings{"Notion Plus"});
    BOOST_TEST(selected(set, "status=active&currency=USD&compliance=non-compliant&q=zoom") ==
               strings{"Zoom Business"});
  });
}

BOOST_AUTO_TEST_CASE(sorts_with_missing_values_last) {
  invtest::on_each_backend([](database& db) {
    const auto set = viewstest::load(db.sql(), viewstest::build_inventory(db.sql()));
    // By name, ignoring case; '=' sorts before letters.
    BOOST_TEST(selected(set, "") ==
               (strings{hyperlink, "Figma Org", "Miro Unlimited", "Notion Plus", "Notion Team",
                        "Old tool", "Visio local", "Zoom Business"}));
    // Shortfall descending: 2, 1, then the zeros in the report's order (connection and
    // external id, local licenses last).
    BOOST_TEST(selected(set, "sort=-shortfall") ==
               (strings{"Zoom Business", "Figma Org", hyperlink, "Miro Unlimited", "Notion Plus",
                        "Notion Team", "Old tool", "Visio local"}));
    // Days to renewal: 0, 16, 30, 66, 87, then those without a renewal.
    BOOST_TEST(selected(set, "sort=days_to_renewal") ==
               (strings{"Notion Plus", "Zoom Business", "Visio local", hyperlink, "Figma Org",
                        "Miro Unlimited", "Notion Team", "Old tool"}));
    BOOST_TEST(selected(set, "sort=-days_to_renewal") ==
               (strings{"Figma Org", hyperlink, "Visio local", "Zoom Business", "Notion Plus",
                        "Miro Unlimited", "Notion Team", "Old tool"}));
    // Entitled: unlimited above every number, descending first.
    BOOST_TEST(selected(set, "sort=-entitled&status=active") ==
               (strings{"Miro Unlimited", "Zoom Business", "Notion Plus", "Visio local",
                        "Figma Org", hyperlink, "Notion Team"}));
    // Money compares by amount, not as text ("120.00" > "25.00" > "12.00" > "10.00").
    BOOST_TEST(selected(set, "sort=-per_user_cost&currency=USD") ==
               (strings{"Visio local", "Figma Org", "Notion Plus", "Zoom Business", "Old tool"}));
    BOOST_TEST(selected(set, "sort=-utilisation&status=active") ==
               (strings{"Zoom Business", "Figma Org", hyperlink, "Notion Plus", "Visio local",
                        "Miro Unlimited", "Notion Team"}));
  });
}

BOOST_AUTO_TEST_CASE(a_selection_points_into_the_set_in_the_copies_order) {
  invtest::on_each_backend([](database& db) {
    const auto set = viewstest::load(db.sql(), viewstest::build_inventory(db.sql()));
    const auto q = query("sort=-shortfall&status=active");
    const auto pointers = select_rows(set.rows, q);
    const auto copies = filter_and_sort(set.rows, q);
    BOOST_REQUIRE(pointers.size() == copies.size());
    BOOST_REQUIRE(!pointers.empty());
    for (std::size_t i = 0; i < pointers.size(); ++i) {
      // Into the set itself, not into a copy of it.
      BOOST_TEST(
          (pointers[i] >= set.rows.data() && pointers[i] < set.rows.data() + set.rows.size()));
      BOOST_TEST(pointers[i]->report == copies[i].report);
    }
  });
}

BOOST_AUTO_TEST_CASE(pages) {
  invtest::on_each_backend([](database& db) {
    const auto set = viewstest::load(db.sql(), viewstest::build_inventory(db.sql()));
    auto page = license_list(set, query("per_page=3"));
    BOOST_TEST(page.total == 8);
    BOOST_TEST(page.pages == 3);
    BOOST_TEST(viewstest::names(page.rows) == (strings{hyperlink, "Figma Org", "Miro Unlimited"}));
    page = license_list(set, query("per_page=3&page=3"));
    BOOST_TEST(viewstest::names(page.rows) == (strings{"Visio local", "Zoom Business"}));
    page = license_list(set, query("per_page=3&page=4"));
    BOOST_TEST(page.rows.empty());
    BOOST_TEST(page.total == 8);
    page = license_list(set, query("per_page=8"));
    BOOST_TEST(page.pages == 1);
    BOOST_TEST(page.rows.size() == 8U);
    page = license_list(set, query("status=retired&per_page=1&page=1"));
    BOOST_TEST(page.total == 1);
    BOOST_TEST(page.pages == 1);
    page = license_list(set, query("q=nothing+like+it"));
    BOOST_TEST(page.total == 0);
    BOOST_TEST(page.pages == 0);
    BOOST_TEST(page.rows.empty());
  });
}

BOOST_AUTO_TEST_CASE(json_is_the_report_cut_to_the_filter_with_its_totals) {
  invtest::on_each_backend([](database& db) {
    const auto set = viewstest::load(db.sql(), viewstest::build_inventory(db.sql()));
    const auto json = license_list_json(set, query("compliance=non-compliant&sort=-shortfall"));
    const auto& licenses = json.at("licenses").as_array();
    BOOST_REQUIRE(licenses.size() == 2U);
    BOOST_TEST(licenses[0].at("name").as_string() == "Zoom Business");
    BOOST_TEST(licenses[0].at("days_to_renewal").as_int64() == 16);
    BOOST_TEST(licenses[0].at("utilisation_percent").as_int64() == 120);
    BOOST_TEST(json.at("as_of").as_string() == viewstest::D);
    // Zoom: unused 3 x 10.00, true-up 2 x 10.00; Figma: unused 0, true-up 1 x 25.00.
    const auto& usd = json.at("totals").at("USD");
    BOOST_TEST(usd.at("licenses").as_int64() == 2);
    BOOST_TEST(usd.at("unused_cost").as_string() == "30.00");
    BOOST_TEST(usd.at("true_up_cost").as_string() == "45.00");
    BOOST_TEST(json.at("totals").as_object().size() == 1U);
    BOOST_TEST(json.at("summary").at("active_licenses").as_int64() == 2);
    BOOST_TEST(json.at("summary").at("retired_licenses").as_int64() == 0);
    BOOST_TEST(json.at("summary").at("non_compliant").as_int64() == 2);
    // Unfiltered, the retired license is listed and in no total.
    const auto all = license_list_json(set, query(""));
    BOOST_TEST(all.at("licenses").as_array().size() == 8U);
    BOOST_TEST(all.at("summary").at("retired_licenses").as_int64() == 1);
    BOOST_TEST(all.at("totals").at("USD").at("licenses").as_int64() == 4);
    BOOST_TEST(all.at("totals").at("EUR").at("unused_cost").as_string() == "4.00");

    // Both renderings pass the report's public contract checker.
    for (const std::string text : {"", "compliance=non-compliant", "currency=none", "q=notion"}) {
      const auto file = db.dir() / "list.json";
      std::ofstream(file) << boost::json::serialize(license_list_json(set, query(text)));
      const std::string cmd = "python3 '" CHECK_REPORT_SCRIPT "' < '" + file.string() + "' > '" +
                              (db.dir() / "check.txt").string() + "' 2>&1";
      BOOST_TEST(std::system(cmd.c_str()) == 0, text << ": " << read_file(db.dir() / "check.txt"));
    }
  });
}

BOOST_AUTO_TEST_CASE(csv_is_the_whole_selection_with_formulas_neutralised) {
  invtest::on_each_backend([](database& db) {
    const auto set = viewstest::load(db.sql(), viewstest::build_inventory(db.sql()));
    // per_page does not cut the CSV: it exports every selected license.
    const std::string csv = license_list_csv(set, query("per_page=1&status=active"));
    std::istringstream lines(csv);
    std::string header;
    std::getline(lines, header);
    BOOST_TEST(header.rfind("id,connection,external_id,name,", 0) == 0U);
    BOOST_TEST(header.find(",utilisation_percent,renewal_date,days_to_renewal,stale\r") !=
               std::string::npos);
    int rows = 0;
    for (std::string line; std::getline(lines, line);) {
      ++rows;
      // No cell starts a formula: after a separator (or at the start) never a bare '='.
      BOOST_TEST(line.find(",=") == std::string::npos, line);
      BOOST_TEST(line.find(",\"=") == std::string::npos, line);
    }
    BOOST_TEST(rows == 7);
    BOOST_TEST(csv.find(",\"'=HYPERLINK(\"\"http://x\"\")\",") != std::string::npos, csv);
    BOOST_TEST(csv.find(",120,2024-07-01,16,false\r\n") != std::string::npos, csv);
  });
}

BOOST_AUTO_TEST_SUITE_END()
