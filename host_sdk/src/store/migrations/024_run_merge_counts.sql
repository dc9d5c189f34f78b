-- What each merge did to its connection's licenses, written by the merge in its own transaction
-- (also when a held run is applied later). NULL on runs merged before these were recorded and on
-- runs not merged: "not recorded", never 0.

ALTER TABLE runs ADD COLUMN merge_new BIGINT;
ALTER TABLE runs ADD COLUMN merge_updated BIGINT;
ALTER TABLE runs ADD COLUMN merge_retired BIGINT;
ALTER TABLE runs ADD COLUMN merge_returned BIGINT;
ALTER TABLE runs ADD COLUMN merge_superseded BIGINT;
