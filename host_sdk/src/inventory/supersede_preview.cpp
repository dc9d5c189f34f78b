// supersede preview and supersede match (supersede.hpp).
#include <soci/soci.h>

#include <algorithm>
#include <boost/json.hpp>
#include <set>

#include "invhost/inventory/dates.hpp"
#include "invhost/inventory/license_records.hpp"
#include "invhost/inventory/money.hpp"
#include "invhost/inventory/supersede.hpp"
#include "row_values.hpp"
#include "supersede_sources.hpp"

namespace invhost::inventory {
namespace {

using detail::as_int;
using detail::as_text;
using detail::opt_int;
using detail::opt_text;

std::optional<std::int64_t> newest_reconciliation(soci::session& sql) {
  long long id = 0;
  soci::indicator ind = soci::i_null;
  sql << "SELECT MAX(id) FROM reconciliations", soci::into(id, ind);
  if (ind != soci::i_ok) return std::nullopt;
  return id;
}

std::map<std::int64_t, position> reconciled_positions(soci::session& sql, std::int64_t rid) {
  std::map<std::int64_t, position> out;
  const long long r = rid;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT license_id, unlimited, entitled, consumed, available, shortfall, "
                      "inactive, currency, per_user_cost_minor, unused_cost_minor, "
                      "true_up_cost_minor FROM license_positions WHERE reconciliation_id = :r",
       soci::use(r));
  for (const soci::row& row : rows) {
    position p;
    p.unlimited = as_int(row, 1) != 0;
    p.entitled = as_int(row, 2);
    p.consumed = as_int(row, 3);
    p.available = as_int(row, 4);
    p.shortfall = as_int(row, 5);
    p.inactive = as_int(row, 6);
    p.per_user_cost = opt_int(row, 8);
    if (p.per_user_cost) {
      p.currency = opt_text(row, 7);
      p.unused_cost = opt_int(row, 9);
      p.true_up_cost = opt_int(row, 10);
    }
    out[as_int(row, 0)] = p;
  }
  return out;
}

boost::json::value money(const std::optional<std::int64_t>& v,
                         const std::optional<std::string>& c) {
  if (!v || !c) return nullptr;
  return boost::json::string(format_money(*v, *c));
}

// side_entitled, side_consumed, side_currency, side_per_user_cost, side_unused_cost,
// side_true_up_cost; null when the side has no position.
void put_position(boost::json::object& row, const std::string& side, const position* p) {
  if (p == nullptr) {
    for (const char* k :
         {"_entitled", "_consumed", "_currency", "_per_user_cost", "_unused_cost", "_true_up_cost"})
      row[side + k] = nullptr;
    return;
  }
  row[side + "_entitled"] =
      p->unlimited ? boost::json::value("unlimited") : boost::json::value(p->entitled);
  row[side + "_consumed"] = p->consumed;
  row[side + "_currency"] = p->currency ? boost::json::value(*p->currency) : nullptr;
  row[side + "_per_user_cost"] = money(p->per_user_cost, p->currency);
  row[side + "_unused_cost"] = money(p->unused_cost, p->currency);
  row[side + "_true_up_cost"] = money(p->true_up_cost, p->currency);
}

struct currency_total {
  std::int64_t licenses = 0, unused = 0, true_up = 0;
};
using totals = std::map<std::string, currency_total>;

void add(totals& t, const position& p) {
  if (!p.currency || !p.unused_cost) return;
  auto& c = t[*p.currency];
  ++c.licenses;
  c.unused = checked_add(c.unused, *p.unused_cost);
  c.true_up = checked_add(c.true_up, p.true_up_cost.value_or(0));
}

boost::json::object totals_json(const totals& t) {
  boost::json::object out;
  for (const auto& [currency, c] : t)
    out[currency] = {{"licenses", c.licenses},
                     {"unused_cost", format_money(c.unused, currency)},
                     {"true_up_cost", format_money(c.true_up, currency)}};
  return out;
}

}  // namespace

