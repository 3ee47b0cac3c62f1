ALTER TABLE dag ADD COLUMN has_import_errors BOOL DEFAULT '0';

