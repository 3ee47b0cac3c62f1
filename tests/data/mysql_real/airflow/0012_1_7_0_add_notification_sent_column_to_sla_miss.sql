ALTER TABLE sla_miss ADD COLUMN notification_sent BOOL;

