ALTER TABLE sl_dataset_tables DROP FOREIGN KEY sl_dataset_tables_ibfk_1;

ALTER TABLE sl_dataset_tables DROP FOREIGN KEY sl_dataset_tables_ibfk_2;

DROP TABLE sl_dataset_tables;

