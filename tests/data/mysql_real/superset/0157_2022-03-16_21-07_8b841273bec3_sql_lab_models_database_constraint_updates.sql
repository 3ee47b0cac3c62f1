ALTER TABLE tab_state DROP FOREIGN KEY tab_state_ibfk_3;

ALTER TABLE tab_state DROP FOREIGN KEY tab_state_ibfk_4;

ALTER TABLE tab_state ADD CONSTRAINT tab_state_database_id_fkey FOREIGN KEY(database_id) REFERENCES dbs (id) ON DELETE CASCADE;

ALTER TABLE tab_state ADD CONSTRAINT tab_state_latest_query_id_fkey FOREIGN KEY(latest_query_id) REFERENCES query (client_id) ON DELETE SET NULL;

ALTER TABLE table_schema DROP FOREIGN KEY table_schema_ibfk_3;

ALTER TABLE table_schema ADD CONSTRAINT table_schema_database_id_fkey FOREIGN KEY(database_id) REFERENCES dbs (id) ON DELETE CASCADE;

