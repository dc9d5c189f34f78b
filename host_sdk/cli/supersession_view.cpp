#include "supersession_view.hpp"

#include <fmt/format.h>

namespace invhost::cli {

std::map<std::string, inventory::supersession_state> supersessions_by_connection(
    soci::session& sql) {
  std::map<std::string, inventory::supersession_state> out;
  for (auto& st : inventory::list_supersessions(sql))
    out.emplace(st.superseded_connection, std::move(st));
  return out;
}

std::string supersession_text(const inventory::supersession_state& st, const connector_entry& c) {
  std::string text = st.state == "held" ? fmt::format("held by {}: {}", st.by_connection, st.reason)
                                        : fmt::format("by {} since {}", st.by_connection, st.since);
  return c.keep_when_superseded ? text + ", kept" : text;
}

boost::json::object supersession_json(const inventory::supersession_state& st,
                                      const connector_entry& c) {
  return {{"by", st.by_connection}, {"state", st.state},       {"since", st.since},
          {"reason", st.reason},    {"licenses", st.licenses}, {"kept", c.keep_when_superseded}};
}

}  // namespace invhost::cli
