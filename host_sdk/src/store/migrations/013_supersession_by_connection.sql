-- Supersession is decided per superseded connection: in force (its licenses are retired) or held
-- (the superseding import holds no active license of that connection's publisher; an override
-- applies it). It ends, and the licenses return, when the superseding connection is disabled or
-- removed. Every change is kept as an event, with the run it belongs to when there is one.

CREATE TABLE superseded_connections (
  connection TEXT NOT NULL PRIMARY KEY,
  by_connection TEXT NOT NULL,
  state TEXT NOT NULL,                       -- in_force | held
  reason TEXT,                               -- held: why; in_force: 'override' when overridden
  decided_at TEXT NOT NULL
);

INSERT INTO superseded_connections (connection, by_connection, state, reason, decided_at)
SELECT DISTINCT l.connection, s.by_connection, 'in_force', NULL, s.activated_at
FROM supersessions s JOIN licenses l ON l.created_by_adapter = s.superseded_adapter
WHERE l.connection IS NOT NULL AND l.connection <> s.by_connection;

DROP TABLE supersessions;

CREATE TABLE supersession_events (
  id {{autoid}},
  at TEXT NOT NULL,
  superseded_connection TEXT NOT NULL,
  by_connection TEXT NOT NULL,
  event TEXT NOT NULL,                       -- in force | held | retired on arrival | ended
  licenses BIGINT NOT NULL,                  -- retired (in force, on arrival) or returned (ended)
  reason TEXT,
  run_id BIGINT
);
CREATE INDEX supersession_events_by_run ON supersession_events (run_id);
