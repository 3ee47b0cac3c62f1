ALTER TABLE row_level_security_filters ADD COLUMN filter_type VARCHAR(255);

ALTER TABLE row_level_security_filters ADD COLUMN group_key VARCHAR(255);

CREATE INDEX ix_row_level_security_filters_filter_type ON row_level_security_filters (filter_type);

UPDATE row_level_security_filters SET filter_type='Regular';

