-- Console accounts (docs/console.md, "Accounts and sign-in"): people who may sign in to the
-- console, their browser sessions and one-time sign-in links. Only hashes of passwords and of
-- session and link tokens are kept, so a copy of the database signs nobody in. Times used for
-- expiry are whole seconds since 1970-01-01 UTC, compared as integers on both backends.
CREATE TABLE console_users (
  id {{autoid}},
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL,                        -- viewer | editor | admin
  password_hash TEXT NOT NULL,               -- Argon2id, libsodium's encoded string
  created_at TEXT NOT NULL,                  -- UTC, ISO 8601
  disabled INTEGER NOT NULL DEFAULT 0        -- 1: may not sign in
);

CREATE TABLE console_sessions (
  token_hash TEXT NOT NULL PRIMARY KEY,      -- BLAKE2b of the browser's token, hex
  user_id BIGINT NOT NULL,
  csrf_token TEXT NOT NULL,                  -- rendered into the session's forms
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL
);
CREATE INDEX console_sessions_by_user ON console_sessions (user_id);

CREATE TABLE console_signin_links (
  token_hash TEXT NOT NULL PRIMARY KEY,      -- BLAKE2b of the link's token, hex
  user_id BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX console_signin_links_by_user ON console_signin_links (user_id);
