// Who may have put an adapter library where it is: checked before the library is mapped.
#ifndef INVHOST_LOADER_LIBRARY_SAFETY_HPP
#define INVHOST_LOADER_LIBRARY_SAFETY_HPP

#include <filesystem>
#include <string>

namespace invhost::detail {

// Empty when the library file and its folder are each owned by root or by the user running the
// host and writable by neither group nor others; otherwise why not, in one line naming the path.
// Only root or that user can then replace the file between this check and the load.
std::string unsafe_library_reason(const std::filesystem::path& library);

}  // namespace invhost::detail

#endif
