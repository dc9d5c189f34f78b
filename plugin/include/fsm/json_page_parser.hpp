// Parses one response body into a JSON tree, keeping every non-integer number as its exact text.
#ifndef FSM_JSON_PAGE_PARSER_HPP
#define FSM_JSON_PAGE_PARSER_HPP

#include <boost/json/value.hpp>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace fsm {

struct json_parse_failure {
  std::size_t offset = 0;  // byte where the parser stopped
  std::string reason;      // the parser's own words, never the body
};

// Parses text as one JSON document (max depth 64). Integers stay int64/uint64; every number with
// a fraction or an exponent becomes a JSON string holding the number exactly as it was written,
// so money never passes through a double. Returns the failure when text is not valid JSON or
// ends early.
std::optional<json_parse_failure> parse_json_page(std::string_view text, boost::json::value& out);

// The same, returning the tree in page storage (page_arena.hpp) for the pages of an import: the
// tree must be moved into place, not assigned, since assigning a value into one of another
// storage copies it node by node.
std::variant<boost::json::value, json_parse_failure> parse_json_tree(std::string_view text);

}  // namespace fsm

#endif  // FSM_JSON_PAGE_PARSER_HPP
