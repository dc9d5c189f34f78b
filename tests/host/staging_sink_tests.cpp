// The staging sink on both backends: protocol, mapping, dedup, bounds, database failure.
#include <boost/test/unit_test.hpp>
#include <cstring>
#include <invhost/run_history.hpp>
#include <invhost/staging_sink.hpp>
#include <invsdk/record_kinds.hpp>
#include <set>
#include <vector>

#include "backends.hpp"
#include "staging/staging_tables.hpp"

using namespace invhost;

namespace {

invsdk_str s(const char* t) {
  return invsdk_str{t, std::strlen(t)};
}

// Calls through the C function pointers, as an adapter would, and releases any error once.
struct sink_caller {
  const invsdk_sink* sink;
  std::string last_message;

  invsdk_status finish(invsdk_status st, invsdk_error& e) {
    last_message = e.message != nullptr ? e.message : "";
    if (e.release != nullptr) e.release(&e);
    return st;
  }
  invsdk_status begin(invsdk_stream_kind k) {
    invsdk_error e{};
    return finish(sink->begin_stream(sink->host_data, k, &e), e);
  }
  template <typename R>
  invsdk_status emit(invsdk_stream_kind k, const std::vector<R>& records) {
    invsdk_error e{};
    return finish(sink->emit(sink->host_data, k, records.data(), records.size(), sizeof(R), &e), e);
  }
  invsdk_status end(invsdk_stream_kind k, bool complete = true, const char* why = "") {
    invsdk_error e{};
    return finish(
        sink->end_stream(sink->host_data, k,
                         complete ? INVSDK_STREAM_COMPLETE : INVSDK_STREAM_INCOMPLETE, s(why), &e),
        e);
  }
};

template <typename R>
R record() {
  R r{};
  r.struct_size = sizeof(R);
  return r;
}

invsdk_accessing_user user(const char* id, const char* first) {
  auto u = record<invsdk_accessing_user>();
  u.external_id = s(id);
  u.first_name = s(first);
  return u;
}

long long count(store& db, const std::string& table, int64_t run) {
  long long n = 0;
  const long long r = run;
  db.sql() << "SELECT COUNT(*) FROM " + table + " WHERE run_id = :r", soci::use(r), soci::into(n);
  return n;
}

// The columns of a table as the schema (the migrations) made it.
std::set<std::string> table_columns(store& db, const std::string& table) {
  std::set<std::string> out;
  if (db.backend() == db_backend::sqlite) {
    soci::rowset<soci::row> rows = (db.sql().prepare << "PRAGMA table_info(" + table + ")");
    for (const auto& r : rows) out.insert(r.get<std::string>(1));
  } else {
    soci::rowset<std::string> rows =
        (db.sql().prepare << "SELECT column_name FROM information_schema.columns WHERE "
                             "table_schema = current_schema() AND table_name = :t",
         soci::use(table));
    for (const auto& name : rows) out.insert(name);
  }
  return out;
}

// Collects the staging column of each single-value member; a list has its own table.
struct column_collector {
  const detail::staging_table& table;
  std::set<std::string>& out;
  template <typename Kind, typename Member>
  void operator()(std::string_view name, Kind /*kind*/, const Member& /*member*/) {
    out.insert(std::string(table.column_of(name)));
  }
  template <typename Items, typename Count>
  void list(std::string_view /*name*/, const Items& /*items*/, const Count& /*count*/) {}
};

// The columns a record kind's description gives its staging table.
template <typename Record>
std::set<std::string> described_columns() {
  const auto& table = detail::staging_table_of<Record>();
  std::set<std::string> out = {"run_id", "connection", "origin_page", "origin_record"};
  const Record r{};
  invsdk::visit_fields(r, column_collector{table, out});
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(staging)

// Staging rows are built from the record descriptions; the schema is written by hand in the
// migrations. They must agree column for column on both backends.
BOOST_AUTO_TEST_CASE(each_staging_table_has_exactly_the_columns_of_its_record_description) {
  test::on_each_backend([](store& db) {
    for (invsdk_stream_kind k = 1; k <= INVSDK_STREAM_KIND_COUNT; ++k) {
      invsdk::with_record_type(k, [&](auto tag) {
        using record = decltype(tag);
        const auto& table = detail::staging_table_of<record>();
        BOOST_TEST_CONTEXT(table.table) {
          BOOST_TEST(table_columns(db, std::string(table.table)) == described_columns<record>(),
                     boost::test_tools::per_element());
          if (!table.list_table.empty()) {
            const std::set<std::string> list_columns = {"run_id", "connection",
                                                        std::string(table.list_owner_column),
                                                        std::string(table.list_item_column)};
            BOOST_TEST(table_columns(db, std::string(table.list_table)) == list_columns,
                       boost::test_tools::per_element());
          }
        }
      });
    }
  });
}

BOOST_AUTO_TEST_CASE(protocol_rules) {
  test::on_each_backend([](store& db) {
    const int64_t run = begin_run(db, "c", "a", "1.0.0");
    staging_sink sink(db, run, "c");
    sink_caller call{sink.c_sink(), {}};
    const std::vector<invsdk_accessing_user> one{user("a@x", "A")};
    BOOST_TEST(call.emit(INVSDK_STREAM_ACCESSING_USERS, one) ==
               INVSDK_STATUS_INVALID_ARGUMENT);  // not begun
    BOOST_TEST(call.begin(9) == INVSDK_STATUS_INVALID_ARGUMENT);
    BOOST_TEST(call.last_message.find("unknown stream kind 9") != std::string::npos);
    BOOST_TEST(call.begin(INVSDK_STREAM_ACCESSING_USERS) == INVSDK_STATUS_OK);
    BOOST_TEST(call.begin(INVSDK_STREAM_ACCESSING_USERS) ==
               INVSDK_STATUS_INVALID_ARGUMENT);  // twice
    BOOST_TEST(call.emit(INVSDK_STREAM_ACCESSING_USERS, one) == INVSDK_STATUS_OK);
    BOOST_TEST(call.end(INVSDK_STREAM_ACCESSING_USERS) == INVSDK_STATUS_OK);
    BOOST_TEST(call.end(INVSDK_STREAM_ACCESSING_USERS) == INVSDK_STATUS_INVALID_ARGUMENT);  // twice
    BOOST_TEST(call.emit(INVSDK_STREAM_ACCESSING_USERS, one) ==
               INVSDK_STATUS_INVALID_ARGUMENT);  // after end
  });
}

BOOST_AUTO_TEST_CASE(identical_repeats_are_dropped) {
  // An external id appears once per stream of a run; a repeat with the same content is dropped,
  // in the same batch and across batches.
  test::on_each_backend([](store& db) {
    const int64_t run = begin_run(db, "c", "a", "1.0.0");
    staging_sink sink(db, run, "c");
    sink_caller call{sink.c_sink(), {}};
    BOOST_TEST(call.begin(INVSDK_STREAM_ACCESSING_USERS) == INVSDK_STATUS_OK);
    BOOST_TEST(call.emit(INVSDK_STREAM_ACCESSING_USERS,
                         std::vector{user("a@x", "A"), user("b@x", "B"), user("a@x", "A")}) ==
               INVSDK_STATUS_OK);
    BOOST_TEST(call.emit(INVSDK_STREAM_ACCESSING_USERS, std::vector{user("b@x", "B")}) ==
               INVSDK_STATUS_OK);
    BOOST_TEST(call.end(INVSDK_STREAM_ACCESSING_USERS) == INVSDK_STATUS_OK, call.last_message);
    BOOST_TEST(count(db, "staged_accessing_users", run) == 2);
    long long records = 0, pages = 0;
    std::string completeness;
    const long long r = run;
    db.sql() << "SELECT records, pages, completeness FROM run_streams WHERE run_id = :r AND kind = "
                "'accessing_users'",
        soci::use(r), soci::into(records), soci::into(pages), soci::into(completeness);
    BOOST_TEST(records == 4);
    BOOST_TEST(pages == 2);
    BOOST_TEST(completeness == "complete");
  });
}

BOOST_AUTO_TEST_CASE(a_differing_repeat_is_a_data_error_naming_both_positions) {
  test::on_each_backend([](store& db) {
    const int64_t run = begin_run(db, "c", "a", "1.0.0");
    staging_sink sink(db, run, "c");
    sink_caller call{sink.c_sink(), {}};
    BOOST_TEST(call.begin(INVSDK_STREAM_ACCESSING_USERS) == INVSDK_STATUS_OK);
    BOOST_TEST(call.emit(INVSDK_STREAM_ACCESSING_USERS,
                         std::vector{user("b@x", "B"), user("a@x", "A1")}) == INVSDK_STATUS_OK);
    BOOST_TEST(call.emit(INVSDK_STREAM_ACCESSING_USERS,
                         std::vector{user("c@x", "C"), user("d@x", "D"), user("a@x", "A2")}) ==
               INVSDK_STATUS_DATA);
    BOOST_TEST(call.last_message ==
                   "accessing_users: id a@x at record 2 of page 1 and record 3 of page 2 differ "
                   "(first_name)",
               call.last_message);
    // Within one batch.
    BOOST_TEST(call.emit(INVSDK_STREAM_ACCESSING_USERS,
                         std::vector{user("e@x", "E1"), user("e@x", "E2")}) == INVSDK_STATUS_DATA);
    BOOST_TEST(call.last_message ==
                   "accessing_users: id e@x at record 1 of page 3 and record 2 of page 3 differ "
                   "(first_name)",
               call.last_message);
    // Nothing of a refused batch stays.
    std::string first;
    db.sql() << "SELECT first_name FROM staged_accessing_users WHERE external_id = 'a@x'",
        soci::into(first);
    BOOST_TEST(first == "A1");
    BOOST_TEST(count(db, "staged_accessing_users", run) == 2);  // b@x and a@x
  });
}

BOOST_AUTO_TEST_CASE(differing_repeats_of_every_kind_are_refused) {
  test::on_each_backend([](store& db) {
    const int64_t run = begin_run(db, "c", "a", "1.0.0");
    staging_sink sink(db, run, "c");
    sink_caller call{sink.c_sink(), {}};
    for (invsdk_stream_kind k = 1; k <= INVSDK_STREAM_KIND_COUNT; ++k)
      BOOST_TEST(call.begin(k) == INVSDK_STATUS_OK);

    // A license repeated with another name, and one repeated with another application list.
    const invsdk_str apps_a[] = {s("app-1")};
    const invsdk_str apps_b[] = {s("app-1"), s("app-2")};
    auto lic = record<invsdk_license>();
    lic.external_id = s("L-7");
    lic.name = s("Slack");
    lic.application_ids = apps_a;
    lic.application_count = 1;
    auto renamed = lic;
    renamed.name = s("Zoom");
    auto more_apps = lic;
    more_apps.application_ids = apps_b;
    more_apps.application_count = 2;
    BOOST_TEST(call.emit(INVSDK_STREAM_LICENSES, std::vector{lic, lic}) == INVSDK_STATUS_OK,
               call.last_message);
    BOOST_TEST(call.emit(INVSDK_STREAM_LICENSES, std::vector{renamed}) == INVSDK_STATUS_DATA);
    BOOST_TEST(call.last_message ==
                   "licenses: id L-7 at record 1 of page 1 and record 1 of page 2 differ (name)",
               call.last_message);
    BOOST_TEST(call.emit(INVSDK_STREAM_LICENSES, std::vector{more_apps}) == INVSDK_STATUS_DATA);
    BOOST_TEST(call.last_message ==
                   "licenses: id L-7 at record 1 of page 1 and record 1 of page 3 differ "
                   "(application_ids)",
               call.last_message);
    BOOST_TEST(count(db, "staged_license_applications", run) == 1);
    auto other = lic;  // the same lists in one batch: the first occurrence is in this batch too
    other.external_id = s("L-8");
    auto other_more = other;
    other_more.application_ids = apps_b;
    other_more.application_count = 2;
    BOOST_TEST(call.emit(INVSDK_STREAM_LICENSES, std::vector{other, other_more}) ==
               INVSDK_STATUS_DATA);
    BOOST_TEST(call.last_message ==
                   "licenses: id L-8 at record 1 of page 4 and record 2 of page 4 differ "
                   "(application_ids)",
               call.last_message);

    // A term listed under two licenses, or with another quantity.
    auto term = record<invsdk_entitlement>();
    term.external_id = s("T-1");
    term.license_external_id = s("L-7");
    term.items_allowed = 10;
    auto moved = term;
    moved.license_external_id = s("L-9");
    auto bigger = term;
    bigger.items_allowed = 999;
    BOOST_TEST(call.emit(INVSDK_STREAM_ENTITLEMENTS, std::vector{term}) == INVSDK_STATUS_OK);
    BOOST_TEST(call.emit(INVSDK_STREAM_ENTITLEMENTS, std::vector{term, bigger}) ==
               INVSDK_STATUS_DATA);
    BOOST_TEST(call.last_message ==
                   "entitlements: id T-1 at record 1 of page 1 and record 2 of page 2 differ "
                   "(items_allowed)",
               call.last_message);
    BOOST_TEST(call.emit(INVSDK_STREAM_ENTITLEMENTS, std::vector{moved}) == INVSDK_STATUS_DATA);
    BOOST_TEST(call.last_message.find("id T-1 at record 1 of page 1") != std::string::npos,
               call.last_message);

    auto app = record<invsdk_application>();
    app.external_id = s("app-1");
    app.is_active = INVSDK_TRUE;
    auto inactive = app;
    inactive.is_active = INVSDK_UNKNOWN;
    BOOST_TEST(call.emit(INVSDK_STREAM_APPLICATIONS, std::vector{app, inactive}) ==
               INVSDK_STATUS_DATA);
    BOOST_TEST(call.last_message ==
                   "applications: id app-1 at record 1 of page 1 and record 2 of page 1 differ "
                   "(is_active)",
               call.last_message);

    // Consumption is keyed by the app user and the license it consumes: the same app user
    // consuming two licenses is two records, not a repeat.
    auto use = record<invsdk_consumption>();
    use.external_id = s("au-1");
    use.license_external_id = s("L-7");
    use.accessing_user_external_id = s("a@x");
    use.last_activity_at = s("2026-01-01T00:00:00Z");
    auto second_license = use;
    second_license.license_external_id = s("L-8");
    auto later = use;
    later.last_activity_at = s("2026-02-01T00:00:00Z");
    BOOST_TEST(call.emit(INVSDK_STREAM_CONSUMPTION, std::vector{use, second_license, use}) ==
               INVSDK_STATUS_OK);
    BOOST_TEST(count(db, "staged_consumption", run) == 2);
    BOOST_TEST(call.emit(INVSDK_STREAM_CONSUMPTION, std::vector{later}) == INVSDK_STATUS_DATA);
    BOOST_TEST(call.last_message ==
                   "consumption: id au-1 (license L-7) at record 1 of page 1 and record 1 of page "
                   "2 differ "
                   "(last_activity_at)",
               call.last_message);
  });
}

BOOST_AUTO_TEST_CASE(awkward_text_and_a_large_batch_stored_exactly) {
  // The PostgreSQL path sends each column as one array literal: quoting must not leak.
  const std::vector<std::string> awkward = {"",          "NULL",
                                            "a,b",       "{x}",
                                            "q\"uote",   "back\\slash",
                                            "tab\there", "line\nbreak",
                                            " spaced ",  "Åsa Øberg — 東京",
                                            "'single'"};
  test::on_each_backend([&](store& db) {
    const int64_t run = begin_run(db, "c", "a", "1.0.0");
    staging_sink sink(db, run, "c");
    sink_caller call{sink.c_sink(), {}};
    std::vector<std::string> ids;
    for (std::size_t i = 0; i < 2500; ++i) ids.push_back("user-" + std::to_string(i));
    std::vector<invsdk_accessing_user> users;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      auto u = user(ids[i].c_str(), awkward[i % awkward.size()].c_str());
      u.first_name.size = awkward[i % awkward.size()].size();
      users.push_back(u);
    }
    BOOST_TEST(call.begin(INVSDK_STREAM_ACCESSING_USERS) == INVSDK_STATUS_OK);
    BOOST_TEST(call.emit(INVSDK_STREAM_ACCESSING_USERS, users) == INVSDK_STATUS_OK);
    BOOST_TEST(call.end(INVSDK_STREAM_ACCESSING_USERS) == INVSDK_STATUS_OK);
    BOOST_TEST(count(db, "staged_accessing_users", run) == 2500);
    for (std::size_t i = 0; i < awkward.size(); ++i) {
      std::string first;
      soci::indicator ind = soci::i_ok;
      db.sql() << "SELECT first_name FROM staged_accessing_users WHERE external_id = :e",
          soci::use(ids[i]), soci::into(first, ind);
      BOOST_TEST(ind == soci::i_ok);
      BOOST_TEST(first == awkward[i]);
    }
  });
}

BOOST_AUTO_TEST_CASE(types_tristates_and_license_applications_mapped) {
  test::on_each_backend([](store& db) {
    const int64_t run = begin_run(db, "c", "a", "1.0.0");
    staging_sink sink(db, run, "c");
    sink_caller call{sink.c_sink(), {}};
    const invsdk_str apps[] = {s("app-1"), s("app-2")};
    auto lic = record<invsdk_license>();
    lic.external_id = s("lic-1");
    lic.type = INVSDK_LICENSE_TYPE_NAMED_USER;
    lic.application_ids = apps;
    lic.application_count = 2;
    auto ent = record<invsdk_entitlement>();
    ent.external_id = s("t-1");
    ent.license_external_id = s("lic-1");
    ent.term_type = INVSDK_TERM_TYPE_PER_LOCATION;
    ent.items_allowed = 7;
    ent.is_unlimited = INVSDK_FALSE;
    ent.is_active = INVSDK_TRUE;
    auto app = record<invsdk_application>();
    app.external_id = s("app-1");
    BOOST_TEST(call.begin(INVSDK_STREAM_LICENSES) == INVSDK_STATUS_OK);
    BOOST_TEST(call.begin(INVSDK_STREAM_ENTITLEMENTS) == INVSDK_STATUS_OK);
    BOOST_TEST(call.begin(INVSDK_STREAM_APPLICATIONS) == INVSDK_STATUS_OK);
    BOOST_TEST(call.emit(INVSDK_STREAM_LICENSES, std::vector{lic}) == INVSDK_STATUS_OK);
    BOOST_TEST(call.emit(INVSDK_STREAM_ENTITLEMENTS, std::vector{ent}) == INVSDK_STATUS_OK);
    BOOST_TEST(call.emit(INVSDK_STREAM_APPLICATIONS, std::vector{app}) == INVSDK_STATUS_OK);
    BOOST_TEST(count(db, "staged_license_applications", run) == 2);
    std::string type, term;
    db.sql() << "SELECT license_type FROM staged_licenses", soci::into(type);
    BOOST_TEST(type == "Named User");
    int unlimited = -1, active = -1, hidden = -1;
    soci::indicator hidden_ind = soci::i_ok;
    long long items = 0;
    db.sql() << "SELECT term_type, items_allowed, is_unlimited, is_active, hidden FROM "
                "staged_entitlements",
        soci::into(term), soci::into(items), soci::into(unlimited), soci::into(active),
        soci::into(hidden, hidden_ind);
    BOOST_TEST(term == "perLocation");
    BOOST_TEST(items == 7);
    BOOST_TEST(unlimited == 0);
    BOOST_TEST(active == 1);
    BOOST_TEST((hidden_ind == soci::i_null));
    int threshold = 0;
    db.sql() << "SELECT activity_threshold_days FROM staged_applications", soci::into(threshold);
    BOOST_TEST(threshold == 90);
    sink.finish_open_streams();  // begun, never ended
    std::string completeness;
    const auto run_id = static_cast<long long>(run);  // soci::use must outlive the statement
    db.sql() << "SELECT completeness FROM run_streams WHERE kind = 'licenses' AND run_id = :r",
        soci::use(run_id), soci::into(completeness);
    BOOST_TEST(completeness == "incomplete");
  });
}

BOOST_AUTO_TEST_CASE(bounds_give_data_errors_and_write_nothing) {
  test::on_each_backend([](store& db) {
    const int64_t run = begin_run(db, "c", "a", "1.0.0");
    staging_sink sink(db, run, "c");
    sink_caller call{sink.c_sink(), {}};
    BOOST_TEST(call.begin(INVSDK_STREAM_ACCESSING_USERS) == INVSDK_STATUS_OK);
    const std::string huge(max_text_bytes + 1, 'x');
    auto big = user("ok@x", "x");
    big.last_name = invsdk_str{huge.data(), huge.size()};
    BOOST_TEST(call.emit(INVSDK_STREAM_ACCESSING_USERS, std::vector{user("a@x", "A"), big}) ==
               INVSDK_STATUS_DATA);
    BOOST_TEST(call.last_message.find("last_name") != std::string::npos);
    BOOST_TEST(count(db, "staged_accessing_users", run) == 0);  // the whole batch refused
    invsdk_error e{};
    const auto one = user("a@x", "A");
    BOOST_TEST(sink.c_sink()->emit(sink.c_sink()->host_data, INVSDK_STREAM_ACCESSING_USERS, &one,
                                   max_batch_records + 1, sizeof one, &e) == INVSDK_STATUS_DATA);
    BOOST_REQUIRE(e.release != nullptr);
    e.release(&e);
    BOOST_TEST(call.emit(INVSDK_STREAM_ACCESSING_USERS, std::vector{user("", "empty id")}) ==
               INVSDK_STATUS_DATA);
  });
}

BOOST_AUTO_TEST_CASE(counts_and_money_out_of_bounds_are_data_errors_naming_record_and_field) {
  test::on_each_backend([](store& db) {
    const int64_t run = begin_run(db, "c", "a", "1.0.0");
    staging_sink sink(db, run, "c");
    sink_caller call{sink.c_sink(), {}};
    BOOST_TEST(call.begin(INVSDK_STREAM_ENTITLEMENTS) == INVSDK_STATUS_OK);
    auto good = record<invsdk_entitlement>();
    good.external_id = s("T-1");
    good.license_external_id = s("L-1");
    good.items_allowed = 1'000'000'000;                 // the largest count
    good.annual_cost = s("999999999999999.999999999");  // 15 integer digits, 9 decimals
    good.per_user_cost = s("0012.50");
    auto t2 = good;
    t2.external_id = s("T-2");
    const auto refused = [&](invsdk_entitlement bad, const std::string& message) {
      BOOST_TEST(call.emit(INVSDK_STREAM_ENTITLEMENTS, std::vector{t2, bad}) == INVSDK_STATUS_DATA);
      BOOST_TEST(call.last_message == message, call.last_message);
    };
    BOOST_TEST(call.emit(INVSDK_STREAM_ENTITLEMENTS, std::vector{good}) == INVSDK_STATUS_OK,
               call.last_message);
    auto bad = good;
    bad.items_allowed = INT64_MAX;
    refused(bad,
            "entitlements record 2 of page 2: items_allowed 9223372036854775807 is outside "
            "0..1000000000");
    bad.items_allowed = -1;
    refused(bad, "entitlements record 2 of page 3: items_allowed -1 is outside 0..1000000000");
    bad = good;
    bad.per_user_cost = s("-12.5");
    refused(bad, "entitlements record 2 of page 4: per_user_cost \"-12.5\" is negative");
    bad.per_user_cost = s("1e308");
    refused(bad,
            "entitlements record 2 of page 5: per_user_cost \"1e308\" is not a decimal number");
    bad = good;
    bad.annual_cost = s("1234567890123456.5");
    refused(bad,
            "entitlements record 2 of page 6: annual_cost \"1234567890123456.5\" has more than 15 "
            "integer digits");
    bad.annual_cost = s("12.3456789012");
    refused(
        bad,
        "entitlements record 2 of page 7: annual_cost \"12.3456789012\" has more than 9 decimals");
    // Within the digit bounds, but past the 64 characters the reconciliation reads: refused here
    // rather than read as unknown later.
    const std::string padded = std::string(60, '0') + "12.50";
    bad = good;
    bad.per_user_cost = s(padded.c_str());
    refused(bad, "entitlements record 2 of page 8: per_user_cost \"" + padded.substr(0, 40) +
                     "\" is longer than 64 characters");
    BOOST_TEST(count(db, "staged_entitlements", run) == 1);  // refused batches leave nothing
  });
}

BOOST_AUTO_TEST_CASE(a_currency_is_three_capital_letters_or_empty) {
  test::on_each_backend([](store& db) {
    const int64_t run = begin_run(db, "c", "a", "1.0.0");
    staging_sink sink(db, run, "c");
    sink_caller call{sink.c_sink(), {}};
    BOOST_TEST(call.begin(INVSDK_STREAM_ENTITLEMENTS) == INVSDK_STATUS_OK);
    BOOST_TEST(call.begin(INVSDK_STREAM_LICENSES) == INVSDK_STATUS_OK);
    auto term = record<invsdk_entitlement>();
    term.external_id = s("T-1");
    term.license_external_id = s("L-1");
    term.currency = s("KWD");
    auto other = term;
    other.external_id = s("T-2");
    other.currency = s("");
    BOOST_TEST(call.emit(INVSDK_STREAM_ENTITLEMENTS, std::vector{term, other}) == INVSDK_STATUS_OK);
    term.external_id = s("T-3");
    term.currency = s("usd");
    BOOST_TEST(call.emit(INVSDK_STREAM_ENTITLEMENTS, std::vector{term}) == INVSDK_STATUS_DATA);
    BOOST_TEST(call.last_message ==
                   "entitlements record 1 of page 2: currency \"usd\" is not three capital letters",
               call.last_message);
    auto lic = record<invsdk_license>();
    lic.external_id = s("L-1");
    lic.currency = s("EURO");
    BOOST_TEST(call.emit(INVSDK_STREAM_LICENSES, std::vector{lic}) == INVSDK_STATUS_DATA);
    BOOST_TEST(call.last_message ==
                   "licenses record 1 of page 1: currency \"EURO\" is not three capital letters",
               call.last_message);
  });
}

// Dates and date-times follow the ABI's grammar; a malformed one is refused with its position
// and field, the well-formed ones in every shape adapter.h allows are staged.
BOOST_AUTO_TEST_CASE(dates_and_emails_follow_the_abi_grammar) {
  test::on_each_backend([](store& db) {
    const int64_t run = begin_run(db, "c", "a", "1.0.0");
    staging_sink sink(db, run, "c");
    sink_caller call{sink.c_sink(), {}};
    BOOST_TEST(call.begin(INVSDK_STREAM_ENTITLEMENTS) == INVSDK_STATUS_OK);
    BOOST_TEST(call.begin(INVSDK_STREAM_ACCESSING_USERS) == INVSDK_STATUS_OK);
    std::vector<invsdk_entitlement> good;
    const std::vector<std::string> ids{"T-1", "T-2", "T-3", "T-4", "T-5", "T-6", "T-7"};
    std::size_t n = 0;
    for (const char* when :
         {"2028-02-29", "2026-01-31T23:59:60Z", "2026-01-31T10:00:00.123Z",
          "2026-01-31T10:00:00+05:30", "2026-01-31T10:00:00-08:00", "2026-01-31T10:00:00", ""}) {
      auto term = record<invsdk_entitlement>();
      term.external_id = s(ids.at(n++).c_str());
      term.license_external_id = s("L-1");
      term.effective_at = s(when);
      good.push_back(term);
    }
    BOOST_TEST(call.emit(INVSDK_STREAM_ENTITLEMENTS, good) == INVSDK_STATUS_OK);
    for (const char* when :
         {"31/01/2026", "2026-13-01", "2026-02-29", "2026-04-31", "2026-01-31 10:00:00",
          "2026-01-31T25:00:00Z", "2026-01-31T10:00:00+0530", "2026-01-31Tx",
          "2026-01-31T10:00:00.Z", "1e308"}) {
      auto term = record<invsdk_entitlement>();
      term.external_id = s("T-bad");
      term.license_external_id = s("L-1");
      term.ends_at = s(when);
      BOOST_TEST(call.emit(INVSDK_STREAM_ENTITLEMENTS, std::vector{term}) == INVSDK_STATUS_DATA,
                 when);
      BOOST_TEST(call.last_message.find("entitlements record 1 of page ") == 0, call.last_message);
      BOOST_TEST(
          call.last_message.find("ends_at \"" + std::string(when) + "\"") != std::string::npos,
          call.last_message);
    }
    auto ann = record<invsdk_accessing_user>();
    ann.external_id = s("ann@example.com");
    ann.email = s("Ann@Example.com");
    auto nomail = record<invsdk_accessing_user>();
    nomail.external_id = s("uid-7");
    BOOST_TEST(call.emit(INVSDK_STREAM_ACCESSING_USERS, std::vector{ann, nomail}) ==
               INVSDK_STATUS_OK);
    for (const char* email :
         {"no-at-sign", "@example.com", "ann@", "ann @example.com", "ann@example.com\x1b[31m"}) {
      auto u = record<invsdk_accessing_user>();
      u.external_id = s("bad");
      u.email = s(email);
      BOOST_TEST(call.emit(INVSDK_STREAM_ACCESSING_USERS, std::vector{u}) == INVSDK_STATUS_DATA,
                 email);
      BOOST_TEST(call.last_message.find("accessing_users record 1 of page ") == 0,
                 call.last_message);
      BOOST_TEST(call.last_message.find(": email ") != std::string::npos, call.last_message);
    }
  });
}

BOOST_AUTO_TEST_CASE(database_failure_is_io_and_stops_the_import) {
  test::on_each_backend([](store& db) {
    if (db.backend() == db_backend::sqlite) {
      db.sql() << "CREATE TRIGGER fail_insert BEFORE INSERT ON staged_licenses "
                  "BEGIN SELECT RAISE(ABORT, 'simulated disk full'); END";
    } else {
      db.sql() << "CREATE FUNCTION fail_insert() RETURNS trigger AS $$ BEGIN "
                  "RAISE EXCEPTION 'simulated disk full'; END $$ LANGUAGE plpgsql";
      db.sql() << "CREATE TRIGGER fail_insert BEFORE INSERT ON staged_licenses FOR EACH ROW "
                  "EXECUTE FUNCTION fail_insert()";
    }
    const int64_t run = begin_run(db, "c", "a", "1.0.0");
    staging_sink sink(db, run, "c");
    sink_caller call{sink.c_sink(), {}};
    auto lic = record<invsdk_license>();
    lic.external_id = s("lic-1");
    BOOST_TEST(call.begin(INVSDK_STREAM_LICENSES) == INVSDK_STATUS_OK);
    BOOST_TEST(call.emit(INVSDK_STREAM_LICENSES, std::vector{lic}) == INVSDK_STATUS_IO);
    BOOST_TEST(call.last_message.find("simulated disk full") != std::string::npos,
               call.last_message);
    BOOST_TEST(!sink.db_failure().empty());
    // Every later call is refused: the import stops.
    BOOST_TEST(call.begin(INVSDK_STREAM_APPLICATIONS) == INVSDK_STATUS_IO);
    BOOST_TEST(call.end(INVSDK_STREAM_LICENSES) == INVSDK_STATUS_IO);
    BOOST_TEST(sink.status(INVSDK_STREAM_LICENSES).records == 0U);
  });
}

BOOST_AUTO_TEST_SUITE_END()
