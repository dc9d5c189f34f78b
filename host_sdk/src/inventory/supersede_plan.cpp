// supersede plan, apply and undo (supersede.hpp): the moves of what people kept on legacy
// licenses to their replacements, checked against the store when applied, reversed exactly.
#include <soci/soci.h>

#include <boost/json.hpp>
#include <set>

#include "invhost/inventory/dates.hpp"
#include "invhost/inventory/license_records.hpp"
#include "invhost/inventory/supersede.hpp"
#include "json_values.hpp"
#include "row_values.hpp"
#include "supersede_moves.hpp"
#include "supersede_sources.hpp"

namespace invhost::inventory {
namespace {

using detail::as_int;
using detail::as_text;
using detail::describe;
using detail::moved_fields;
using detail::opt_int;
using detail::opt_text;
using detail::plan_move;
using detail::text_or_null;

// A license's local state as the plan's moves change it, read once from the store.
struct license_state {
  std::string name, connection;
  std::map<std::string, std::optional<std::string>> fields;
  std::set<std::int64_t> purchases;
  std::set<std::int64_t> attachments;
  std::set<std::string> groups;
};

class simulated_store {
 public:
  explicit simulated_store(soci::session& sql) : sql_(sql) {}

  license_state& at(std::int64_t id) {
    auto it = licenses_.find(id);
    if (it != licenses_.end()) return it->second;
    license_state s;
    const long long lid = id;
    soci::rowset<soci::row> rows =
        (sql_.prepare << "SELECT imported_name, connection, display_name, owner, cost_centre, "
                         "location, notes FROM licenses WHERE id = :i",
         soci::use(lid));
    for (const soci::row& r : rows) {
      s.name = as_text(r, 0);
      s.connection = as_text(r, 1);
      for (std::size_t i = 0; i < moved_fields.size(); ++i)
        s.fields[moved_fields[i]] = opt_text(r, 2 + i);
    }
    {
      soci::rowset<soci::row> p =
          (sql_.prepare << "SELECT purchase_id FROM license_purchases WHERE license_id = :i",
           soci::use(lid));
      for (const soci::row& r : p) s.purchases.insert(as_int(r, 0));
    }
    {
      soci::rowset<soci::row> a =
          (sql_.prepare << "SELECT id FROM attachments WHERE license_id = :i", soci::use(lid));
      for (const soci::row& r : a) s.attachments.insert(as_int(r, 0));
    }
    {
      soci::rowset<soci::row> g =
          (sql_.prepare << "SELECT group_name FROM license_groups WHERE license_id = :i",
           soci::use(lid));
      for (const soci::row& r : g) s.groups.insert(as_text(r, 0));
    }
    return licenses_.emplace(id, std::move(s)).first->second;
  }

