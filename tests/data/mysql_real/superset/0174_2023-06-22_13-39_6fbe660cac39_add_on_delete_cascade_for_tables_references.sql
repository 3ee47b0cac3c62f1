ALTER TABLE sql_metrics DROP FOREIGN KEY sql_metrics_ibfk_1;

ALTER TABLE sql_metrics ADD CONSTRAINT fk_sql_metrics_table_id_tables FOREIGN KEY(table_id) REFERENCES tables (id) ON DELETE CASCADE;

ALTER TABLE table_columns DROP FOREIGN KEY table_columns_ibfk_1;

ALTER TABLE table_columns ADD CONSTRAINT fk_table_columns_table_id_tables FOREIGN KEY(table_id) REFERENCES tables (id) ON DELETE CASCADE;

ALTER TABLE sqlatable_user DROP FOREIGN KEY sqlatable_user_ibfk_2;

ALTER TABLE sqlatable_user ADD CONSTRAINT fk_sqlatable_user_user_id_ab_user FOREIGN KEY(user_id) REFERENCES ab_user (id) ON DELETE CASCADE;

ALTER TABLE sqlatable_user DROP FOREIGN KEY sqlatable_user_ibfk_1;

ALTER TABLE sqlatable_user ADD CONSTRAINT fk_sqlatable_user_table_id_tables FOREIGN KEY(table_id) REFERENCES tables (id) ON DELETE CASCADE;

