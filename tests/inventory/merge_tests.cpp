#include <boost/test/unit_test.hpp>
#include <chrono>
#include <invhost/inventory/merge.hpp>
#include <optional>
#include <thread>

#include "each_backend.hpp"
#include "staged_tenant.hpp"

using namespace invhost::inventory;
using invtest::database;
using invtest::scalar;
using invtest::text;

BOOST_AUTO_TEST_SUITE(merge)

BOOST_AUTO_TEST_CASE(matching_by_external_id_survives_a_rename) {
  invtest::on_each_backend([](database& db) {
    auto t = invtest::licenses_tenant(2);
    BOOST_TEST(to_string(merge_run(db.sql(), invtest::stage(db.sql(), "fsm", t)).status) ==
               "merged");
    const long long id = scalar(db.sql(), "SELECT id FROM licenses WHERE external_id = 'L1'");
    db.sql() << "UPDATE licenses SET display_name = 'Zoom from FSM' WHERE id = " +
                    std::to_string(id);
    t.licenses[0].name = "Zoom Enterprise";  // renamed at the source
    t.licenses[1].name = "License 1";        // another license takes the old name
    const auto r = merge_run(db.sql(), invtest::stage(db.sql(), "fsm", t));
    BOOST_TEST(r.licenses_updated == 2);
    BOOST_TEST(r.licenses_new == 0);
    BOOST_TEST(scalar(db.sql(), "SELECT COUNT(*) FROM licenses") == 2);
    BOOST_TEST(scalar(db.sql(), "SELECT id FROM licenses WHERE external_id = 'L1'") == id);
    BOOST_TEST(text(db.sql(), "SELECT imported_name FROM licenses WHERE external_id = 'L1'") ==
               "Zoom Enterprise");
    BOOST_TEST(text(db.sql(), "SELECT display_name FROM licenses WHERE external_id = 'L1'") ==
               "Zoom from FSM");
  });
}

BOOST_AUTO_TEST_CASE(same_external_id_on_two_connections_is_two_licenses) {
  invtest::on_each_backend([](database& db) {
    auto t = invtest::licenses_tenant(1);
    merge_run(db.sql(), invtest::stage(db.sql(), "fsm-eu", t));
    merge_run(db.sql(), invtest::stage(db.sql(), "fsm-us", t));
    BOOST_TEST(scalar(db.sql(), "SELECT COUNT(*) FROM licenses WHERE external_id = 'L1'") == 2);
  });
}

BOOST_AUTO_TEST_CASE(missing_license_is_retired_and_returns_when_it_reappears) {
  invtest::on_each_backend([](database& db) {
    auto t = invtest::licenses_tenant(5);
    merge_run(db.sql(), invtest::stage(db.sql(), "fsm", t));
    auto fewer = t;
    fewer.licenses.pop_back();
    fewer.terms.pop_back();
    const auto r = merge_run(db.sql(), invtest::stage(db.sql(), "fsm", fewer));
    BOOST_TEST(to_string(r.status) == "merged");
    BOOST_TEST(r.licenses_retired == 1);
    BOOST_TEST(text(db.sql(), "SELECT status FROM licenses WHERE external_id = 'L5'") == "retired");
    BOOST_TEST(text(db.sql(), "SELECT retired_reason FROM licenses WHERE external_id = 'L5'") ==
               "removed from source");
    BOOST_TEST(text(db.sql(), "SELECT retired_at FROM licenses WHERE external_id = 'L5'") !=
               "<null>");
    // Its last known term is kept with it.
    BOOST_TEST(scalar(db.sql(),
                      "SELECT COUNT(*) FROM entitlements WHERE license_external_id = "
                      "'L5'") == 1);
    const auto back = merge_run(db.sql(), invtest::stage(db.sql(), "fsm", t));
    BOOST_TEST(back.licenses_returned == 1);
    BOOST_TEST(text(db.sql(), "SELECT status FROM licenses WHERE external_id = 'L5'") == "active");
    BOOST_TEST(text(db.sql(), "SELECT retired_reason FROM licenses WHERE external_id = 'L5'") ==
               "<null>");
  });
}

