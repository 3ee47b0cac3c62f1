ALTER TABLE serialized_dag MODIFY data JSON NULL;

ALTER TABLE serialized_dag ADD COLUMN data_compressed BLOB;

