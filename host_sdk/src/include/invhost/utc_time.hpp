// The host's one clock format: logs, runs and migrations all stamp times the same way.
#ifndef INVHOST_UTC_TIME_HPP
#define INVHOST_UTC_TIME_HPP

#include <string>

namespace invhost {

// Current UTC time as ISO 8601 with milliseconds ("2024-05-01T02:00:00.123Z").
std::string utc_now_iso();

}  // namespace invhost

#endif
