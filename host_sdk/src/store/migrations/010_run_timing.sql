-- Where an import's time went: milliseconds spent inside the host's staging sink (database
-- writes of the emitted batches) and the rest of the adapter's import call (fetching, parsing,
-- mapping, pacing and retry waits). NULL for runs recorded before this migration or that never
-- reached the import.
ALTER TABLE runs ADD COLUMN staging_ms BIGINT;
ALTER TABLE runs ADD COLUMN source_ms BIGINT;
