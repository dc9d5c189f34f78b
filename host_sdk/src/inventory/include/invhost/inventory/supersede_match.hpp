// Which FSM license replaces which legacy license: pure functions over what both sources say of a
// license (publisher, product, SKU, name). No database; docs/switching-to-fsm.md states the rules.
#ifndef INVHOST_INVENTORY_SUPERSEDE_MATCH_HPP
#define INVHOST_INVENTORY_SUPERSEDE_MATCH_HPP

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace invhost::inventory {

// A license as matching sees it.
struct match_license {
  std::int64_t id = 0;  // inventory id; 0 for a license only staged so far
  std::string connection;
  std::string external_id;
  std::string name;
  std::vector<std::string> publishers;
  std::vector<std::string> products;
  std::vector<std::string> skus;  // of its terms; empty ones ignored
};

// Ordered from the strongest evidence; `manual` is a person's choice, stronger than any.
enum class match_confidence { manual, high, medium, low };
std::string_view to_string(match_confidence c);

// Lower case, every run of characters other than letters and digits one space, trimmed:
// "Visio  Plan-2 " and "visio plan 2" are the same name.
std::string normalise_name(std::string_view text);

// Same publisher once normalised; a longer legal name counts ("Microsoft Corporation" is
// Microsoft), as supersession's publisher guard reads it.
bool same_publisher(std::string_view a, std::string_view b);

// Words two licenses' names and products share: 2 x common / (words of a + words of b), over the
// normalised words of the name and products, generic words (license, agreement, subscription)
// left out. 0..1.
double name_similarity(const match_license& a, const match_license& b);

// Below this similarity, names alone propose nothing.
inline constexpr double low_similarity_floor = 0.5;

// How `fsm` would replace `legacy`, if at all: high when a SKU is on both; medium when publisher
// and product are the same; low when their publishers do not differ and the names are similar
// (name_similarity >= low_similarity_floor). The reason in words.
struct match_assessment {
  match_confidence confidence = match_confidence::low;
  double similarity = 0;  // orders candidates of one confidence
  std::string reason;
};
std::optional<match_assessment> assess_match(const match_license& legacy, const match_license& fsm);

struct match_proposal {
  std::size_t legacy = 0;          // index into the legacy licenses
  std::optional<std::size_t> fsm;  // index into the FSM licenses; none: unmatched
  std::optional<match_confidence> confidence;
  std::string reason;
};

// A person's choice for a legacy license (by index): an FSM license, or none.
using manual_matches = std::map<std::size_t, std::optional<std::size_t>>;

// One proposal per legacy license, in their order. A person's choices stand as given. The others
// take their strongest candidate, strongest evidence first; an FSM license goes to at most one
// legacy license of a connection, unless the SKUs say otherwise: two legacy licenses whose SKUs
// are both on one FSM agreement (E3 and Visio on one Enterprise Agreement) both get it.
std::vector<match_proposal> propose_matches(const std::vector<match_license>& legacy,
                                            const std::vector<match_license>& fsm,
                                            const manual_matches& manual = {});

}  // namespace invhost::inventory

#endif
