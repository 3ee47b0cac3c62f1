SET SESSION lock_wait_timeout = 5;
DELIMITER //
CREATE PROCEDURE close_stale()
BEGIN
  UPDATE customers SET status = 'closed' WHERE status = "active" AND id < 0;
  SELECT ROW_COUNT();
END//
DELIMITER ;
UPDATE orders o JOIN customers c ON c.id = o.customer_id SET o.amount = o.amount WHERE c.vip = 1;
ALTER TABLE customers MODIFY email VARCHAR(63) NOT NULL;
ALTER TABLE customers MODIFY email VARCHAR(64) NOT NULL;
