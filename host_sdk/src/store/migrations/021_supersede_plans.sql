-- Switching from the connectors FSM supersedes: replacements a person chose by hand, plans of the
-- moves from each legacy license to its replacement, and an audit log of every move applied or
-- undone. Values are text as the licenses hold them; NULL where the license held NULL.

CREATE TABLE supersede_matches (
  legacy_license_id BIGINT NOT NULL PRIMARY KEY,
  by_connection TEXT NOT NULL,
  fsm_external_id TEXT,                      -- NULL: no replacement, by hand
  set_at TEXT NOT NULL,
  set_by TEXT NOT NULL
);

CREATE TABLE supersede_plans (
  id {{autoid}},
  by_connection TEXT NOT NULL,
  superseded_adapters TEXT NOT NULL,         -- the superseding manifest's list, comma-separated
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  state TEXT NOT NULL,                       -- planned | applied | undone
  applied_at TEXT,
  applied_by TEXT,
  undone_at TEXT,
  undone_by TEXT
);

-- Each legacy license the plan considered and its replacement (NULL: none).
CREATE TABLE supersede_plan_licenses (
  plan_id BIGINT NOT NULL,
  legacy_license_id BIGINT NOT NULL,
  fsm_license_id BIGINT,
  confidence TEXT,
  reason TEXT NOT NULL,
  PRIMARY KEY (plan_id, legacy_license_id)
);

CREATE TABLE supersede_plan_moves (
  plan_id BIGINT NOT NULL,
  seq INTEGER NOT NULL,
  kind TEXT NOT NULL,                        -- purchase | attachment | group | field
  from_license BIGINT NOT NULL,
  to_license BIGINT NOT NULL,
  field TEXT NOT NULL,                       -- group: its name; field: the legacy license's field
  target_field TEXT NOT NULL,                -- field: where the value goes (same field, or notes)
  ref_id BIGINT,                             -- purchase or attachment id
  legacy_value TEXT,                         -- field: the value moved off the legacy license
  target_before TEXT,
  target_after TEXT,
  effect TEXT NOT NULL,                      -- purchase, group: linked | already linked
  PRIMARY KEY (plan_id, seq)
);

CREATE TABLE supersede_audit (
  id {{autoid}},
  plan_id BIGINT NOT NULL,
  action TEXT NOT NULL,                      -- apply | undo
  at TEXT NOT NULL,                          -- UTC, ISO 8601
  who TEXT NOT NULL,
  kind TEXT NOT NULL,
  from_license BIGINT NOT NULL,
  to_license BIGINT NOT NULL,
  field TEXT NOT NULL,
  moved_value TEXT,
  old_value TEXT,
  new_value TEXT
);
CREATE INDEX supersede_audit_by_plan ON supersede_audit (plan_id, id);

-- Applications of the legacy connections that no license active after the switch references
-- (the Salesforce connector made one per component), with the people counted unallocated on
-- them by the newest reconciliation. Listed for a person; a plan does not move them.
CREATE TABLE supersede_plan_applications (
  plan_id BIGINT NOT NULL,
  connection TEXT NOT NULL,
  application_external_id TEXT NOT NULL,
  name TEXT NOT NULL,
  unallocated_users BIGINT NOT NULL,
  PRIMARY KEY (plan_id, connection, application_external_id)
);
