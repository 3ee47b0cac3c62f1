ALTER TABLE datasources ADD COLUMN fetch_values_from VARCHAR(100);

ALTER TABLE tables ADD COLUMN fetch_values_predicate VARCHAR(1000);

