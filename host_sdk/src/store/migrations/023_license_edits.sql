-- Every change a person made to a license by hand (local fields, groups, and the name and type
-- of a license recorded locally), who made it and when: the license's history shows these beside
-- what each import changed. Written in the same transaction as the edit itself. old_value or
-- new_value is NULL when the field was empty before or is cleared (a group: added or removed).

CREATE TABLE license_edits (
  id {{autoid}},
  license_id BIGINT NOT NULL,
  field TEXT NOT NULL,        -- display_name | owner | cost_centre | location | notes | group | name | type
  old_value TEXT,
  new_value TEXT,
  actor TEXT NOT NULL,        -- the OS user for the CLI, the signed-in user for the console
  at TEXT NOT NULL            -- UTC, ISO 8601
);
CREATE INDEX license_edits_by_license ON license_edits (license_id, id);
