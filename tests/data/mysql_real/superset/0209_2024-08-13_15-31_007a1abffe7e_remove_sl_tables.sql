ALTER TABLE sl_tables DROP FOREIGN KEY sl_tables_ibfk_1;

ALTER TABLE sl_tables DROP FOREIGN KEY sl_tables_ibfk_2;

ALTER TABLE sl_tables DROP FOREIGN KEY sl_tables_ibfk_3;

DROP TABLE sl_tables;

