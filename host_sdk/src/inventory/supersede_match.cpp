// Matching legacy licenses to their FSM replacements (docs/switching-to-fsm.md, "How a
// replacement is proposed").
#include "invhost/inventory/supersede_match.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>
#include <tuple>
#include <utility>

namespace invhost::inventory {
namespace {

// Words every kind of contract carries: they say nothing about which product it is.
constexpr std::array<std::string_view, 8> generic_words{
    "license",      "licenses",      "licence",   "licences",
    "subscription", "subscriptions", "agreement", "agreements"};

std::set<std::string> words_of(const match_license& l) {
  std::set<std::string> out;
  auto add = [&out](std::string_view text) {
    const std::string n = normalise_name(text);
    std::size_t start = 0;
    while (start < n.size()) {
      std::size_t end = n.find(' ', start);
      if (end == std::string::npos) end = n.size();
      const std::string_view word(n.data() + start, end - start);
      if (std::find(generic_words.begin(), generic_words.end(), word) == generic_words.end())
        out.emplace(word);
      start = end + 1;
    }
  };
  add(l.name);
  for (const auto& p : l.products) add(p);
  return out;
}

std::optional<std::string> common_sku(const match_license& a, const match_license& b) {
  for (const auto& x : a.skus) {
    const std::string nx = normalise_name(x);
    if (nx.empty()) continue;
    for (const auto& y : b.skus)
      if (normalise_name(y) == nx) return x;
  }
  return std::nullopt;
}

std::optional<std::pair<std::string, std::string>> common_publisher_and_product(
    const match_license& a, const match_license& b) {
  for (const auto& pa : a.publishers)
    for (const auto& pb : b.publishers) {
      if (!same_publisher(pa, pb)) continue;
      for (const auto& x : a.products) {
        const std::string nx = normalise_name(x);
        if (nx.empty()) continue;
        for (const auto& y : b.products)
          if (normalise_name(y) == nx) return std::pair{pa, x};
      }
    }
  return std::nullopt;
}

// Publishers do not differ when either side knows none, or one of them is the same.
bool publishers_compatible(const match_license& a, const match_license& b) {
  if (a.publishers.empty() || b.publishers.empty()) return true;
  for (const auto& pa : a.publishers)
    for (const auto& pb : b.publishers)
      if (same_publisher(pa, pb)) return true;
  return false;
}

int rank(match_confidence c) {
  return static_cast<int>(c);
}

}  // namespace

std::string_view to_string(match_confidence c) {
  switch (c) {
    case match_confidence::manual:
      return "manual";
    case match_confidence::high:
      return "high";
    case match_confidence::medium:
      return "medium";
    case match_confidence::low:
      return "low";
  }
  return "low";
}

std::string normalise_name(std::string_view text) {
  std::string out;
  bool gap = false;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    // Bytes of UTF-8 sequences are kept: letters of other scripts are part of a word.
    const bool word_char =
        (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
    if (!word_char) {
      gap = true;
      continue;
    }
    if (gap && !out.empty()) out.push_back(' ');
    gap = false;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : ch);
  }
  return out;
}

bool same_publisher(std::string_view a, std::string_view b) {
  const std::string na = normalise_name(a), nb = normalise_name(b);
  if (na.empty() || nb.empty()) return false;
  if (na == nb) return true;
  const std::string& shorter = na.size() < nb.size() ? na : nb;
  const std::string& longer = na.size() < nb.size() ? nb : na;
  return longer.starts_with(shorter + " ");
}

double name_similarity(const match_license& a, const match_license& b) {
  const auto wa = words_of(a), wb = words_of(b);
  if (wa.empty() || wb.empty()) return 0;
  std::size_t common = 0;
  for (const auto& w : wa) common += wb.count(w);
  return 2.0 * static_cast<double>(common) / static_cast<double>(wa.size() + wb.size());
}

std::optional<match_assessment> assess_match(const match_license& legacy,
                                             const match_license& fsm) {
  match_assessment m;
  m.similarity = name_similarity(legacy, fsm);
  if (const auto sku = common_sku(legacy, fsm)) {
    m.confidence = match_confidence::high;
    m.reason = "SKU " + *sku + " on both";
    return m;
  }
  if (const auto pp = common_publisher_and_product(legacy, fsm)) {
    m.confidence = match_confidence::medium;
    m.reason = "same publisher (" + pp->first + ") and product (" + pp->second + ")";
    return m;
  }
  if (publishers_compatible(legacy, fsm) && m.similarity >= low_similarity_floor) {
    m.confidence = match_confidence::low;
    m.reason = "similar names only (" +
               std::to_string(static_cast<int>(std::lround(m.similarity * 100))) +
               " % of words in common)";
    return m;
  }
  return std::nullopt;
}

std::vector<match_proposal> propose_matches(const std::vector<match_license>& legacy,
                                            const std::vector<match_license>& fsm,
                                            const manual_matches& manual) {
  std::vector<match_proposal> out(legacy.size());
  std::vector<bool> decided(legacy.size(), false);
  // (legacy connection, FSM index) already proposed: a second legacy license of that connection
  // may share it only on SKU evidence.
  std::set<std::pair<std::string, std::size_t>> taken;
  for (std::size_t i = 0; i < legacy.size(); ++i) out[i].legacy = i;
  for (const auto& [i, f] : manual) {
    if (i >= legacy.size() || (f && *f >= fsm.size())) continue;
    decided[i] = true;
    out[i].fsm = f;
    out[i].confidence = f ? std::optional(match_confidence::manual) : std::nullopt;
    out[i].reason = f ? "set by hand" : "no replacement, set by hand";
    if (f) taken.emplace(legacy[i].connection, *f);
  }
  struct candidate {
    std::size_t legacy, fsm;
    match_assessment a;
  };
  std::vector<candidate> candidates;
  std::vector<bool> had_candidate(legacy.size(), false);
  for (std::size_t i = 0; i < legacy.size(); ++i) {
    if (decided[i]) continue;
    for (std::size_t j = 0; j < fsm.size(); ++j)
      if (auto a = assess_match(legacy[i], fsm[j])) {
        candidates.push_back({i, j, std::move(*a)});
        had_candidate[i] = true;
      }
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const candidate& x, const candidate& y) {
                     return std::tuple(rank(x.a.confidence), -x.a.similarity, x.legacy, x.fsm) <
                            std::tuple(rank(y.a.confidence), -y.a.similarity, y.legacy, y.fsm);
                   });
  for (auto& c : candidates) {
    if (decided[c.legacy]) continue;
    const std::pair key{legacy[c.legacy].connection, c.fsm};
    if (c.a.confidence != match_confidence::high && taken.contains(key)) continue;
    decided[c.legacy] = true;
    out[c.legacy].fsm = c.fsm;
    out[c.legacy].confidence = c.a.confidence;
    out[c.legacy].reason = std::move(c.a.reason);
    taken.insert(key);
  }
  for (std::size_t i = 0; i < legacy.size(); ++i) {
    if (decided[i]) continue;
    out[i].reason =
        had_candidate[i]
            ? "unmatched: its candidates are proposed for other licenses of " + legacy[i].connection
            : "unmatched: no FSM license with its SKU, its publisher and product, or "
              "a similar name";
  }
  return out;
}

}  // namespace invhost::inventory
