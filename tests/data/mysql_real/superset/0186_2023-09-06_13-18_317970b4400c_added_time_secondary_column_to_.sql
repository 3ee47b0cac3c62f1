ALTER TABLE tables ADD COLUMN always_filter_main_dttm BOOL DEFAULT false;

