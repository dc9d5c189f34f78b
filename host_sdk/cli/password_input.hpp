// Reading a new password for a console account: from a private file, from a terminal without
// echo (typed twice), or as the first line of piped input. Never from the command line, where
// other users of the machine could read it in the process list and it would stay in the shell's
// history.
#ifndef INVHOST_CLI_PASSWORD_INPUT_HPP
#define INVHOST_CLI_PASSWORD_INPUT_HPP

#include <string>

namespace invhost::cli {

// The password from password_file when it is not empty (which must be readable by its owner
// alone, like every secret file), else from standard input. The value is registered with the
// redactor, so no later message can show it. Throws cli_error.
std::string read_new_password(const std::string& password_file);

}  // namespace invhost::cli

#endif