 private:
  soci::session& sql_;
  std::map<std::int64_t, license_state> licenses_;
};

struct plan_pair {
  std::int64_t legacy = 0;
  std::optional<std::int64_t> fsm;
  std::optional<std::string> confidence;
  std::string reason;
};

struct computed_plan {
  std::vector<plan_pair> pairs;
  std::vector<plan_move> moves;
};

// The plan the store gives now. Moves are worked out in order on a simulated copy, so a second
// legacy license moving onto the same replacement sees what the first one brought.
computed_plan compute_plan(soci::session& sql, const supersede_scope& scope) {
  const auto s = detail::load_supersede_sources(sql, scope, false);
  computed_plan out;
  simulated_store st(sql);
  for (std::size_t i = 0; i < s.legacy.size(); ++i) {
    const auto& p = s.proposals[i];
    plan_pair pair;
    pair.legacy = s.legacy[i].id;
    if (p.fsm) pair.fsm = s.fsm[*p.fsm].id;
    if (p.confidence) pair.confidence = std::string(to_string(*p.confidence));
    pair.reason = p.reason;
    out.pairs.push_back(pair);
    if (!pair.fsm) continue;
    const std::int64_t from = pair.legacy, to = *pair.fsm;
    license_state& a = st.at(from);
    license_state& b = st.at(to);
    for (const auto pid : std::set<std::int64_t>(a.purchases)) {
      plan_move m{
          "purchase", from, to, "", "",
          pid,        {},   {}, {}, b.purchases.contains(pid) ? "already linked" : "linked"};
      a.purchases.erase(pid);
      b.purchases.insert(pid);
      out.moves.push_back(std::move(m));
    }
    for (const auto aid : std::set<std::int64_t>(a.attachments)) {
      out.moves.push_back({"attachment", from, to, "", "", aid, {}, {}, {}, ""});
      a.attachments.erase(aid);
      b.attachments.insert(aid);
    }
    for (const auto& g : std::set<std::string>(a.groups)) {
      out.moves.push_back({"group",
                           from,
                           to,
                           g,
                           "",
                           {},
                           {},
                           {},
                           {},
                           b.groups.contains(g) ? "already linked" : "linked"});
      a.groups.erase(g);
      b.groups.insert(g);
    }
    for (const char* f : moved_fields) {
      const auto value = a.fields[f];
      if (detail::no_value(value)) continue;
      const auto held = b.fields[f];
      if (held == value) continue;  // the replacement says the same already
      plan_move m{"field", from, to, f, f, {}, value, {}, {}, ""};
      if (detail::no_value(held)) {
        m.target_before = held;
        m.target_after = value;
      } else {
        // Nothing a person wrote is dropped: the replacement keeps its own value and the legacy
        // one goes to its notes, saying where it came from.
        m.target_field = "notes";
        m.target_before = b.fields["notes"];
        const std::string line = "from " + a.name + " (" + a.connection + ", license " +
                                 std::to_string(from) + "): " + f + " = " + *value;
        m.target_after = detail::no_value(m.target_before) ? line : *m.target_before + "\n" + line;
      }
      b.fields[m.target_field] = m.target_after;
      a.fields[f] = std::nullopt;
      out.moves.push_back(std::move(m));
    }
  }
  return out;
}

std::vector<plan_move> stored_moves(soci::session& sql, std::int64_t plan_id) {
  std::vector<plan_move> out;
  const long long id = plan_id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT kind, from_license, to_license, field, target_field, ref_id, "
                      "legacy_value, target_before, target_after, effect FROM "
                      "supersede_plan_moves WHERE plan_id = :p ORDER BY seq",
       soci::use(id));
  for (const soci::row& r : rows)
    out.push_back({as_text(r, 0), as_int(r, 1), as_int(r, 2), as_text(r, 3), as_text(r, 4),
                   opt_int(r, 5), opt_text(r, 6), opt_text(r, 7), opt_text(r, 8), as_text(r, 9)});
  return out;
}

struct plan_row {
  std::string by, adapters, state, applied_at, applied_by;
};

plan_row load_plan(soci::session& sql, std::int64_t plan_id) {
  const long long id = plan_id;
  plan_row p;
  soci::indicator at_ind = soci::i_null, by_ind = soci::i_null;
  sql << "SELECT by_connection, superseded_adapters, state, applied_at, applied_by FROM "
         "supersede_plans WHERE id = :p",
      soci::use(id), soci::into(p.by), soci::into(p.adapters), soci::into(p.state),
      soci::into(p.applied_at, at_ind), soci::into(p.applied_by, by_ind);
  if (!sql.got_data())
    throw refused("no plan " + std::to_string(plan_id) + " (`invhost supersede plan` makes one)");
  return p;
}

std::vector<std::string> split_adapters(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size() && !text.empty()) {
    auto end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

struct surplus_application {
  std::string connection, external_id, name;
  std::int64_t unallocated = 0;
};

// Active applications of the legacy connections. A connection's licenses reference only its own
// applications, and every license of a legacy connection is retired by the switch: none of
// them is referenced by a license active after it.
std::vector<surplus_application> surplus_applications(soci::session& sql,
                                                      const supersede_scope& scope) {
  std::set<std::string> connections;
  for (const std::string& adapter : scope.superseded_adapters) {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT DISTINCT connection FROM licenses WHERE created_by_adapter = :a "
                        "AND connection IS NOT NULL AND connection <> :b",
         soci::use(adapter), soci::use(scope.by));
    for (const soci::row& r : rows) connections.insert(as_text(r, 0));
  }
  long long rid = 0;
  soci::indicator rid_ind = soci::i_null;
  sql << "SELECT MAX(id) FROM reconciliations", soci::into(rid, rid_ind);
  if (rid_ind != soci::i_ok) rid = -1;
  std::vector<surplus_application> out;
  for (const auto& c : connections) {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT a.external_id, a.name, COALESCE(u.users, 0) FROM applications a "
                        "LEFT JOIN unallocated_positions u ON u.reconciliation_id = :r AND "
                        "u.connection = a.connection AND u.application_external_id = "
                        "a.external_id WHERE a.connection = :c AND a.status = 'active' "
                        "ORDER BY a.external_id",
         soci::use(rid), soci::use(c));
    for (const soci::row& r : rows) out.push_back({c, as_text(r, 0), as_text(r, 1), as_int(r, 2)});
  }
  return out;
}

}  // namespace

