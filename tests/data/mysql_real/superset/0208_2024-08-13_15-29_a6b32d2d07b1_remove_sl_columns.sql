ALTER TABLE sl_columns DROP FOREIGN KEY sl_columns_ibfk_1;

ALTER TABLE sl_columns DROP FOREIGN KEY sl_columns_ibfk_2;

DROP TABLE sl_columns;

