// "Did you mean ...?" for a mistyped command.
#ifndef INVHOST_CLI_SUGGEST_HPP
#define INVHOST_CLI_SUGGEST_HPP

#include <string>
#include <string_view>
#include <vector>

namespace invhost::cli {

// The candidate closest to word by edit distance (insertions, deletions, substitutions and
// transpositions of neighbours), if it is close enough to be a typo of it: at most one edit for
// words up to four characters, two beyond. Empty when none is.
std::string nearest_word(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace invhost::cli

#endif
