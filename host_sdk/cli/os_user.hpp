// Who runs the command, as audit records name them.
#ifndef INVHOST_CLI_OS_USER_HPP
#define INVHOST_CLI_OS_USER_HPP

#include <string>

namespace invhost::cli {

// The login the shell says ($USER, up to 256 bytes), else the process's user name, else its uid.
std::string os_user();

}  // namespace invhost::cli

#endif
