SET SESSION lock_wait_timeout = 5;
ALTER TABLE customers MODIFY name VARCHAR(100) NOT NULL DEFAULT '';
ALTER TABLE customers MODIFY status ENUM('active','closed','banned') NOT NULL DEFAULT 'active';
ALTER TABLE orders DROP PRIMARY KEY, ADD PRIMARY KEY (id, customer_id);
ALTER TABLE orders AUTO_INCREMENT = 1000;
