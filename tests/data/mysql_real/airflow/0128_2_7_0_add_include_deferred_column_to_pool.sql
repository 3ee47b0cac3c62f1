ALTER TABLE slot_pool ADD COLUMN include_deferred BOOL;

UPDATE slot_pool SET include_deferred = false;

ALTER TABLE slot_pool MODIFY include_deferred BOOL NOT NULL;