BOOST_AUTO_TEST_CASE(guard_holds_a_mass_retirement_and_override_applies_it) {
  invtest::on_each_backend([](database& db) {
    auto t = invtest::licenses_tenant(20);
    merge_run(db.sql(), invtest::stage(db.sql(), "fsm", t));
    const std::string before = invtest::dump_inventory(db.sql());
    auto half = t;
    half.licenses.resize(10);
    half.terms.resize(10);
    const long long run = invtest::stage(db.sql(), "fsm", half);
    const auto held = merge_run(db.sql(), run);
    BOOST_TEST(to_string(held.status) == "held");
    BOOST_TEST(held.reason.find("10 of 20") != std::string::npos, held.reason);
    BOOST_TEST(invtest::dump_inventory(db.sql()) == before);
    BOOST_TEST(text(db.sql(), "SELECT merge_status FROM runs WHERE id = " + std::to_string(run)) ==
               "held");
    BOOST_TEST(text(db.sql(), "SELECT merge_reason FROM runs WHERE id = " + std::to_string(run))
                   .find("would retire") != std::string::npos);

    merge_options override;
    override.override_guard = true;
    const auto applied = merge_run(db.sql(), run, override);
    BOOST_TEST(to_string(applied.status) == "merged");
    BOOST_TEST(applied.licenses_retired == 10);
    BOOST_TEST(scalar(db.sql(), "SELECT COUNT(*) FROM licenses WHERE status = 'retired'") == 10);
  });
}

BOOST_AUTO_TEST_CASE(guard_needs_at_least_ten_and_more_than_thirty_percent) {
  invtest::on_each_backend([](database& db) {
    // 9 of 20 (45 %) is under the minimum count; 10 of 40 (25 %) is under the share.
    auto t = invtest::licenses_tenant(20);
    merge_run(db.sql(), invtest::stage(db.sql(), "a", t));
    auto less = t;
    less.licenses.resize(11);
    less.terms.resize(11);
    BOOST_TEST(to_string(merge_run(db.sql(), invtest::stage(db.sql(), "a", less)).status) ==
               "merged");
    auto forty = invtest::licenses_tenant(40);
    merge_run(db.sql(), invtest::stage(db.sql(), "b", forty));
    forty.licenses.resize(30);
    forty.terms.resize(30);
    BOOST_TEST(to_string(merge_run(db.sql(), invtest::stage(db.sql(), "b", forty)).status) ==
               "merged");
  });
}

BOOST_AUTO_TEST_CASE(guard_holds_a_stream_that_comes_back_empty) {
  invtest::on_each_backend([](database& db) {
    auto t = invtest::licenses_tenant(2);
    t.uses.push_back({"U1", "L1", "A1", "ann@acme.test", "2024-01-01T00:00:00Z", ""});
    merge_run(db.sql(), invtest::stage(db.sql(), "fsm", t));
    auto empty = t;
    empty.uses.clear();
    const long long run = invtest::stage(db.sql(), "fsm", empty);
    const auto held = merge_run(db.sql(), run);
    BOOST_TEST(to_string(held.status) == "held");
    BOOST_TEST(held.reason.find("consumption") != std::string::npos, held.reason);
    BOOST_TEST(scalar(db.sql(), "SELECT COUNT(*) FROM consumption") == 1);
    merge_options override;
    override.override_guard = true;
    BOOST_TEST(to_string(merge_run(db.sql(), run, override).status) == "merged");
    BOOST_TEST(scalar(db.sql(), "SELECT COUNT(*) FROM consumption") == 0);
  });
}

BOOST_AUTO_TEST_CASE(incomplete_run_merges_nothing) {
  invtest::on_each_backend([](database& db) {
    auto t = invtest::licenses_tenant(3);
    merge_run(db.sql(), invtest::stage(db.sql(), "fsm", t));
    const std::string before = invtest::dump_inventory(db.sql());
    auto partial = t;
    partial.licenses.resize(1);
    partial.licenses[0].name = "Renamed";
    partial.outcome = "incomplete";
    const long long run = invtest::stage(db.sql(), "fsm", partial);
    const auto r = merge_run(db.sql(), run);
    BOOST_TEST(to_string(r.status) == "skipped");
    BOOST_TEST(r.reason.find("incomplete") != std::string::npos, r.reason);
    BOOST_TEST(invtest::dump_inventory(db.sql()) == before);
    BOOST_TEST(text(db.sql(), "SELECT merge_status FROM runs WHERE id = " + std::to_string(run)) ==
               "skipped");
  });
}

