-- What happened to which license, and in which run: added by an import, retired (removed from
-- source or superseded), returned. A run's record lists these by license; the name is kept as
-- it was then, so the list still reads after a license is renamed or deleted locally.
-- run_id is NULL for a change no run made (a supersession ended because its connection went).

CREATE TABLE license_changes (
  id {{autoid}},
  run_id BIGINT,
  at TEXT NOT NULL,
  license_id BIGINT NOT NULL,
  connection TEXT NOT NULL,
  external_id TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,      -- added | retired | returned
  reason TEXT NOT NULL     -- retired: why ("removed from source", "superseded by C"); else ''
);
CREATE INDEX license_changes_by_run ON license_changes (run_id);
CREATE INDEX license_changes_by_license ON license_changes (license_id);
