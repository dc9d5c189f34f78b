-- Inventory: what people see and edit. Imported objects are keyed by (connection, external_id);
-- the external id is the source's own id, never a name. Source-owned columns are rewritten by
-- every merge; local columns (marked) are never touched by an import.
-- Child rows of imported licenses are keyed by the license's external id, so a license that was
-- deleted locally finds its terms and users again when the next import brings it back.

CREATE TABLE applications (
  id {{autoid}},
  connection TEXT NOT NULL,
  external_id TEXT NOT NULL,
  name TEXT NOT NULL,
  product TEXT NOT NULL,
  publisher TEXT NOT NULL,
  activity_threshold_days INTEGER NOT NULL,
  is_active INTEGER,
  source_url TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'active',     -- active | retired (missing from a complete import)
  retired_at TEXT,
  first_seen_run BIGINT NOT NULL,
  last_seen_run BIGINT NOT NULL
);
CREATE UNIQUE INDEX applications_by_key ON applications (connection, external_id);

CREATE TABLE licenses (
  id {{autoid}},
  -- NULL connection and external_id: a license recorded locally, owned entirely by people.
  connection TEXT,
  external_id TEXT,
  created_by_adapter TEXT,
  -- source-owned
  imported_name TEXT NOT NULL,
  license_type TEXT NOT NULL,                -- 'SaaS User' | 'Named User'
  currency TEXT NOT NULL DEFAULT '',
  source_url TEXT NOT NULL DEFAULT '',
  source_created_at TEXT NOT NULL DEFAULT '',
  source_modified_at TEXT NOT NULL DEFAULT '',
  imported_notes TEXT NOT NULL DEFAULT '',
  -- lifecycle, kept by the host
  status TEXT NOT NULL DEFAULT 'active',     -- active | retired
  retired_reason TEXT,
  retired_at TEXT,
  superseded_by TEXT,                        -- connection whose adapter replaced this one
  first_seen_run BIGINT,
  last_seen_run BIGINT,
  -- local
  display_name TEXT,
  owner TEXT,
  cost_centre TEXT,
  location TEXT,
  notes TEXT
);
CREATE UNIQUE INDEX licenses_by_key ON licenses (connection, external_id);
CREATE INDEX licenses_by_status ON licenses (status);

CREATE TABLE license_applications (
  connection TEXT NOT NULL,
  license_external_id TEXT NOT NULL,
  application_external_id TEXT NOT NULL,
  PRIMARY KEY (connection, license_external_id, application_external_id)
);
CREATE INDEX license_applications_by_app ON license_applications (connection, application_external_id);

CREATE TABLE entitlements (
  connection TEXT NOT NULL,
  external_id TEXT NOT NULL,
  license_external_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  sku TEXT NOT NULL,
  term_type TEXT NOT NULL,
  items_allowed BIGINT NOT NULL,
  is_unlimited INTEGER,
  is_active INTEGER,
  hidden INTEGER,
  effective_at TEXT NOT NULL,
  ends_at TEXT NOT NULL,
  annual_cost TEXT NOT NULL,
  per_user_cost TEXT NOT NULL,
  currency TEXT NOT NULL,
  PRIMARY KEY (connection, external_id)
);
CREATE INDEX entitlements_by_license ON entitlements (connection, license_external_id);

CREATE TABLE accessing_users (
  connection TEXT NOT NULL,
  external_id TEXT NOT NULL,
  email TEXT NOT NULL,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  user_name TEXT NOT NULL,
  domain TEXT NOT NULL,
  PRIMARY KEY (connection, external_id)
);

CREATE TABLE consumption (
  connection TEXT NOT NULL,
  external_id TEXT NOT NULL,
  license_external_id TEXT NOT NULL,   -- '' when the source allocated no known license
  application_external_id TEXT NOT NULL,
  accessing_user_external_id TEXT NOT NULL,
  activated_at TEXT NOT NULL,
  deactivated_at TEXT NOT NULL,
  last_activity_at TEXT NOT NULL,
  PRIMARY KEY (connection, external_id, license_external_id)
);
CREATE INDEX consumption_by_license ON consumption (connection, license_external_id);
