-- License positions computed for one date. Reports read the latest reconciliation for a date.

CREATE TABLE reconciliations (
  id {{autoid}},
  as_of TEXT NOT NULL,              -- YYYY-MM-DD (UTC)
  created_at TEXT NOT NULL
);
CREATE INDEX reconciliations_by_date ON reconciliations (as_of, id);

-- The inactivity cut-off used per application: its UTC date at 00:00.
CREATE TABLE reconciliation_cutoffs (
  reconciliation_id BIGINT NOT NULL,
  connection TEXT NOT NULL,
  application_external_id TEXT NOT NULL,
  cutoff_date TEXT NOT NULL,
  PRIMARY KEY (reconciliation_id, connection, application_external_id)
);

CREATE TABLE license_positions (
  reconciliation_id BIGINT NOT NULL,
  license_id BIGINT NOT NULL,
  status TEXT NOT NULL,
  unlimited INTEGER NOT NULL,
  entitled BIGINT NOT NULL,
  consumed BIGINT NOT NULL,
  available BIGINT NOT NULL,        -- meaningless when unlimited
  shortfall BIGINT NOT NULL,
  inactive BIGINT NOT NULL,
  compliance TEXT NOT NULL,         -- compliant | non-compliant | not-applicable
  currency TEXT,                    -- NULL when the cost is unknown
  per_user_cost_minor BIGINT,       -- cents; NULL when unknown
  unused_cost_minor BIGINT,
  true_up_cost_minor BIGINT,
  PRIMARY KEY (reconciliation_id, license_id)
);

CREATE TABLE unallocated_positions (
  reconciliation_id BIGINT NOT NULL,
  connection TEXT NOT NULL,
  application_external_id TEXT NOT NULL,
  users BIGINT NOT NULL,
  PRIMARY KEY (reconciliation_id, connection, application_external_id)
);
