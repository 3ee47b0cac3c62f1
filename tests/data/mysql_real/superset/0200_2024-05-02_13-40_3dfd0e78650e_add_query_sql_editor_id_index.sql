CREATE INDEX ix_sql_editor_id ON query (sql_editor_id);

