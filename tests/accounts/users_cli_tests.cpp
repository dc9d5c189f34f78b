// `invhost users`: accounts added, listed, changed and removed through the real binary, with
// its database on SQLite and on PostgreSQL; no password, hash or token in any output or log.
#define BOOST_TEST_MODULE accounts_cli_tests
#include <sys/stat.h>

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <functional>
#include <invhost/accounts/signin_links.hpp>
#include <invhost/accounts/users.hpp>

#include "backends.hpp"
#include "cli_host_home.hpp"

using namespace invhost;
using invhost::test::cli_result;
using invhost::test::contains;
using invhost::test::host_home;

namespace {

const std::string password = "Tr0ub4dor&3-horse-staple";
const std::string other_password = "a different passphrase 77";

// A home whose database is on one backend; `db` opens the same database in this process.
struct cli_backend {
  host_home& home;
  std::string db_option;  // " --db '...'" before the command
  std::string connection;

  cli_result run(const std::string& args, const std::string& prefix = "") {
    return home.run(db_option + " --log-level debug " + args, prefix);
  }
  // Input piped to invhost's standard input.
  cli_result run_with_input(const std::string& args, const std::string& input) {
    const auto file = home.scratch() / "stdin";
    test::write_file(file, input);
    return home.run(db_option + " --log-level debug " + args + " <'" + file.string() + "'");
  }
  std::unique_ptr<store> db() const { return store::open(connection); }
};

void on_each_cli_backend(const std::function<void(cli_backend&)>& body) {
  if (invhost_test::backend_chosen("sqlite")) {
    host_home h;
    const std::string conn = "sqlite://" + (h.scratch() / "accounts.db").string();
    cli_backend b{h, " --db '" + conn + "'", conn};
    BOOST_TEST_CONTEXT("SQLite") {
      body(b);
    }
  }
  if (const auto pg = test::pg_keywords()) {
    test::pg_schema schema(*pg);
    host_home h;
    cli_backend b{h, " --db '" + schema.connection_string() + "'", schema.connection_string()};
    BOOST_TEST_CONTEXT("PostgreSQL") {
      body(b);
    }
  }
}

// Every byte the home's files hold (the log, configuration), beside what the runs printed.
std::string logs_and_output(const cli_backend& b) {
  std::string all = b.home.all_output();
  for (const auto& e : std::filesystem::recursive_directory_iterator(b.home.home()))
    if (e.is_regular_file() && e.path().extension() != ".db" &&
        !e.path().filename().string().starts_with("invhost.db"))
      all += test::read_file(e.path());
  return all;
}

std::string stored_hash(const cli_backend& b, const std::string& name) {
  auto db = b.db();
  std::string h;
  db->sql() << "SELECT password_hash FROM console_users WHERE name = :n", soci::into(h),
      soci::use(name);
  return h;
}

}  // namespace

BOOST_AUTO_TEST_CASE(add_list_change_remove) {
  on_each_cli_backend([](cli_backend& b) {
    auto r = b.run_with_input("users add alice --role admin", password + "\n");
    BOOST_TEST(r.code == 0, r.err);
    BOOST_TEST(contains(r.out, "account alice added with role admin"));
    r = b.run_with_input("users add bob --role viewer", other_password + "\n");
    BOOST_TEST(r.code == 0, r.err);

    r = b.run("users list --format json");
    BOOST_TEST(r.code == 0, r.err);
    const auto list = boost::json::parse(r.out).as_array();
    BOOST_REQUIRE(list.size() == 2U);
    BOOST_TEST(list[0].at("name").as_string() == "alice");
    BOOST_TEST(list[0].at("role").as_string() == "admin");
    BOOST_TEST(list[0].at("disabled").as_bool() == false);
    BOOST_TEST(list[1].at("name").as_string() == "bob");
    BOOST_TEST(list[1].at("role").as_string() == "viewer");
    // Exactly these members: nothing about the password.
    BOOST_TEST(list[0].as_object().size() == 4U);

    r = b.run("users set-role bob editor");
    BOOST_TEST(r.code == 0, r.err);
    r = b.run("users list");
    BOOST_TEST(contains(r.out, "bob"));
    BOOST_TEST(contains(r.out, "editor"));
    r = b.run("users list --format csv");
    BOOST_TEST(contains(r.out, "name,role,disabled,created_at\r\n"));
    BOOST_TEST(contains(r.out, "bob,editor,false,"));

    r = b.run("users remove bob");
    BOOST_TEST(r.code == 0, r.err);
    r = b.run("users remove bob");
    BOOST_TEST(r.code == 1);
    BOOST_TEST(contains(r.err, "invhost: error: no account 'bob'"));
    BOOST_TEST(contains(r.err, "hint: see the accounts with: invhost users list"));
    r = b.run("users list --format json");
    BOOST_TEST(boost::json::parse(r.out).as_array().size() == 1U);

    // The password signs in; the library sees what the command stored.
    auto db = b.db();
    BOOST_TEST(accounts::check_signin(db->sql(), "alice", password).has_value());
    BOOST_TEST(!accounts::check_signin(db->sql(), "alice", other_password).has_value());
  });
}

