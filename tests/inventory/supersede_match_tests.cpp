// Matching legacy licenses to FSM replacements, on licenses written by hand. Every expectation
// is worked out from the rules in docs/switching-to-fsm.md ("How a replacement is proposed").
#include <boost/test/unit_test.hpp>
#include <invhost/inventory/supersede_match.hpp>

using namespace invhost::inventory;

namespace {

match_license lic(const std::string& connection, const std::string& name,
                  std::vector<std::string> publishers, std::vector<std::string> products,
                  std::vector<std::string> skus) {
  match_license l;
  l.connection = connection;
  l.name = name;
  l.publishers = std::move(publishers);
  l.products = std::move(products);
  l.skus = std::move(skus);
  return l;
}

const std::vector<match_license> legacy{
    lic("m365", "Microsoft 365 E3", {"Microsoft"}, {"Microsoft 365 E3"}, {"SPE_E3"}),
    lic("m365", "Visio Plan 2", {"Microsoft"}, {"Visio Plan 2"}, {"VISIOCLIENT"}),
    lic("m365", "Power BI Pro", {"Microsoft"}, {"Power BI Pro"}, {"POWER_BI_PRO"}),
    lic("m365", "Microsoft Teams Exploratory", {"Microsoft"}, {"Microsoft Teams Exploratory"},
        {"TEAMS_EXPLORATORY"}),
    lic("sf", "Salesforce Salesforce", {"Salesforce"}, {"Salesforce Salesforce"}, {""}),
    lic("sf", "Salesforce Chatter Free", {"Salesforce"}, {"Salesforce Chatter Free"}, {""}),
};

const std::vector<match_license> fsm{
    lic("fsm", "Microsoft 365 E3 Enterprise Agreement", {"Microsoft"},
        {"Microsoft Office 365", "Microsoft 365 Apps for enterprise"},
        {"SPE_E3", "SPE_E3_RES", "SPE_E5", "VISIOCLIENT"}),
    lic("fsm", "Visio agreement", {"Microsoft"}, {"Visio Plan 2"}, {"VISIO-FSM"}),
    lic("fsm", "Power BI Pro seats", {"Microsoft Corporation"}, {"power bi  pro"}, {""}),
    lic("fsm", "Power BI Pro second", {"Microsoft"}, {"Power BI Pro"}, {}),
    lic("fsm", "Salesforce Chatter Free contract", {"Salesforce"}, {"Chatter"}, {}),
};

// The proposed FSM license's index, or "none".
std::string fsm_of(const match_proposal& p) {
  return p.fsm ? std::to_string(*p.fsm) : "none";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(supersede_match)

BOOST_AUTO_TEST_CASE(names_are_compared_without_case_spaces_or_punctuation) {
  BOOST_TEST(normalise_name("  Visio  Plan-2 ") == "visio plan 2");
  BOOST_TEST(normalise_name("SPE_E3") == normalise_name("spe e3"));
  BOOST_TEST(normalise_name("Zoom (Business).") == "zoom business");
  BOOST_TEST(same_publisher("Microsoft Corporation", "microsoft"));
  BOOST_TEST(same_publisher("Salesforce, Inc.", "Salesforce"));
  BOOST_TEST(!same_publisher("Microsoftware", "Microsoft"));
  BOOST_TEST(!same_publisher("", ""));
}

// Worked out by hand:
//   E3 -> EA: SPE_E3 on both (high).
//   Visio -> EA too: VISIOCLIENT is on the EA (high), stronger than the Visio agreement's same
//     product (medium); two legacy licenses share the EA because their SKUs say so.
//   Power BI -> "seats": both FSM licenses have its publisher and product (medium); words in
//     common are equal (2x3/(3+4) each), so the first in order.
//   Teams Exploratory: nothing shares its SKU or product; with the EA its words share only
//     "microsoft" (2x1/(3+7) = 0.2 < 0.5): unmatched.
//   Salesforce: words {salesforce} against {salesforce, chatter, free, contract}: 2x1/5 = 0.4:
//     unmatched.
//   Chatter Free: product "Salesforce Chatter Free" is not "Chatter"; words 2x3/(3+4) = 86 %:
//     low.
BOOST_AUTO_TEST_CASE(proposals_follow_the_strongest_evidence) {
  const auto p = propose_matches(legacy, fsm);
  BOOST_REQUIRE(p.size() == 6U);
  BOOST_TEST(fsm_of(p[0]) == "0");
  BOOST_TEST(to_string(*p[0].confidence) == "high");
  BOOST_TEST(p[0].reason == "SKU SPE_E3 on both");
  BOOST_TEST(fsm_of(p[1]) == "0");
  BOOST_TEST(to_string(*p[1].confidence) == "high");
  BOOST_TEST(p[1].reason == "SKU VISIOCLIENT on both");
  BOOST_TEST(fsm_of(p[2]) == "2");
  BOOST_TEST(to_string(*p[2].confidence) == "medium");
  BOOST_TEST(p[2].reason == "same publisher (Microsoft) and product (Power BI Pro)");
  BOOST_TEST(fsm_of(p[3]) == "none");
  BOOST_TEST(!p[3].confidence.has_value());
  BOOST_TEST(p[3].reason.starts_with("unmatched: no FSM license"), p[3].reason);
  BOOST_TEST(fsm_of(p[4]) == "none");
  BOOST_TEST(fsm_of(p[5]) == "4");
  BOOST_TEST(to_string(*p[5].confidence) == "low");
  BOOST_TEST(p[5].reason == "similar names only (86 % of words in common)");
}

// Without SKUs an FSM license goes to one legacy license per connection: the closer name first;
// the other is unmatched and says why. A legacy license of another connection (an older
// connector importing the same product) gets it too.
BOOST_AUTO_TEST_CASE(an_fsm_license_replaces_one_legacy_license_per_connection) {
  const std::vector<match_license> old{
      lic("m365", "Visio Plan 2 (extra)", {"Microsoft"}, {"Visio Plan 2"}, {}),
      lic("m365", "Visio Plan 2", {"Microsoft"}, {"Visio Plan 2"}, {}),
      lic("o365", "Visio Plan 2", {"Microsoft"}, {"Visio Plan 2"}, {}),
  };
  const std::vector<match_license> repl{
      lic("fsm", "Visio Plan 2", {"Microsoft"}, {"Visio Plan 2"}, {}),
  };
  const auto p = propose_matches(old, repl);
  // Words: "visio plan 2" on both sides (1.0) beats "visio plan 2 extra" (2x3/(4+3) = 0.86).
  BOOST_TEST(fsm_of(p[0]) == "none");
  BOOST_TEST(p[0].reason == "unmatched: its candidates are proposed for other licenses of m365");
  BOOST_TEST(fsm_of(p[1]) == "0");
  BOOST_TEST(fsm_of(p[2]) == "0");
  BOOST_TEST(to_string(*p[2].confidence) == "medium");
}

// A person's choices stand: Teams goes to the Visio agreement by hand, E3 to nothing, and the
// rest are proposed as before.
BOOST_AUTO_TEST_CASE(a_choice_set_by_hand_stands) {
  const auto p = propose_matches(legacy, fsm, {{3, 1}, {0, std::nullopt}});
  BOOST_TEST(fsm_of(p[3]) == "1");
  BOOST_TEST(to_string(*p[3].confidence) == "manual");
  BOOST_TEST(p[3].reason == "set by hand");
  BOOST_TEST(fsm_of(p[0]) == "none");
  BOOST_TEST(p[0].reason == "no replacement, set by hand");
  BOOST_TEST(fsm_of(p[1]) == "0");
  BOOST_TEST(fsm_of(p[2]) == "2");
}

BOOST_AUTO_TEST_SUITE_END()
