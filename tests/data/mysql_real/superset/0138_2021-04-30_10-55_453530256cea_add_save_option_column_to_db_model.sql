ALTER TABLE dbs ADD COLUMN configuration_method VARCHAR(255) DEFAULT 'sqlalchemy_form';

