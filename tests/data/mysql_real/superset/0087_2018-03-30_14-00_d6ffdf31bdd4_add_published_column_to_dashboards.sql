ALTER TABLE dashboards ADD COLUMN published BOOL;

UPDATE dashboards SET published='1';