boost::json::object supersede_preview(soci::session& sql, const supersede_scope& scope) {
  const auto s = detail::load_supersede_sources(sql, scope, true);
  const auto rid = newest_reconciliation(sql);
  std::string as_of = today_utc();
  if (rid) {
    const long long r = *rid;
    sql << "SELECT as_of FROM reconciliations WHERE id = :r", soci::use(r), soci::into(as_of);
  }
  const auto inventory_positions =
      rid ? reconciled_positions(sql, *rid) : std::map<std::int64_t, position>{};
  const auto staged = s.staged_run ? detail::staged_positions(sql, *s.staged_run, as_of)
                                   : std::map<std::string, position>{};
  auto fsm_position = [&](std::size_t j) -> const position* {
    if (s.staged_run) {
      auto it = staged.find(s.fsm[j].external_id);
      return it == staged.end() ? nullptr : &it->second;
    }
    auto it = inventory_positions.find(s.fsm[j].id);
    return it == inventory_positions.end() ? nullptr : &it->second;
  };

  boost::json::object out;
  out["by"] = scope.by;
  out["fsm_source"] = s.staged_run ? "staged" : "inventory";
  out["staged_run"] = s.staged_run ? boost::json::value(*s.staged_run) : nullptr;
  out["as_of"] = as_of;
  out["reconciliation_id"] = rid ? boost::json::value(*rid) : nullptr;
  boost::json::array notes;
  if (s.staged_run)
    notes.emplace_back("The " + scope.by + " side is run " + std::to_string(*s.staged_run) +
                       " as staged (not merged yet); its positions are computed from that run on " +
                       as_of + " by the same rules as a reconciliation.");
  else if (s.fsm.empty() && !detail::ever_merged(sql, scope.by))
    notes.emplace_back(scope.by + " has no complete import yet: `invhost run " + scope.by +
                       " --stage-only` imports it into staging only, for this preview.");
  if (!rid) notes.emplace_back("No reconciliation yet: positions are not reconciled yet.");

  boost::json::array rows, unmatched;
  std::set<std::int64_t> legacy_ids;
  totals before, after;
  for (std::size_t i = 0; i < s.legacy.size(); ++i) {
    const auto& l = s.legacy[i];
    const auto& p = s.proposals[i];
    legacy_ids.insert(l.id);
    boost::json::object row;
    row["legacy_id"] = l.id;
    row["legacy_connection"] = l.connection;
    row["legacy_name"] = s.legacy_display[i];
    row["legacy_status"] = s.legacy_status[i];
    if (p.fsm) {
      const auto& f = s.fsm[*p.fsm];
      row["fsm_id"] = f.id != 0 ? boost::json::value(f.id) : nullptr;
      row["fsm_external_id"] = f.external_id;
      row["fsm_name"] = s.fsm_display[*p.fsm];
    } else {
      row["fsm_id"] = nullptr;
      row["fsm_external_id"] = nullptr;
      row["fsm_name"] = nullptr;
      unmatched.emplace_back(l.id);
    }
    row["confidence"] = p.confidence ? boost::json::value(to_string(*p.confidence)) : nullptr;
    row["reason"] = p.reason;
    const auto lp = inventory_positions.find(l.id);
    const position* legacy_pos = lp == inventory_positions.end() ? nullptr : &lp->second;
    put_position(row, "legacy", legacy_pos);
    put_position(row, "fsm", p.fsm ? fsm_position(*p.fsm) : nullptr);
    if (legacy_pos != nullptr) add(before, *legacy_pos);
    rows.emplace_back(std::move(row));
  }
  for (std::size_t j = 0; j < s.fsm.size(); ++j)
    if (const position* p = fsm_position(j)) add(after, *p);
  // Every other license counted today counts the same before and after.
  if (rid) {
    const long long r = *rid;
    soci::rowset<soci::row> others =
        (sql.prepare << "SELECT l.id FROM license_positions p JOIN licenses l ON l.id = "
                        "p.license_id WHERE p.reconciliation_id = :r AND l.status = 'active' AND "
                        "(l.connection IS NULL OR l.connection <> :b) ORDER BY l.id",
         soci::use(r), soci::use(scope.by));
    for (const soci::row& row : others) {
      const auto id = as_int(row, 0);
      if (legacy_ids.contains(id)) continue;
      const auto& pos = inventory_positions.at(id);
      add(before, pos);
      add(after, pos);
    }
  }
  out["licenses"] = std::move(rows);
  out["unmatched"] = std::move(unmatched);
  out["totals"] = {{"before", totals_json(before)}, {"after", totals_json(after)}};
  out["notes"] = std::move(notes);
  return out;
}

std::string set_supersede_match(soci::session& sql, const supersede_scope& scope,
                                std::int64_t legacy_id, const std::optional<std::string>& fsm_ref,
                                const std::string& who) {
  const auto s = detail::load_supersede_sources(sql, scope, true);
  if (std::none_of(s.legacy.begin(), s.legacy.end(),
                   [&](const match_license& l) { return l.id == legacy_id; }))
    throw refused("license " + std::to_string(legacy_id) + " is not a license of a connection " +
                  scope.by + " supersedes (see `invhost supersede preview`)");
  std::optional<std::string> external;
  std::string name;
  if (fsm_ref && fsm_ref->size() > max_local_text)
    throw refused("the replacement's id is longer than " + std::to_string(max_local_text) +
                  " characters");
  if (fsm_ref) {
    std::vector<std::size_t> found;
    const bool digits =
        !fsm_ref->empty() && fsm_ref->size() <= 18 &&
        std::all_of(fsm_ref->begin(), fsm_ref->end(), [](char c) { return c >= '0' && c <= '9'; });
    for (std::size_t j = 0; j < s.fsm.size(); ++j)
      if ((digits && s.fsm[j].id == std::stoll(*fsm_ref)) || s.fsm[j].external_id == *fsm_ref)
        found.push_back(j);
    if (found.empty())
      throw refused("'" + *fsm_ref + "' is not an active license of " + scope.by +
                    " (give its id or external id as `invhost supersede preview` shows them)");
    if (found.size() > 1)
      throw refused("'" + *fsm_ref + "' is both the id of one license of " + scope.by +
                    " and the external id of another: give the external id of the one you mean");
    external = s.fsm[found[0]].external_id;
    name = s.fsm_display[found[0]];
  }
  const std::string now = now_utc_iso();
  const long long id = legacy_id;
  soci::indicator ind = external ? soci::i_ok : soci::i_null;
  std::string ext = external.value_or("");
  soci::transaction tr(sql);
  sql << "DELETE FROM supersede_matches WHERE legacy_license_id = :l", soci::use(id);
  sql << "INSERT INTO supersede_matches (legacy_license_id, by_connection, fsm_external_id, "
         "set_at, set_by) VALUES (:l, :b, :e, :t, :w)",
      soci::use(id), soci::use(scope.by), soci::use(ext, ind), soci::use(now), soci::use(who);
  tr.commit();
  return name;
}

}  // namespace invhost::inventory
