ALTER TABLE saved_query ADD COLUMN uuid BINARY(16);

ALTER TABLE saved_query ADD CONSTRAINT uq_saved_query_uuid UNIQUE (uuid);

