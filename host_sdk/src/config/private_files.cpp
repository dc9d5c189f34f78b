// Private modes for the host's folders and files; the rules are in private_files.hpp.
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <invhost/host_log.hpp>
#include <invhost/private_files.hpp>
#include <system_error>

namespace invhost {
namespace {

constexpr mode_t others_bits = S_IRWXG | S_IRWXO;

[[noreturn]] void fail(const char* what, const std::filesystem::path& p) {
  throw std::filesystem::filesystem_error(what, p, std::error_code(errno, std::generic_category()));
}

// Tightens a file or folder to owner-only by its path, logging what was changed. By path, never
// through a descriptor of our own: closing any descriptor of a file drops every POSIX lock this
// process holds on it, and SQLite's locks on the database and its -shm file are such locks.
void tighten(const struct stat& st, const std::filesystem::path& p) {
  const mode_t before = st.st_mode & 07777;
  if (::chmod(p.c_str(), before & ~others_bits) != 0) {
    host_log(log_level::warn,
             fmt::format("{} is accessible by group or others (mode {:04o}) and cannot be "
                         "changed: {}; run: chmod go-rwx {}",
                         p.string(), before, std::generic_category().message(errno), p.string()));
    return;
  }
  host_log(log_level::warn,
           fmt::format("{} was accessible by group or others (mode {:04o}): changed to {:04o}",
                       p.string(), before, before & ~others_bits));
}

}  // namespace

void create_private_dir(const std::filesystem::path& dir, existing_mode existing) {
  if (dir.has_parent_path() && dir.parent_path() != dir) {
    std::error_code ec;
    if (!std::filesystem::exists(dir.parent_path(), ec))
      create_private_dir(dir.parent_path(), existing_mode::keep);
  }
  if (::mkdir(dir.c_str(), 0700) == 0) return;
  if (errno != EEXIST) fail("cannot create the folder", dir);
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0) fail("cannot read the folder's mode", dir);
  if ((st.st_mode & others_bits) != 0) {
    if (existing == existing_mode::tighten) {
      tighten(st, dir);
    } else if (existing == existing_mode::warn) {
      host_log(log_level::warn,
               fmt::format("the folder {} is accessible by group or others (mode {:04o}); the "
                           "host's files in it are private, but consider: chmod 700 {}",
                           dir.string(), st.st_mode & 07777, dir.string()));
    }
  }
}

void create_private_file(const std::filesystem::path& file) {
  // A new file is created private; an existing one may be open and locked by this very process
  // (a second store on the same database), so it is only looked at and changed by its path.
  // A symbolic link is followed: the path is the user's choice, in a folder only they can write.
  const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) {
    ::close(fd);
    return;
  }
  if (errno != EEXIST) fail("cannot create the file", file);
  tighten_private_file(file);
}

void tighten_private_file(const std::filesystem::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) return;  // absent: nothing to tighten
  if (S_ISREG(st.st_mode) && (st.st_mode & others_bits) != 0) tighten(st, file);
}

}  // namespace invhost
