ALTER TABLE row_level_security_filters ADD COLUMN name VARCHAR(255);

ALTER TABLE row_level_security_filters ADD COLUMN description TEXT;

ALTER TABLE row_level_security_filters MODIFY name VARCHAR(255) NOT NULL;

ALTER TABLE row_level_security_filters ADD CONSTRAINT uq_rls_name UNIQUE (name);