std::int64_t make_supersede_plan(soci::session& sql, const supersede_scope& scope,
                                 const std::string& who) {
  soci::transaction tr(sql);
  if (!detail::ever_merged(sql, scope.by))
    throw refused(scope.by +
                  " has not been merged yet: a plan moves what people kept onto "
                  "licenses of the inventory (`invhost supersede preview` works "
                  "before; `invhost nightly` or `invhost run " +
                  scope.by + "` merges it)");
  const auto plan = compute_plan(sql, scope);
  std::string adapters;
  for (const auto& a : scope.superseded_adapters) adapters += (adapters.empty() ? "" : ",") + a;
  const std::string now = now_utc_iso();
  long long id = 0;
  sql << "INSERT INTO supersede_plans (by_connection, superseded_adapters, created_at, "
         "created_by, state) VALUES (:b, :a, :t, :w, 'planned') RETURNING id",
      soci::use(scope.by), soci::use(adapters), soci::use(now), soci::use(who), soci::into(id);
  for (const auto& p : plan.pairs) {
    const long long legacy = p.legacy, fsm = p.fsm.value_or(0);
    soci::indicator fi = p.fsm ? soci::i_ok : soci::i_null;
    std::string confidence = p.confidence.value_or("");
    soci::indicator ci = p.confidence ? soci::i_ok : soci::i_null;
    sql << "INSERT INTO supersede_plan_licenses (plan_id, legacy_license_id, fsm_license_id, "
           "confidence, reason) VALUES (:p, :l, :f, :c, :r)",
        soci::use(id), soci::use(legacy), soci::use(fsm, fi), soci::use(confidence, ci),
        soci::use(p.reason);
  }
  for (const auto& a : surplus_applications(sql, scope)) {
    const long long users = a.unallocated;
    sql << "INSERT INTO supersede_plan_applications (plan_id, connection, "
           "application_external_id, name, unallocated_users) VALUES (:p, :c, :a, :n, :u)",
        soci::use(id), soci::use(a.connection), soci::use(a.external_id), soci::use(a.name),
        soci::use(users);
  }
  int seq = 0;
  for (const auto& m : plan.moves) {
    ++seq;
    const long long from = m.from, to = m.to, ref = m.ref.value_or(0);
    soci::indicator ri = m.ref ? soci::i_ok : soci::i_null;
    std::string lv = m.legacy_value.value_or(""), tb = m.target_before.value_or(""),
                ta = m.target_after.value_or("");
    soci::indicator li = m.legacy_value ? soci::i_ok : soci::i_null;
    soci::indicator bi = m.target_before ? soci::i_ok : soci::i_null;
    soci::indicator ai = m.target_after ? soci::i_ok : soci::i_null;
    sql << "INSERT INTO supersede_plan_moves (plan_id, seq, kind, from_license, to_license, "
           "field, target_field, ref_id, legacy_value, target_before, target_after, effect) "
           "VALUES (:p, :s, :k, :f, :t, :fi, :tf, :r, :lv, :tb, :ta, :e)",
        soci::use(id), soci::use(seq), soci::use(m.kind), soci::use(from), soci::use(to),
        soci::use(m.field), soci::use(m.target_field), soci::use(ref, ri), soci::use(lv, li),
        soci::use(tb, bi), soci::use(ta, ai), soci::use(m.effect);
  }
  tr.commit();
  return id;
}

