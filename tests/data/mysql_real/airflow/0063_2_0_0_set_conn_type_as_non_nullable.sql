UPDATE connection SET conn_type='imap' WHERE connection.conn_id = 'imap_default' AND connection.conn_type IS NULL;

ALTER TABLE connection MODIFY conn_type VARCHAR(500) NOT NULL;

