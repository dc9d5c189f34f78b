-- The newest merged run a reconciliation saw: a report whose reconciliation saw fewer merges than
-- the inventory now holds is stale (its positions predate the inventory). NULL for
-- reconciliations made before this migration (their creation time is compared instead).
ALTER TABLE reconciliations ADD COLUMN last_merged_run BIGINT;
