-- contract: the old app is gone
DROP TRIGGER IF EXISTS daily_totals_20_sync_title ON ops.daily_totals_20;
DROP FUNCTION IF EXISTS daily_totals_20_sync_title();
ALTER TABLE ops.daily_totals_20 DROP COLUMN IF EXISTS data;