BOOST_AUTO_TEST_CASE(passwords_are_checked_and_never_shown) {
  on_each_cli_backend([](cli_backend& b) {
    auto r = b.run_with_input("users add carol --role editor", "tiny-secret\n");
    BOOST_TEST(r.code == 1);
    BOOST_TEST(contains(r.err, "invhost: error: the password is too short"));
    BOOST_TEST(contains(r.err, "at least 12 characters"));
    r = b.run_with_input("users add carol --role editor", "");
    BOOST_TEST(r.code == 1);
    BOOST_TEST(contains(r.err, "no password given"));
    // A password is never an argument.
    r = b.run("users add carol --role editor --password '" + password + "'");
    BOOST_TEST(r.code == 64);
    BOOST_TEST(contains(r.err, "a password is never taken from the command line"));
    r = b.run_with_input("users add carol --role owner", password + "\n");
    BOOST_TEST(r.code == 64);
    r = b.run("users list --format json");
    BOOST_TEST(boost::json::parse(r.out).as_array().empty());

    r = b.run_with_input("users add carol --role editor", password + "\n");
    BOOST_REQUIRE(r.code == 0);
    const std::string first_hash = stored_hash(b, "carol");
    BOOST_TEST(first_hash.starts_with("$argon2id$"));
    r = b.run_with_input("users passwd carol", other_password + "\n");
    BOOST_TEST(r.code == 0, r.err);
    const std::string second_hash = stored_hash(b, "carol");
    BOOST_TEST(second_hash != first_hash);
    r = b.run_with_input("users passwd nobody", other_password + "\n");
    BOOST_TEST(r.code == 1);
    BOOST_TEST(contains(r.err, "no account 'nobody'"));

    for (const char* format : {"table", "json", "csv"})
      b.run(std::string("users list --format ") + format);
    const std::string seen = logs_and_output(b);
    BOOST_TEST(!contains(seen, password));
    BOOST_TEST(!contains(seen, other_password));
    BOOST_TEST(!contains(seen, first_hash));
    BOOST_TEST(!contains(seen, second_hash));
    BOOST_TEST(!contains(seen, "$argon2id$"));
    BOOST_TEST(!contains(seen, "tiny-secret"));                               // nor a refused one
    BOOST_TEST(contains(seen, "password of console account carol changed"));  // the log has it
  });
}

BOOST_AUTO_TEST_CASE(completion_offers_the_password_file_but_not_a_password_argument) {
  host_home h;
  const auto r = h.run("completion bash");
  BOOST_REQUIRE(r.code == 0);
  for (const std::string command : {"' users add')", "' users passwd')"}) {
    const auto at = r.out.find(command);
    BOOST_REQUIRE(at != std::string::npos);
    const std::string line = r.out.substr(at, r.out.find('\n', at) - at);
    BOOST_TEST(contains(line, " --password-file"), line);
    BOOST_TEST(!contains(line, " --password "), line);
    BOOST_TEST(!contains(line, " --password'"), line);
  }
}

BOOST_AUTO_TEST_CASE(a_password_file_must_be_private) {
  on_each_cli_backend([](cli_backend& b) {
    const auto file = b.home.scratch() / "pw";
    test::write_file(file, password + "\n");
    ::chmod(file.c_str(), 0644);
    auto r = b.run("users add dave --role viewer --password-file '" + file.string() + "'");
    BOOST_TEST(r.code == 1);
    BOOST_TEST(contains(r.err, "accessible by group or others"));
    BOOST_TEST(contains(r.err, "chmod 600"));
    ::chmod(file.c_str(), 0600);
    r = b.run("users add dave --role viewer --password-file '" + file.string() + "'");
    BOOST_TEST(r.code == 0, r.err);
    auto db = b.db();
    BOOST_TEST(accounts::check_signin(db->sql(), "dave", password).has_value());
    BOOST_TEST(!contains(logs_and_output(b), password));
  });
}

BOOST_AUTO_TEST_CASE(a_signin_link_is_printed_once_and_signs_in_once) {
  on_each_cli_backend([](cli_backend& b) {
    BOOST_REQUIRE(b.run_with_input("users add erin --role viewer", password + "\n").code == 0);
    auto r = b.run("users signin-link erin");
    BOOST_TEST(r.code == 0, r.err);
    const std::string prefix = "/signin/link?token=";
    BOOST_REQUIRE(r.out.starts_with(prefix));
    BOOST_REQUIRE(r.out.size() == prefix.size() + 43U + 1U);  // the token and a newline
    const std::string token = r.out.substr(prefix.size(), 43);

    r = b.run("users signin-link erin --ttl 0");
    BOOST_TEST(r.code == 64);
    r = b.run("users signin-link frank");
    BOOST_TEST(r.code == 1);
    BOOST_TEST(contains(r.err, "no account 'frank'"));

    // The link lives 15 minutes by default.
    const auto now = std::chrono::system_clock::now();
    auto db = b.db();
    BOOST_TEST(!accounts::redeem_signin_link(db->sql(), token, now + std::chrono::minutes(16))
                    .has_value());
    r = b.run("users signin-link erin --ttl 30");
    const std::string second = r.out.substr(prefix.size(), 43);
    const auto s = accounts::redeem_signin_link(db->sql(), second, now + std::chrono::minutes(29));
    BOOST_REQUIRE(s.has_value());
    BOOST_TEST(s->who.name == "erin");
    BOOST_TEST(!accounts::redeem_signin_link(db->sql(), second, now).has_value());

    // The token is on stdout of its command only: never in the log.
    std::string log_files;
    for (const auto& e : std::filesystem::recursive_directory_iterator(b.home.home()))
      if (e.is_regular_file() && e.path().filename() == "invhost.log")
        log_files += test::read_file(e.path());
    BOOST_TEST(contains(log_files, "sign-in link made for console account erin"));
    BOOST_TEST(!contains(log_files, token));
    BOOST_TEST(!contains(log_files, second));
  });
}