boost::json::object supersede_plan_details(soci::session& sql, std::int64_t plan_id) {
  const plan_row p = load_plan(sql, plan_id);
  const long long id = plan_id;
  boost::json::object out;
  out["id"] = plan_id;
  out["by"] = p.by;
  out["state"] = p.state;
  std::string created_at, created_by;
  sql << "SELECT created_at, created_by FROM supersede_plans WHERE id = :p", soci::use(id),
      soci::into(created_at), soci::into(created_by);
  out["created_at"] = created_at;
  out["created_by"] = created_by;
  out["applied_at"] =
      p.applied_at.empty() ? boost::json::value(nullptr) : boost::json::value(p.applied_at);
  out["applied_by"] =
      p.applied_by.empty() ? boost::json::value(nullptr) : boost::json::value(p.applied_by);
  boost::json::array licenses;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT pl.legacy_license_id, l.imported_name, l.connection, "
                        "pl.fsm_license_id, f.imported_name, pl.confidence, pl.reason FROM "
                        "supersede_plan_licenses pl LEFT JOIN licenses l ON l.id = "
                        "pl.legacy_license_id LEFT JOIN licenses f ON f.id = pl.fsm_license_id "
                        "WHERE pl.plan_id = :p ORDER BY pl.legacy_license_id",
         soci::use(id));
    for (const soci::row& r : rows)
      licenses.push_back({{"legacy_id", as_int(r, 0)},
                          {"legacy_name", as_text(r, 1)},
                          {"legacy_connection", as_text(r, 2)},
                          {"fsm_id", opt_int(r, 3) ? boost::json::value(*opt_int(r, 3)) : nullptr},
                          {"fsm_name", text_or_null(opt_text(r, 4))},
                          {"confidence", text_or_null(opt_text(r, 5))},
                          {"reason", as_text(r, 6)}});
  }
  out["licenses"] = std::move(licenses);
  boost::json::array moves;
  int seq = 0;
  for (const auto& m : stored_moves(sql, plan_id))
    moves.push_back({{"seq", ++seq},
                     {"kind", m.kind},
                     {"from_license", m.from},
                     {"to_license", m.to},
                     {"field", m.field},
                     {"target_field", m.target_field},
                     {"ref_id", m.ref ? boost::json::value(*m.ref) : nullptr},
                     {"legacy_value", text_or_null(m.legacy_value)},
                     {"target_before", text_or_null(m.target_before)},
                     {"target_after", text_or_null(m.target_after)},
                     {"effect", m.effect},
                     {"text", describe(m)}});
  out["moves"] = std::move(moves);
  boost::json::array surplus;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT connection, application_external_id, name, unallocated_users FROM "
                        "supersede_plan_applications WHERE plan_id = :p ORDER BY connection, "
                        "application_external_id",
         soci::use(id));
    for (const soci::row& r : rows)
      surplus.push_back({{"connection", as_text(r, 0)},
                         {"application", as_text(r, 1)},
                         {"name", as_text(r, 2)},
                         {"unallocated_users", as_int(r, 3)}});
  }
  out["surplus_applications"] = std::move(surplus);
  // The store keeps no allocation a person made: consumption comes from imports only.
  out["manual_allocations"] =
      "none: this store keeps no allocation made by hand (consumption comes from imports only)";
  return out;
}

boost::json::object apply_supersede_plan(soci::session& sql, std::int64_t plan_id,
                                         const std::string& who, bool dry_run) {
  {
    soci::transaction tr(sql);
    const plan_row p = load_plan(sql, plan_id);
    if (p.state == "applied")
      throw refused("plan " + std::to_string(plan_id) + " is applied already (" + p.applied_at +
                    " by " + p.applied_by + "); `invhost supersede undo " +
                    std::to_string(plan_id) + "` reverses it");
    const auto stored = stored_moves(sql, plan_id);
    const auto now_moves = compute_plan(sql, {p.by, split_adapters(p.adapters)}).moves;
    if (now_moves != stored) {
      std::string what;
      for (std::size_t i = 0; i < std::max(stored.size(), now_moves.size()); ++i) {
        if (i < stored.size() && i < now_moves.size() && stored[i] == now_moves[i]) continue;
        what = i < now_moves.size() ? "the store now gives " + describe(now_moves[i])
                                    : "the store no longer gives " + describe(stored[i]);
        if (i < stored.size() && i < now_moves.size())
          what += ", the plan says " + describe(stored[i]);
        break;
      }
      throw refused("plan " + std::to_string(plan_id) +
                    " is stale: the store changed since it "
                    "was made (" +
                    what +
                    "); nothing was changed; `invhost supersede plan` makes "
                    "a new one");
    }
    if (!dry_run) {
      const std::string now = now_utc_iso();
      for (const auto& m : stored) {
        detail::execute_move(sql, m);
        detail::audit_move(sql, plan_id, "apply", who, now, m);
      }
      const long long id = plan_id;
      sql << "UPDATE supersede_plans SET state = 'applied', applied_at = :t, applied_by = :w, "
             "undone_at = NULL, undone_by = NULL WHERE id = :p",
          soci::use(now), soci::use(who), soci::use(id);
      tr.commit();
    }
  }
  auto out = supersede_plan_details(sql, plan_id);
  out["dry_run"] = dry_run;
  return out;
}

boost::json::object undo_supersede_plan(soci::session& sql, std::int64_t plan_id,
                                        const std::string& who) {
  {
    soci::transaction tr(sql);
    const plan_row p = load_plan(sql, plan_id);
    if (p.state != "applied")
      throw refused("plan " + std::to_string(plan_id) + " is not applied (it is " + p.state +
                    "): there is nothing to undo");
    const auto moves = stored_moves(sql, plan_id);
    const std::string now = now_utc_iso();
    for (auto it = moves.rbegin(); it != moves.rend(); ++it) {
      detail::reverse_move(sql, plan_id, *it);
      detail::audit_move(sql, plan_id, "undo", who, now, *it);
    }
    const long long id = plan_id;
    sql << "UPDATE supersede_plans SET state = 'undone', undone_at = :t, undone_by = :w WHERE "
           "id = :p",
        soci::use(now), soci::use(who), soci::use(id);
    tr.commit();
  }
  return supersede_plan_details(sql, plan_id);
}

}  // namespace invhost::inventory
