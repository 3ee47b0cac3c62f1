ALTER TABLE imports ALTER COLUMN checksum TYPE text USING checksum::text;

-- attach a pre-built partition: no ACCESS EXCLUSIVE on the parent for the scan
CREATE TABLE IF NOT EXISTS audit_log_30_2023_05
    (LIKE audit_log_30 INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE audit_log_30_2023_05 ADD CONSTRAINT audit_log_30_2023_05_bounds
    CHECK (occurred_at >= '2023-05-01' AND occurred_at < '2023-06-01');
ALTER TABLE audit_log_30 ATTACH PARTITION audit_log_30_2023_05
    FOR VALUES FROM ('2023-05-01') TO ('2023-06-01');
ALTER TABLE audit_log_30_2023_05 DROP CONSTRAINT audit_log_30_2023_05_bounds;
ALTER TABLE audit_log_30 DETACH PARTITION audit_log_30_2023_02;
DROP TABLE IF EXISTS audit_log_30_2023_02;

ALTER TABLE sensors ADD COLUMN IF NOT EXISTS webhooks_ref bigint;
ALTER TABLE sensors ADD CONSTRAINT sensors_webhooks_fk
    FOREIGN KEY (webhooks_ref) REFERENCES webhooks (id) NOT VALID;
ALTER TABLE sensors VALIDATE CONSTRAINT sensors_webhooks_fk;
