-- blocking: a foreign key with checks on, INT -> BIGINT, a stored generated column, BLOB -> MEDIUMBLOB
SET SESSION lock_wait_timeout = 5;
ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id);
ALTER TABLE orders MODIFY amount BIGINT NOT NULL DEFAULT 0;
ALTER TABLE audit_log ADD COLUMN kind VARCHAR(20) AS (JSON_UNQUOTE(JSON_EXTRACT(payload, '$.kind'))) STORED;
ALTER TABLE customers MODIFY avatar MEDIUMBLOB;
