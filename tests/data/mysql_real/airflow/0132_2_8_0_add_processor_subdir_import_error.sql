ALTER TABLE import_error ADD COLUMN processor_subdir TEXT(2000);

