-- What the merge did with each staged run, and how many records each merged stream carried
-- (the guard compares a run with the last merged run of its connection).

-- merge_status: NULL (not tried) | merged | held | skipped
ALTER TABLE runs ADD COLUMN merge_status TEXT;
ALTER TABLE runs ADD COLUMN merge_reason TEXT;
ALTER TABLE runs ADD COLUMN merged_at TEXT;

CREATE TABLE merged_streams (
  run_id BIGINT NOT NULL,
  connection TEXT NOT NULL,
  kind TEXT NOT NULL,
  records BIGINT NOT NULL,
  PRIMARY KEY (run_id, kind)
);
CREATE INDEX merged_streams_by_connection ON merged_streams (connection, run_id);
