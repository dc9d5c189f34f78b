#include "password_input.hpp"

#include <termios.h>
#include <unistd.h>

#include <invhost/accounts/account_error.hpp>
#include <invhost/accounts/passwords.hpp>
#include <invhost/secrets.hpp>
#include <iostream>

#include "cli_context.hpp"

namespace invhost::cli {
namespace {

// One line of standard input, at most max_password_bytes (plus its newline); more is refused
// rather than cut, so the stored password is what was meant.
std::string read_line_from_stdin() {
  std::string line;
  char c = 0;
  while (std::cin.get(c) && c != '\n') {
    if (line.size() > accounts::max_password_bytes)
      throw cli_error("the password is too long",
                      "use at most " + std::to_string(accounts::max_password_bytes) + " bytes");
    line.push_back(c);
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// Typing at a terminal: no echo, and the password typed twice, since nobody saw it.
std::string prompt_twice() {
  termios saved{};
  ::tcgetattr(STDIN_FILENO, &saved);
  termios quiet = saved;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  const auto ask = [](const char* prompt) {
    std::cerr << prompt << std::flush;
    std::string line = read_line_from_stdin();
    std::cerr << '\n';
    return line;
  };
  std::string first, second;
  try {
    first = ask("New password: ");
    second = ask("Again: ");
  } catch (...) {
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    throw;
  }
  ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
  if (first != second)
    throw cli_error("the two passwords differ", "run the command again and type the same twice");
  return first;
}

}  // namespace

std::string read_new_password(const std::string& password_file) {
  std::string password;
  if (!password_file.empty()) {
    try {
      password = resolve_secret({secret_ref::source::file, password_file});
    } catch (const secret_error& e) {
      throw cli_error(e.what(), "--password-file names a file only its owner can read");
    }
  } else {
    password = ::isatty(STDIN_FILENO) != 0 ? prompt_twice() : read_line_from_stdin();
    if (password.empty())
      throw cli_error("no password given",
                      "pipe it in on standard input, or use --password-file FILE (chmod 600)");
  }
  // Checked before it is registered with the redactor: the refusal never quotes the password,
  // and a short one registered would mask the same letters in the refusal itself.
  try {
    accounts::check_password_rules(password);
  } catch (const accounts::account_error& e) {
    throw cli_error(e.what(), e.hint());
  }
  process_redactor().add(password);
  return password;
}

}  // namespace invhost::cli
