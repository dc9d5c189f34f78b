// A library anyone else could have written would run their code in the host's name: refused
// before dlopen, so not even its constructors run.
#include "loader/library_safety.hpp"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace invhost::detail {
namespace {

std::string check_one(const std::filesystem::path& p, const char* what) {
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0)
    return fmt::format("its {} {} cannot be examined: {}", what, p.string(), std::strerror(errno));
  if (st.st_uid != 0 && st.st_uid != ::getuid())
    return fmt::format(
        "its {} {} is owned by uid {}, neither root nor the user running the host (uid {})", what,
        p.string(), st.st_uid, ::getuid());
  if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0)
    return fmt::format(
        "its {} {} is writable by group or others (mode {:04o}); make it writable by its owner "
        "only",
        what, p.string(), st.st_mode & 07777);
  return {};
}

}  // namespace

std::string unsafe_library_reason(const std::filesystem::path& library) {
  // The file itself (a symbolic link is judged by its target, which is what gets loaded) and the
  // folder the manifest names it in, where someone could otherwise swap it.
  std::string why = check_one(library, "library");
  if (why.empty()) why = check_one(library.parent_path(), "folder");
  std::error_code ec;
  const auto target = std::filesystem::canonical(library, ec);
  if (why.empty() && !ec && target.parent_path() != library.parent_path())
    why = check_one(target.parent_path(), "library's real folder");
  return why;
}

}  // namespace invhost::detail
