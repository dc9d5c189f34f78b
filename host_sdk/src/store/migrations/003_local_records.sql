-- Records people keep against licenses: groups, purchases and contracts, attachments.
-- Imports never write these tables.

CREATE TABLE license_groups (
  license_id BIGINT NOT NULL,
  group_name TEXT NOT NULL,
  PRIMARY KEY (license_id, group_name)
);

CREATE TABLE purchases (
  id {{autoid}},
  reference TEXT NOT NULL,          -- purchase order, contract or invoice number
  description TEXT NOT NULL DEFAULT '',
  quantity BIGINT NOT NULL,
  amount TEXT NOT NULL DEFAULT '',  -- decimal text for the whole purchase, '' when unknown
  currency TEXT NOT NULL DEFAULT '',
  purchased_at TEXT NOT NULL DEFAULT '',
  effective_at TEXT NOT NULL DEFAULT '',
  ends_at TEXT NOT NULL DEFAULT ''
);

CREATE TABLE license_purchases (
  license_id BIGINT NOT NULL,
  purchase_id BIGINT NOT NULL,
  PRIMARY KEY (license_id, purchase_id)
);

CREATE TABLE attachments (
  id {{autoid}},
  license_id BIGINT NOT NULL,
  name TEXT NOT NULL,
  location TEXT NOT NULL            -- a path or a URI
);
CREATE INDEX attachments_by_license ON attachments (license_id);
