ALTER TABLE slices ADD CONSTRAINT ck_chart_datasource CHECK (datasource_type in ('table'));

