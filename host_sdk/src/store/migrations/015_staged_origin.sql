-- Where each staged row came from within its stream: the page (batch) number and the record's
-- number in that batch, both from 1. An external id appears once per stream of a run: a repeat
-- with other content is refused naming both positions, which needs the first one kept here.
-- NULL for rows staged before this migration.
ALTER TABLE staged_applications ADD COLUMN origin_page BIGINT;
ALTER TABLE staged_applications ADD COLUMN origin_record BIGINT;
ALTER TABLE staged_licenses ADD COLUMN origin_page BIGINT;
ALTER TABLE staged_licenses ADD COLUMN origin_record BIGINT;
ALTER TABLE staged_entitlements ADD COLUMN origin_page BIGINT;
ALTER TABLE staged_entitlements ADD COLUMN origin_record BIGINT;
ALTER TABLE staged_accessing_users ADD COLUMN origin_page BIGINT;
ALTER TABLE staged_accessing_users ADD COLUMN origin_record BIGINT;
ALTER TABLE staged_consumption ADD COLUMN origin_page BIGINT;
ALTER TABLE staged_consumption ADD COLUMN origin_record BIGINT;
