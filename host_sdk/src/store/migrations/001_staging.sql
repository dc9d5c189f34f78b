-- Runs and staging: what each import delivered, kept per connection and run.
-- Portable SQL for SQLite and PostgreSQL; {{autoid}} becomes the backend's auto-increment key.
-- Text dates are ISO 8601 as the source gave them; money is decimal text; flags are
-- NULL (unknown), 0 or 1.

CREATE TABLE runs (
  id {{autoid}},
  connection TEXT NOT NULL,
  adapter TEXT NOT NULL,
  adapter_version TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  -- running | staged (every stream complete) | incomplete | failed | cancelled
  outcome TEXT NOT NULL,
  error_class TEXT,          -- the ABI status name, e.g. unauthenticated, rate_limited
  error_message TEXT,
  http_status INTEGER,
  requests BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX runs_by_connection ON runs (connection, id);

CREATE TABLE run_streams (
  run_id BIGINT NOT NULL,
  kind TEXT NOT NULL,           -- applications | licenses | entitlements | accessing_users | consumption
  records BIGINT NOT NULL DEFAULT 0,
  pages BIGINT NOT NULL DEFAULT 0,
  completeness TEXT NOT NULL,   -- open | complete | incomplete
  reason TEXT,
  PRIMARY KEY (run_id, kind)
);

CREATE TABLE staged_applications (
  run_id BIGINT NOT NULL,
  connection TEXT NOT NULL,
  external_id TEXT NOT NULL,
  name TEXT NOT NULL,
  product TEXT NOT NULL,
  publisher TEXT NOT NULL,
  activity_threshold_days INTEGER NOT NULL,  -- 90 when the source gave none
  is_active INTEGER,
  source_url TEXT NOT NULL,
  PRIMARY KEY (run_id, external_id)
);

CREATE TABLE staged_licenses (
  run_id BIGINT NOT NULL,
  connection TEXT NOT NULL,
  external_id TEXT NOT NULL,
  name TEXT NOT NULL,
  license_type TEXT NOT NULL,   -- 'SaaS User' | 'Named User'
  currency TEXT NOT NULL,
  created_at TEXT NOT NULL,
  modified_at TEXT NOT NULL,
  notes TEXT NOT NULL,
  source_url TEXT NOT NULL,
  PRIMARY KEY (run_id, external_id)
);

CREATE TABLE staged_license_applications (
  run_id BIGINT NOT NULL,
  connection TEXT NOT NULL,
  license_external_id TEXT NOT NULL,
  application_external_id TEXT NOT NULL,
  PRIMARY KEY (run_id, license_external_id, application_external_id)
);

CREATE TABLE staged_entitlements (
  run_id BIGINT NOT NULL,
  connection TEXT NOT NULL,
  external_id TEXT NOT NULL,
  license_external_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  sku TEXT NOT NULL,
  term_type TEXT NOT NULL,      -- '' | perUser | perLogin | perNode | perLocation | perOrg
  items_allowed BIGINT NOT NULL,
  is_unlimited INTEGER,
  is_active INTEGER,
  hidden INTEGER,
  effective_at TEXT NOT NULL,
  ends_at TEXT NOT NULL,
  annual_cost TEXT NOT NULL,    -- decimal text, '' when unknown
  per_user_cost TEXT NOT NULL,
  currency TEXT NOT NULL,
  PRIMARY KEY (run_id, external_id)
);

CREATE TABLE staged_accessing_users (
  run_id BIGINT NOT NULL,
  connection TEXT NOT NULL,
  external_id TEXT NOT NULL,
  email TEXT NOT NULL,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  user_name TEXT NOT NULL,
  domain TEXT NOT NULL,
  PRIMARY KEY (run_id, external_id)
);

CREATE TABLE staged_consumption (
  run_id BIGINT NOT NULL,
  connection TEXT NOT NULL,
  external_id TEXT NOT NULL,
  license_external_id TEXT NOT NULL,   -- '' when the source allocated no known license
  application_external_id TEXT NOT NULL,
  accessing_user_external_id TEXT NOT NULL,
  activated_at TEXT NOT NULL,
  deactivated_at TEXT NOT NULL,
  last_activity_at TEXT NOT NULL,
  PRIMARY KEY (run_id, external_id, license_external_id)
);
