-- People (docs/people.md). A person is derived from the accessing users at query time, one per
-- normalised email; the only thing kept is what people decide: aliases, each an email that is
-- the same person as another. Both columns hold normalised emails.
CREATE TABLE person_aliases (
  alias TEXT NOT NULL PRIMARY KEY,
  person_email TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX person_aliases_by_person ON person_aliases (person_email);

-- The exclusion rules a reconciliation applied (host setting exclude_accounts), in their order,
-- and how many accounts (distinct normalised emails) each was the first to match: the report
-- says what was left out and why, as the positions it shows were computed.
CREATE TABLE reconciliation_exclusions (
  reconciliation_id BIGINT NOT NULL,
  position INTEGER NOT NULL,
  rule TEXT NOT NULL,
  like_pattern TEXT NOT NULL,
  accounts BIGINT NOT NULL,
  PRIMARY KEY (reconciliation_id, position)
);
