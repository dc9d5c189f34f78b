-- A connection whose adapter supersedes older adapters, once its first import has been merged
-- and reconciled: from then on every license created by those adapters is retired.

CREATE TABLE supersessions (
  superseded_adapter TEXT NOT NULL,
  by_connection TEXT NOT NULL,
  activated_at TEXT NOT NULL,
  PRIMARY KEY (superseded_adapter)
);
