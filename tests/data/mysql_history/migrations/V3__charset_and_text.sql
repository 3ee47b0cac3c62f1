SET SESSION lock_wait_timeout = 5;
ALTER TABLE customers CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
ALTER TABLE customers ADD FULLTEXT INDEX customers_notes_ft (notes);
ALTER TABLE orders ENGINE=InnoDB;
