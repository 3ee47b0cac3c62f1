ALTER TABLE sl_table_columns DROP FOREIGN KEY sl_table_columns_ibfk_1;

ALTER TABLE sl_table_columns DROP FOREIGN KEY sl_table_columns_ibfk_2;

DROP TABLE sl_table_columns;

