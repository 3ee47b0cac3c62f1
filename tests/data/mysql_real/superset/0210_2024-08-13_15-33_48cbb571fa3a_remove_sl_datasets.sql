ALTER TABLE sl_datasets DROP FOREIGN KEY sl_datasets_ibfk_1;

ALTER TABLE sl_datasets DROP FOREIGN KEY sl_datasets_ibfk_2;

ALTER TABLE sl_datasets DROP FOREIGN KEY sl_datasets_ibfk_3;

DROP TABLE sl_datasets;

