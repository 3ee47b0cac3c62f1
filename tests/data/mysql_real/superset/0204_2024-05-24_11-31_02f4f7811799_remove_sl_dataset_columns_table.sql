ALTER TABLE sl_dataset_columns DROP FOREIGN KEY sl_dataset_columns_ibfk_1;

ALTER TABLE sl_dataset_columns DROP FOREIGN KEY sl_dataset_columns_ibfk_2;

DROP TABLE sl_dataset_columns;

