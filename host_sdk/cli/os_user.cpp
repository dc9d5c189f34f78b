#include "os_user.hpp"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace invhost::cli {

std::string os_user() {
  if (const char* u = std::getenv("USER"); u != nullptr && *u != '\0' && std::strlen(u) <= 256)
    return u;
  if (const passwd* pw = ::getpwuid(::geteuid()); pw != nullptr && pw->pw_name != nullptr)
    return pw->pw_name;
  return "uid " + std::to_string(::geteuid());
}

}  // namespace invhost::cli
