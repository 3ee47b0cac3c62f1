-- contract: the old app is gone
DROP TRIGGER IF EXISTS refunds_sync_approved ON refunds;
DROP FUNCTION IF EXISTS refunds_sync_approved();
ALTER TABLE refunds DROP COLUMN IF EXISTS summary;
