ALTER TABLE dag ADD COLUMN processor_subdir TEXT(2000);

ALTER TABLE serialized_dag ADD COLUMN processor_subdir TEXT(2000);

ALTER TABLE callback_request DROP COLUMN dag_directory;

ALTER TABLE callback_request ADD COLUMN processor_subdir TEXT(2000);

