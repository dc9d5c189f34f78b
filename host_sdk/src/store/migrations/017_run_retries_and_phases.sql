-- What a run's requests met and where the rest of a night's time went: requests sent again
-- (retries) and answers asking to slow down (HTTP 429, throttled), as the adapter reported them
-- (NULL: recorded before this migration, or an adapter that does not report them); the time the
-- merge of a run took; the time a reconciliation took. All NULL for rows older than this.
ALTER TABLE runs ADD COLUMN retries BIGINT;
ALTER TABLE runs ADD COLUMN throttled BIGINT;
ALTER TABLE runs ADD COLUMN merge_ms BIGINT;
ALTER TABLE reconciliations ADD COLUMN duration_ms BIGINT;