BOOST_AUTO_TEST_CASE(absent_stream_leaves_its_data_as_it_was) {
  invtest::on_each_backend([](database& db) {
    auto t = invtest::licenses_tenant(1);
    t.uses.push_back({"U1", "L1", "A1", "ann@acme.test", "2024-01-01T00:00:00Z", ""});
    merge_run(db.sql(), invtest::stage(db.sql(), "fsm", t));
    auto no_usage = t;
    no_usage.uses.clear();
    no_usage.absent_streams = {"consumption", "accessing_users"};
    no_usage.terms[0].items = 25;
    BOOST_TEST(to_string(merge_run(db.sql(), invtest::stage(db.sql(), "fsm", no_usage)).status) ==
               "merged");
    BOOST_TEST(scalar(db.sql(), "SELECT COUNT(*) FROM consumption") == 1);
    BOOST_TEST(scalar(db.sql(), "SELECT COUNT(*) FROM accessing_users") == 1);
    BOOST_TEST(scalar(db.sql(), "SELECT items_allowed FROM entitlements") == 25);
  });
}

BOOST_AUTO_TEST_CASE(an_older_run_never_overwrites_a_newer_merge) {
  invtest::on_each_backend([](database& db) {
    auto t = invtest::licenses_tenant(1);
    const long long old_run = invtest::stage(db.sql(), "fsm", t);
    t.licenses[0].name = "Newer";
    merge_run(db.sql(), invtest::stage(db.sql(), "fsm", t));
    const auto r = merge_run(db.sql(), old_run);
    BOOST_TEST(to_string(r.status) == "skipped");
    BOOST_TEST(text(db.sql(), "SELECT imported_name FROM licenses") == "Newer");
    BOOST_TEST(to_string(merge_run(db.sql(), old_run + 1).status) == "skipped");  // already merged
  });
}

BOOST_AUTO_TEST_CASE(a_merge_drops_the_staging_of_older_runs_of_its_connection_only) {
  invtest::on_each_backend([](database& db) {
    const auto t = invtest::licenses_tenant(3);
    const long long first = invtest::stage(db.sql(), "fsm", t);
    merge_run(db.sql(), first);
    const long long other = invtest::stage(db.sql(), "fsm-us", t);  // another connection
    const long long second = invtest::stage(db.sql(), "fsm", t);
    const auto staged = [&](long long run) {
      return scalar(db.sql(),
                    "SELECT COUNT(*) FROM staged_licenses WHERE run_id = " + std::to_string(run)) +
             scalar(db.sql(), "SELECT COUNT(*) FROM staged_entitlements WHERE run_id = " +
                                  std::to_string(run));
    };
    BOOST_TEST_REQUIRE(staged(first) > 0);
    BOOST_TEST(to_string(merge_run(db.sql(), second).status) == "merged");
    BOOST_TEST(staged(first) == 0);  // can never be merged now: dropped
    BOOST_TEST(staged(second) > 0);  // the merged run keeps what the source last said
    BOOST_TEST(staged(other) > 0);   // another connection's run is not touched
    BOOST_TEST(scalar(db.sql(), "SELECT COUNT(*) FROM runs WHERE id = " + std::to_string(first)) ==
               1);  // the history stays
    BOOST_TEST(scalar(db.sql(), "SELECT COUNT(*) FROM run_streams WHERE run_id = " +
                                    std::to_string(first)) > 0);
  });
}

BOOST_AUTO_TEST_CASE(a_held_merge_drops_nothing) {
  invtest::on_each_backend([](database& db) {
    const auto t = invtest::licenses_tenant(20);
    const long long first = invtest::stage(db.sql(), "fsm", t);
    merge_run(db.sql(), first);
    auto fewer = t;
    fewer.licenses.resize(5);
    fewer.terms.resize(5);
    const long long second = invtest::stage(db.sql(), "fsm", fewer);
    BOOST_TEST(to_string(merge_run(db.sql(), second).status) == "held");
    BOOST_TEST(scalar(db.sql(), "SELECT COUNT(*) FROM staged_licenses WHERE run_id = " +
                                    std::to_string(first)) == 20);
  });
}

