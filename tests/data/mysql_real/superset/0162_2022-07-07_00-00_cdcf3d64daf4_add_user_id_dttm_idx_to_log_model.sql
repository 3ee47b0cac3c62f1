CREATE INDEX ix_logs_user_id_dttm ON logs (user_id, dttm);

