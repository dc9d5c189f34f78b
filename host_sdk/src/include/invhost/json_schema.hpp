// A small JSON-Schema subset validator over Boost.JSON: type, required, properties,
// additionalProperties (bool or schema), enum, pattern, minLength/maxLength, items.
// Other keywords are ignored (they annotate rather than constrain in the schemas we use).
#ifndef INVHOST_JSON_SCHEMA_HPP
#define INVHOST_JSON_SCHEMA_HPP

#include <boost/json/value.hpp>
#include <string>
#include <vector>

namespace invhost {

struct schema_violation {
  std::string path;  // where in the instance, e.g. "$.config_schema.properties.token.type"
  std::string message;
};

// Every violation of schema by instance (empty when valid). Throws std::invalid_argument when the
// schema itself uses a malformed keyword (e.g. a bad regular expression).
std::vector<schema_violation> validate_json(const boost::json::value& schema,
                                            const boost::json::value& instance);

}  // namespace invhost

#endif