// The source re-keys a license while one of its terms keeps its id: the term follows its new
// license, the old one is retired without it, and later merges are not blocked.
BOOST_AUTO_TEST_CASE(a_term_that_moves_to_another_license_follows_it) {
  invtest::on_each_backend([](database& db) {
    auto t = invtest::licenses_tenant(3);
    merge_run(db.sql(), invtest::stage(db.sql(), "fsm", t));
    t.licenses[0].id = "L9";
    t.terms[0].license = "L9";
    t.terms[0].items = 25;
    for (int night = 0; night < 2; ++night) {
      BOOST_TEST_CONTEXT("night " << night) {
        const auto r = merge_run(db.sql(), invtest::stage(db.sql(), "fsm", t));
        BOOST_TEST(to_string(r.status) == "merged", r.reason);
        BOOST_TEST(text(db.sql(),
                        "SELECT license_external_id FROM entitlements WHERE "
                        "external_id = 'T1'") == "L9");
        BOOST_TEST(scalar(db.sql(),
                          "SELECT items_allowed FROM entitlements WHERE "
                          "external_id = 'T1'") == 25);
        BOOST_TEST(scalar(db.sql(), "SELECT COUNT(*) FROM entitlements") == 3);
        BOOST_TEST(scalar(db.sql(),
                          "SELECT COUNT(*) FROM entitlements WHERE "
                          "license_external_id = 'L1'") == 0);
        BOOST_TEST(text(db.sql(), "SELECT status FROM licenses WHERE external_id = 'L1'") ==
                   "retired");
      }
    }
  });
}

// A merge that fails leaves the inventory as it was and says so on the run: status, class and
// message, where `invhost runs` reads them.
BOOST_AUTO_TEST_CASE(a_failed_merge_is_recorded_on_its_run) {
  invtest::on_each_backend([](database& db) {
    const auto t = invtest::licenses_tenant(2);
    const auto run = invtest::stage(db.sql(), "fsm", t);
    merge_options options;
    options.on_step = [](std::string_view step) {
      if (step == "licenses") throw std::runtime_error("disk on fire");
    };
    BOOST_CHECK_THROW(merge_run(db.sql(), run, options), std::runtime_error);
    const std::string id = std::to_string(run);
    BOOST_TEST(scalar(db.sql(), "SELECT COUNT(*) FROM licenses") == 0);
    BOOST_TEST(text(db.sql(), "SELECT merge_status FROM runs WHERE id = " + id) == "failed");
    BOOST_TEST(text(db.sql(), "SELECT error_class FROM runs WHERE id = " + id) == "internal");
    BOOST_TEST(
        text(db.sql(), "SELECT error_message FROM runs WHERE id = " + id).find("disk on fire") !=
        std::string::npos);
    // A later attempt that succeeds clears the failure.
    const auto r = merge_run(db.sql(), run);
    BOOST_TEST(to_string(r.status) == "merged");
    BOOST_TEST(text(db.sql(), "SELECT error_class FROM runs WHERE id = " + id) == "<null>");
  });
}

// Two merges of the same run at once (two hosts on one PostgreSQL, or a manual `runs apply`
// racing the nightly): the checks are read inside the merge's transaction, after it holds the
// write lock, so the second sees the first's outcome and merges nothing twice.
BOOST_AUTO_TEST_CASE(merge_checks_are_read_inside_the_transaction) {
  invtest::on_each_backend([](database& db) {
    const auto run = invtest::stage(db.sql(), "fsm", invtest::licenses_tenant(3));
    std::optional<merge_result> second;
    std::string second_error;
    std::thread racer;
    auto other = invhost::store::open(db.connection_string());  // opened (and migrated) first
    merge_options options;
    options.on_step = [&](std::string_view step) {
      if (step != "licenses" || racer.joinable()) return;
      racer = std::thread([&] {
        try {
          second = merge_run(other->sql(), run);
        } catch (const std::exception& e) {
          second_error = e.what();
        }
      });
      // Time for the racer to read its checks while this merge is uncommitted.
      std::this_thread::sleep_for(std::chrono::milliseconds(500));
    };
    const auto first = merge_run(db.sql(), run, options);
    racer.join();
    BOOST_TEST(to_string(first.status) == "merged");
    BOOST_TEST(second_error.empty(), second_error);
    BOOST_REQUIRE(second.has_value());
    BOOST_TEST(to_string(second->status) == "skipped");
    BOOST_TEST(second->reason == "already merged");
    BOOST_TEST(scalar(db.sql(), "SELECT COUNT(*) FROM merged_streams WHERE run_id = " +
                                    std::to_string(run)) == 5);
  });
}

BOOST_AUTO_TEST_SUITE_END()
