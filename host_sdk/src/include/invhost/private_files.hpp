// The database and the logs hold people's e-mail addresses: the host keeps them readable by
// their owner alone. New folders are created 0700 and new files 0600. An existing file or folder
// of the host's own that others can read is tightened, with a warning; a folder the user chose
// (the home, the database's folder) is never changed; the home is warned about.
#ifndef INVHOST_PRIVATE_FILES_HPP
#define INVHOST_PRIVATE_FILES_HPP

#include <filesystem>

namespace invhost {

// What to do with an existing folder that group or others can access: tighten it to owner-only
// (a folder of the host's own), warn (the home), or keep it as it is (a folder that only holds
// the database among other things; the files in it are private anyway).
enum class existing_mode { tighten, warn, keep };

// Creates dir (and missing parents) with mode 0700. Throws std::filesystem::filesystem_error.
void create_private_dir(const std::filesystem::path& dir, existing_mode existing);

// Creates file empty with mode 0600 if it does not exist; tightens it to 0600 if it does.
// Throws std::filesystem::filesystem_error.
void create_private_file(const std::filesystem::path& file);

// Tightens file to 0600 if it exists and group or others can access it (a warning says so).
void tighten_private_file(const std::filesystem::path& file);

}  // namespace invhost

#endif
