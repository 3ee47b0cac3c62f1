-- attach a pre-built partition: no ACCESS EXCLUSIVE on the parent for the scan
CREATE TABLE IF NOT EXISTS audit_log_30_2023_09
    (LIKE audit_log_30 INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE audit_log_30_2023_09 ADD CONSTRAINT audit_log_30_2023_09_bounds
    CHECK (occurred_at >= '2023-09-01' AND occurred_at < '2023-10-01');
ALTER TABLE audit_log_30 ATTACH PARTITION audit_log_30_2023_09
    FOR VALUES FROM ('2023-09-01') TO ('2023-10-01');
ALTER TABLE audit_log_30_2023_09 DROP CONSTRAINT audit_log_30_2023_09_bounds;
ALTER TABLE audit_log_30 DETACH PARTITION audit_log_30_2023_06;
DROP TABLE IF EXISTS audit_log_30_2023_06;
